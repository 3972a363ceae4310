/**
 * Builds one pod's typed GraphQL schema from its named store actors, as a
 * pipeline (src/typed/README.md describes each step):
 *
 *   1. names and shapes: each actor, in creation order, claims its names and
 *      maps its JSON Schema to shapes (./actor-api.ts, ./map-schema.ts);
 *   2. shape types: enums, objects, unions, inputs (./object-types.ts);
 *   3. actor types: item, connection, where, orderBy, change (./actor-types.ts);
 *   4. root fields: queries, mutations, subscriptions (./*-fields.ts).
 *
 * Steps 2 and 3 run for every actor before Pothos builds any field, so an
 * `x-ref` can point at an actor created later. Pothos' static types are
 * widened only in ./type-registry.ts.
 */
import type { GraphQLSchema } from "graphql";
import { lexicographicSortSchema } from "graphql";
import { actorApi, podScopes, type ActorApi, type TypedActorSpec } from "./actor-api.js";
import { addActorTypes } from "./actor-types.js";
import { createBuildContext } from "./build-context.js";
import { makeInflection, SCHEMA_VERSION_FIELD, type Inflection } from "./inflection.js";
import { mutationFields } from "./mutation-fields.js";
import { addShapeTypes } from "./object-types.js";
import { queryFields } from "./query-fields.js";
import { subscriptionFields } from "./subscription-fields.js";

export type { ActorApi, TypedActorSpec } from "./actor-api.js";

export interface PodSchema {
  schema: GraphQLSchema;
  actors: ActorApi[];
}

export interface BuildOptions {
  /** Names to give instead of ./inflection.ts's defaults. */
  inflection?: Partial<Inflection>;
}

export function buildPodSchema(actors: TypedActorSpec[], schemaVersion: number, options: BuildOptions = {}): PodSchema {
  const ctx = createBuildContext(makeInflection(options.inflection));
  const scopes = podScopes(ctx.types);
  const apis = actors.map((actor) => actorApi(actor, scopes, ctx.inflection));
  for (const api of apis) addShapeTypes(ctx, api.mapped);
  const perActor = apis.map((api, i) => addActorTypes(ctx, api, actors[i]!));

  ctx.builder.queryType({
    fields: (t) => ({
      [SCHEMA_VERSION_FIELD]: t.int({ description: "Changes whenever an actor of this pod is added or changed.", resolve: () => schemaVersion }),
      ...Object.fromEntries(perActor.flatMap((types) => Object.entries(queryFields(t, types)))),
    }),
  });
  if (perActor.length > 0) {
    ctx.builder.mutationType({ fields: (t) => Object.fromEntries(perActor.flatMap((types) => Object.entries(mutationFields(ctx, t, types)))) });
    ctx.builder.subscriptionType({ fields: (t) => Object.fromEntries(perActor.flatMap((types) => Object.entries(subscriptionFields(t, types)))) });
  }
  return { schema: lexicographicSortSchema(ctx.builder.toSchema()), actors: apis };
}
