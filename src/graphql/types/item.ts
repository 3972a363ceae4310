/**
 * `Item` (data as JSON until the typed schema lands), the equality filter
 * input, and the item mutations. Mutations take `actor` as an actor's `ref`
 * ("<pod>/<id or name>") or as an id or name together with `pod`; every
 * write records its author, and replace, patch, delete and restore take
 * `ifRev` (a stale one is CONFLICT with the item as it now is in
 * `extensions.current`). An Item knows its actor, for `history`
 * (./item-history.ts).
 */
import * as items from "../../domain/items.js";
import type { Scope } from "../../auth/scopes.js";
import { GatewayError } from "../../errors/gateway-error.js";
import type { ActorRecord } from "../../store/actor-record.js";
import { toIndexValue } from "../../store/index-path.js";
import type { StoredItem } from "../../store/item.js";
import type { IndexValue } from "../../store/index-path.js";
import type { ItemQuery } from "../../store/item-query.js";
import type { ActorAddress } from "../../domain/items.js";
import { ULID_PATTERN } from "../../store/item-id.js";
import { builder } from "../builder.js";
import type { GatewayContext } from "../../schema-shared/context.js";
import type { Page } from "../../schema-shared/connection.js";
import { IDEMPOTENCY_KEY_HELP } from "../../objects/idempotency.js";

/** An item as the global schema resolves it: the stored record and the actor it belongs to. */
export interface ItemNode extends StoredItem {
  pod: string;
  actorId: string;
}

export function itemNode(at: ActorAddress, item: StoredItem): ItemNode {
  return { ...item, pod: at.pod, actorId: at.actorId };
}

export const ItemRef = builder.objectRef<ItemNode>("Item").implement({
  description: "One stored JSON document.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Time-ordered: ids sort in insertion order." }),
    ts: t.float({ description: "Creation time, ms since the epoch.", resolve: (i) => i.ts }),
    updatedAt: t.float({ description: "Time of the last write (replace, patch, restore).", resolve: (i) => i.updatedTs }),
    rev: t.exposeInt("rev", { description: "1 on creation, +1 on each write (replace, patch, restore; a deletion is a revision too). Pass it as `ifRev` to write only while the item is unchanged." }),
    schemaVersion: t.exposeInt("schemaVersion"),
    data: t.field({ type: "JSON", resolve: (i) => JSON.parse(i.body) as unknown }),
  }),
});

export const ItemFilterInput = builder.inputType("ItemFilter", {
  description: "Equality on an indexed path: items whose value at `path` equals `eq` (or, for arrays, contains it).",
  fields: (t) => ({
    path: t.string({ required: true, description: 'A dotted path declared in the actor\'s indexes, e.g. "metadata.type".' }),
    eq: t.field({ type: "JSON", description: "A string, number, boolean or null." }),
  }),
});

export function toItemFilters(where: { path: string; eq?: unknown }[]): { path: string; values: IndexValue[] }[] {
  return where.map(({ path, eq }) => {
    const value = eq ?? null;
    if (value !== null && typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      throw new GatewayError("BAD_USER_INPUT", `Filter on "${path}": eq must be a string, number, boolean or null.`, { argument: "where", path });
    }
    return { path, values: [toIndexValue(value)] };
  });
}

/** A page of an actor's items through the request's item-query loader (batched, within the request's work budget). */
export async function itemPage(ctx: GatewayContext, actor: ActorRecord, query: ItemQuery): Promise<Page<ItemNode>> {
  if (query.after != null && !ULID_PATTERN.test(query.after)) {
    throw new GatewayError("INVALID_CURSOR", `"after" must be a cursor returned by a previous page.`, { after: query.after });
  }
  const page = await ctx.loaders.itemQuery.load({ pod: actor.pod, actorId: actor.id, query });
  const at = { pod: actor.pod, actorId: actor.id };
  const nodes = page.edges.map((e) => itemNode(at, e.item));
  // A past revision is not the item as it is now.
  if (query.asOf == null) for (const item of nodes) ctx.loaders.item.prime({ ...at, id: item.id }, item);
  return { nodes, cursorOf: (i) => i.id, hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage };
}

/** Resolves the `pod`/`actor` arguments of an item mutation or subscription to the actor's object, once the caller's scope on the pod is checked. */
export async function resolveActorAddress(ctx: GatewayContext, pod: string | null | undefined, actor: string, scope: Scope): Promise<ActorAddress> {
  let podName = pod ?? null;
  let key = actor;
  if (podName === null) {
    const slash = actor.indexOf("/");
    if (slash < 0) throw new GatewayError("BAD_USER_INPUT", `"actor" must be an actor ref ("<pod>/<id>") unless "pod" is given.`, { argument: "actor" });
    podName = actor.slice(0, slash);
    key = actor.slice(slash + 1);
  }
  await ctx.auth.require(podName, scope);
  if (ULID_PATTERN.test(key)) return { pod: podName, actorId: key };
  const record = await ctx.loaders.actor.load({ pod: podName, actor: key });
  if (!record) throw new GatewayError("NOT_FOUND", `Actor "${key}" not found in pod "${podName}".`, { pod: podName, actor: key });
  return { pod: podName, actorId: record.id };
}

