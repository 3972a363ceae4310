/** `Actor`, with the actor mutations. */
import { actorState, createActor, deleteActor, forkActor, updateActor } from "../../domain/actors.js";
import { itemRevision } from "../../domain/items.js";
import { GatewayError } from "../../errors/gateway-error.js";
import { parseActor, type ActorRecord } from "../../store/actor-record.js";
import { podStub } from "../../objects/stubs.js";
import type { GatewayContext } from "../../schema-shared/context.js";
import { builder } from "../builder.js";
import type { Page } from "../../schema-shared/connection.js";
import { connectionType, pageSize } from "./connection.js";
import { ItemFilterInput, ItemRef, itemNode, itemPage, toItemFilters, type ItemNode } from "./item.js";
import { equalityWhere } from "../../store/item-query.js";
import { parseInstant, revisionItem } from "../../store/revision.js";
import { nullWhenNotFound, revisionChars } from "../../schema-shared/history.js";

const AS_OF_HELP = "An ISO 8601 date-time or ms since the epoch (as a string): the items as they were then.";

export const ActorRef = builder.objectRef<ActorRecord>("Actor");

const FormatModeEnum = builder.enumType("FormatMode", {
  description: "Whether an actor's JSON Schema `format` keywords are checked.",
  values: {
    ASSERT: { value: "assert", description: "A string that does not match its format is refused (the default); typed GraphQL gives it a scalar such as DateTime." },
    ANNOTATE: { value: "annotate", description: "`format` is only an annotation, as draft 2020-12 says by default; typed GraphQL keeps such strings as String." },
  } as const,
});

const ConfigProblemRef = builder.objectRef<{ path: string; message: string }>("ConfigProblem").implement({
  description: "What today's checks say of a config an earlier version stored; the actor works regardless.",
  fields: (t) => ({ path: t.exposeString("path", { description: "JSON Pointer into the config." }), message: t.exposeString("message") }),
});

export const SchemaChangePolicyEnum = builder.enumType("SchemaChangePolicy", {
  description: "What to do when stored items violate a new schema.",
  values: {
    REJECT: { value: "reject", description: "Refuse the change and report the violating items (default)." },
    KEEP: { value: "keep", description: "Accept the change; violating items stay as they are." },
  } as const,
});

ActorRef.implement({
  description: "A store actor: JSON items validated by its JSON Schema.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Unique within the pod; the REST actorId." }),
    ref: t.id({ description: 'Unique across pods: "<pod>/<id>". Mutations accept it as `actor`.', resolve: (a) => `${a.pod}/${a.id}` }),
    pod: t.exposeString("pod"),
    name: t.exposeString("name", { nullable: true }),
    actorType: t.exposeString("actorType"),
    version: t.exposeString("version"),
    schema: t.field({ type: "JSON", resolve: (a) => a.config.schema }),
    indexes: t.stringList({ resolve: (a) => a.config.indexes }),
    params: t.field({ type: "JSON", resolve: (a) => a.config.params }),
    format: t.field({ type: FormatModeEnum, resolve: (a) => a.config.format ?? "assert" }),
    resources: t.field({ type: "JSON", description: "Schemas `$ref` may name by absolute URI; {} when none.", resolve: (a) => a.config.resources ?? {} }),
    configVersion: t.exposeInt("configVersion"),
    configProblems: t.field({
      type: [ConfigProblemRef],
      description: "What today's creation checks would refuse in the stored config ([] when nothing); asks the actor's object.",
      resolve: async (a, _, ctx) => (await actorState(ctx.env, a.pod, a.id)).configProblems,
    }),
    createdAt: t.float({ resolve: (a) => a.createdAt }),
    updatedAt: t.float({ resolve: (a) => a.updatedAt }),
    openapi: t.string({ description: "Absolute URL of the actor's OpenAPI document.", resolve: (a, _, ctx) => `${ctx.origin}/pods/${encodeURIComponent(a.pod)}/actors/${a.id}/openapi.json` }),
    items: t.field({
      type: connectionType("Item", ItemRef),
      description: "Items oldest first. `where` filters by equality on indexed paths, before the page limit. With `asOf`, the items as they were then, each at its revision current then (`where` reads those revisions).",
      args: { first: t.arg.int(), after: t.arg.string(), where: t.arg({ type: [ItemFilterInput] }), asOf: t.arg.string({ description: AS_OF_HELP }) },
      resolve: (actor, args, ctx) =>
        itemPage(ctx, actor, {
          where: equalityWhere(toItemFilters(args.where ?? [])),
          orderBy: [],
          first: pageSize(args.first),
          after: args.after ?? null,
          ...(args.asOf != null ? { asOf: parseInstant(args.asOf, "asOf") } : {}),
        }),
    }),
    item: t.field({
      type: ItemRef,
      nullable: true,
      description: "An item, or null. With `rev`, that revision of it; with `asOf`, the revision current then (null when it was deleted or did not exist then).",
      args: { id: t.arg.id({ required: true }), rev: t.arg.int(), asOf: t.arg.string({ description: "An ISO 8601 date-time or ms since the epoch (as a string)." }) },
      resolve: (actor, args, ctx) => itemOf(ctx, actor, String(args.id), args.rev ?? null, args.asOf ?? null),
    }),
  }),
});

