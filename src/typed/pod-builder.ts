/**
 * The Pothos builder for one pod's typed schema. A fresh builder per build:
 * each pod (and each schema version of it) is its own schema.
 */
import SchemaBuilder from "@pothos/core";
import type { GatewayContext } from "../schema-shared/context.js";

export interface PodContext extends GatewayContext {
  /** The pod whose typed endpoint this request reached. */
  pod: string;
}

export interface PodSchemaTypes {
  Context: PodContext;
  DefaultFieldNullability: false;
  Scalars: {
    JSON: { Input: unknown; Output: unknown };
    DateTime: { Input: string; Output: string };
    Date: { Input: string; Output: string };
    EmailAddress: { Input: string; Output: string };
    URI: { Input: string; Output: string };
  };
}

export function createPodBuilder() {
  return new SchemaBuilder<PodSchemaTypes>({ defaultFieldNullability: false });
}

export type PodBuilder = ReturnType<typeof createPodBuilder>;

/** The builder's full SchemaTypes, for field builder types in helpers. */
export type PodTypes = PothosSchemaTypes.ExtendDefaultTypes<PodSchemaTypes>;