const IF_REV_HELP = "Write only while the item is at this revision (its `rev`; for a deleted item, its deletion's); otherwise CONFLICT, with the item as it now is in `extensions.current`.";

builder.mutationFields((t) => {
  const target = {
    pod: t.arg.string({ description: "The pod, when `actor` is an id or name rather than a ref." }),
    actor: t.arg.id({ required: true, description: 'An actor ref ("<pod>/<id>"), or an id or name with `pod`.' }),
  };
  const ifRev = () => t.arg.int({ description: IF_REV_HELP });
  /** The actor written to, once the caller may write to its pod, and who the write is recorded as. */
  const writing = async (ctx: GatewayContext, pod: string | null | undefined, actor: string | number) => {
    const at = await resolveActorAddress(ctx, pod, String(actor), "write");
    return { at, by: await ctx.auth.author(at.pod) };
  };
  const written = (ctx: GatewayContext, at: ActorAddress, item: StoredItem) => {
    ctx.loaders.item.clear({ ...at, id: item.id }).prime({ ...at, id: item.id }, item);
    return itemNode(at, item);
  };
  return {
    createItem: t.field({
      type: ItemRef,
      description: "Stores a new item; it must satisfy the actor's JSON Schema.",
      args: { ...target, data: t.arg({ type: "JSON", required: true }), idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_HELP }) },
      resolve: async (_, args, ctx) => {
        const { at, by } = await writing(ctx, args.pod, args.actor);
        return written(ctx, at, await items.createItem(ctx.env, at, args.data, args.idempotencyKey, { by }));
      },
    }),
    createItems: t.field({
      type: [ItemRef],
      description: "Stores a batch in one transaction: all valid and stored, or none stored with every violation reported by its index (at most 500).",
      args: { ...target, data: t.arg({ type: ["JSON"], required: true }), idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_HELP }) },
      resolve: async (_, args, ctx) => {
        const { at, by } = await writing(ctx, args.pod, args.actor);
        return (await items.createItems(ctx.env, at, args.data, args.idempotencyKey, { by })).map((item) => written(ctx, at, item));
      },
    }),
    replaceItem: t.field({
      type: ItemRef,
      description: "Replaces an item's data; the replaced revision is kept in its history.",
      args: { ...target, id: t.arg.id({ required: true }), data: t.arg({ type: "JSON", required: true }), ifRev: ifRev() },
      resolve: async (_, args, ctx) => {
        const { at, by } = await writing(ctx, args.pod, args.actor);
        return written(ctx, at, await items.replaceItem(ctx.env, at, String(args.id), args.data, { by, ifRev: args.ifRev }));
      },
    }),
    patchItem: t.field({
      type: ItemRef,
      description: "Applies a JSON Merge Patch (RFC 7386) to an item's data, then validates the result.",
      args: { ...target, id: t.arg.id({ required: true }), patch: t.arg({ type: "JSON", required: true }), ifRev: ifRev() },
      resolve: async (_, args, ctx) => {
        const { at, by } = await writing(ctx, args.pod, args.actor);
        return written(ctx, at, await items.patchItem(ctx.env, at, String(args.id), args.patch, { by, ifRev: args.ifRev }));
      },
    }),
    deleteItem: t.id({
      description: "Deletes an item and returns its id. The deletion is a revision of its own: the item's history stays, and restoreItem undeletes it.",
      args: {
        ...target,
        id: t.arg.id({ required: true }),
        ifRev: ifRev(),
        purge: t.arg.boolean({ description: "Also remove every body of the item kept for history (revisions, change log, idempotency records): only the deletion stays. An item already deleted can be purged too." }),
      },
      resolve: async (_, args, ctx) => {
        const { at, by } = await writing(ctx, args.pod, args.actor);
        const { id } = await items.deleteItem(ctx.env, at, String(args.id), { by, ifRev: args.ifRev, purge: args.purge === true });
        ctx.loaders.item.clear({ ...at, id });
        return id;
      },
    }),
    restoreItem: t.field({
      type: ItemRef,
      description: "Writes a new revision equal to revision `rev` of an item (validated against today's schema); undeletes a deleted item.",
      args: { ...target, id: t.arg.id({ required: true }), rev: t.arg.int({ required: true }), ifRev: ifRev() },
      resolve: async (_, args, ctx) => {
        const { at, by } = await writing(ctx, args.pod, args.actor);
        return written(ctx, at, await items.restoreItem(ctx.env, at, String(args.id), args.rev, { by, ifRev: args.ifRev }));
      },
    }),
  };
});