/** The item as it is (through the loader), as revision `rev` left it, or as it was at `asOf`. */
async function itemOf(ctx: GatewayContext, actor: ActorRecord, id: string, rev: number | null, asOf: string | null): Promise<ItemNode | null> {
  const at = { pod: actor.pod, actorId: actor.id };
  if (rev !== null && asOf !== null) throw new GatewayError("BAD_USER_INPUT", 'Pass "rev" or "asOf", not both.', { argument: "asOf" });
  if (rev === null && asOf === null) {
    const item = await ctx.loaders.item.load({ ...at, id });
    return item && itemNode(at, item);
  }
  const selector = rev !== null ? { rev } : { at: parseInstant(asOf!, "asOf") };
  const revision = await nullWhenNotFound(ctx.loaders.bounded(() => itemRevision(ctx.env, at, id, selector), (r) => revisionChars([r])));
  const item = revision && revisionItem(revision);
  return item && itemNode(at, item);
}

export async function actorPage(ctx: GatewayContext, pod: string, limit: number, after: string | null): Promise<Page<ActorRecord>> {
  const pods = await ctx.loaders.pod.load(pod);
  if (!pods) throw new GatewayError("NOT_FOUND", `Pod "${pod}" not found.`, { pod });
  const actors = (await podStub(ctx.env, pod).listActors(pod, limit + 1, after)).map(parseActor);
  for (const a of actors) ctx.loaders.actor.prime({ pod, actor: a.id }, a);
  return { nodes: actors.slice(0, limit), cursorOf: (a) => a.id, hasNextPage: actors.length > limit };
}

builder.mutationFields((t) => ({
  createActor: t.field({
    type: ActorRef,
    description: 'Creates a store actor. `config` is `{ actorType: "store", version: "v1", schema, indexes?, params? }`.',
    args: { pod: t.arg.string({ required: true }), config: t.arg({ type: "JSON", required: true }), name: t.arg.string() },
    resolve: async (_, args, ctx) => {
      await ctx.auth.require(args.pod, "admin");
      return createActor(ctx.env, args.pod, args.config, args.name ?? null);
    },
  }),
  deleteActor: t.id({
    description: "Deletes an actor and everything it stores (items, history, change log); open streams on it end. Needs the admin scope. Idempotent; returns the id or name given.",
    args: { pod: t.arg.string({ required: true }), actor: t.arg.id({ required: true, description: "The actor's id or name." }) },
    resolve: async (_, args, ctx) => {
      await ctx.auth.require(args.pod, "admin");
      return (await deleteActor(ctx.env, args.pod, String(args.actor))).actor;
    },
  }),
  forkActor: t.field({
    type: ActorRef,
    description: "Creates an actor with the same config holding the items of `actor` as they were at `asOf` (now when left out), under the same ids, each as its revision 1. Needs the admin scope.",
    args: {
      pod: t.arg.string({ required: true }),
      actor: t.arg.id({ required: true, description: "The actor's id or name." }),
      name: t.arg.string({ description: "The new actor's name; unnamed when left out." }),
      asOf: t.arg.string({ description: AS_OF_HELP }),
    },
    resolve: async (_, args, ctx) => {
      await ctx.auth.require(args.pod, "admin");
      const asOf = args.asOf == null ? null : parseInstant(args.asOf, "asOf");
      return (await forkActor(ctx.env, args.pod, String(args.actor), { name: args.name ?? null, asOf, by: await ctx.auth.author(args.pod) })).actor;
    },
  }),
  updateActor: t.field({
    type: ActorRef,
    description: "Changes an actor's schema, indexes, params, format mode or resources. A change never drops items (new indexes are filled from stored items); only retention_days expires them.",
    args: {
      pod: t.arg.string({ required: true }),
      actor: t.arg.id({ required: true, description: "The actor's id or name." }),
      schema: t.arg({ type: "JSON" }),
      indexes: t.arg.stringList(),
      params: t.arg({ type: "JSON" }),
      format: t.arg({ type: FormatModeEnum }),
      resources: t.arg({ type: "JSON" }),
      policy: t.arg({ type: SchemaChangePolicyEnum, defaultValue: "reject" }),
    },
    resolve: async (_, args, ctx) => {
      await ctx.auth.require(args.pod, "admin");
      const change = {
        ...(args.schema !== undefined && args.schema !== null ? { schema: args.schema } : {}),
        ...(args.indexes ? { indexes: args.indexes } : {}),
        ...(args.params !== undefined && args.params !== null ? { params: args.params } : {}),
        ...(args.format ? { format: args.format } : {}),
        ...(args.resources !== undefined && args.resources !== null ? { resources: args.resources } : {}),
      };
      return (await updateActor(ctx.env, args.pod, String(args.actor), change, args.policy ?? "reject")).actor;
    },
  }),
}));
