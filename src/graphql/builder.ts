/** The Pothos schema builder and the gateway's SchemaTypes; nothing else lives here. */
import SchemaBuilder from "@pothos/core";
import type { GatewayContext } from "../schema-shared/context.js";

export interface GatewaySchemaTypes {
  Context: GatewayContext;
  /** Fields are non-null unless they say `nullable: true`. */
  DefaultFieldNullability: false;
  Scalars: {
    JSON: { Input: unknown; Output: unknown };
  };
}

/** The builder's full SchemaTypes, for helpers that take refs (e.g. connectionType). */
export type BuilderTypes = PothosSchemaTypes.ExtendDefaultTypes<GatewaySchemaTypes>;

export const builder = new SchemaBuilder<GatewaySchemaTypes>({ defaultFieldNullability: false });
