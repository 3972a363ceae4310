/**
 * The names an actor gets in its pod's schema (ActorApi), and its mapped
 * shapes: the first step of the build, run for every actor in creation order
 * before any type is made, so each claims its names in a fixed order.
 */
import type { StoreConfig } from "../store/store-config.js";
import { NameScope, SCHEMA_VERSION_FIELD, type Inflection } from "./inflection.js";
import { mapActorSchema, type MappedActor } from "./map-schema.js";

/** What the builder needs to know about an actor. */
export interface TypedActorSpec {
  id: string;
  name: string;
  config: StoreConfig;
  /** Every stored item satisfies the current schema (no "keep" policy change left violators). */
  strict: boolean;
}

/** The names an actor got in the pod schema, for docs, tests and clients. */
export interface ActorApi {
  actorId: string;
  actorName: string;
  typeName: string;
  inputName: string | null;
  patchName: string | null;
  listField: string;
  byIdField: string;
  historyField: string;
  subscriptions: { added: string; changes: string };
  mutations: { create: string; createMany: string; replace: string; patch: string; delete: string; restore: string };
  mapped: MappedActor;
}

/** The pod-wide name scopes: types, and the fields of each root type. */
export interface PodScopes {
  types: NameScope;
  queries: NameScope;
  mutations: NameScope;
  subscriptions: NameScope;
}

export function podScopes(types: NameScope): PodScopes {
  return { types, queries: new NameScope([SCHEMA_VERSION_FIELD]), mutations: new NameScope(), subscriptions: new NameScope() };
}

/** Claims an actor's names and maps its schema. */
export function actorApi(actor: TypedActorSpec, scopes: PodScopes, names: Inflection): ActorApi {
  const typeName = scopes.types.claim(names.itemType(actor.name));
  const mapped = mapActorSchema(actor.config.schema, { prefix: typeName, types: scopes.types, strict: actor.strict, formats: actor.config.format !== "annotate", inflection: names });
  const root = mapped.root.kind === "object" ? mapped.root.def : null;
  const { queries, mutations, subscriptions } = scopes;
  return {
    actorId: actor.id,
    actorName: actor.name,
    typeName,
    inputName: root ? root.inputName : null,
    patchName: root ? root.patchName : null,
    listField: queries.claim(names.listField(actor.name)),
    byIdField: queries.claim(names.byIdField(actor.name)),
    historyField: queries.claim(names.historyField(actor.name)),
    subscriptions: { added: subscriptions.claim(names.addedSubscription(actor.name)), changes: subscriptions.claim(names.changesSubscription(actor.name)) },
    mutations: {
      create: mutations.claim(names.createMutation(typeName)),
      createMany: mutations.claim(names.createManyMutation(typeName)),
      replace: mutations.claim(names.replaceMutation(typeName)),
      patch: mutations.claim(names.patchMutation(typeName)),
      delete: mutations.claim(names.deleteMutation(typeName)),
      restore: mutations.claim(names.restoreMutation(typeName)),
    },
    mapped,
  };
}
