/**
 * The writes behind the typed mutations: `itemWrites` checks the write scope
 * (the endpoint checked read before anything ran), and its methods call the
 * item operations of domain/items.ts, as the global schema and REST do (the
 * same depth, id, revision and idempotency-key checks), whose errors carry
 * their codes. Every write records its author (domain/authorizer.ts), and
 * `ifRev` makes a write conditional on the item's revision: a stale one is
 * CONFLICT with the item as it is in `extensions.current`. Resolvers check
 * ids with `itemId` (NOT_FOUND for what cannot be an item id) before
 * converting the input, so errors come in that order: scope, id, input,
 * idempotency key, revision.
 */
import * as items from "../domain/items.js";
import { GatewayError } from "../errors/gateway-error.js";
import { ULID_PATTERN } from "../store/item-id.js";
import type { StoredItem } from "../store/item.js";
import type { WriteOptions } from "../store/revision.js";
import type { PodContext } from "./pod-builder.js";

/** The expected revision a write takes (`ifRev`); null or absent writes whatever the revision. */
export type IfRev = number | null | undefined;

export interface ItemWrites {
  create(document: unknown, idempotencyKey: string | null | undefined): Promise<StoredItem>;
  createMany(documents: unknown[], idempotencyKey: string | null | undefined): Promise<StoredItem[]>;
  /** `id` as checked by itemId(). */
  replace(id: string, document: unknown, ifRev: IfRev): Promise<StoredItem>;
  patch(id: string, patch: unknown, ifRev: IfRev): Promise<StoredItem>;
  /** The deleted item's id. With `purge`, no body of the item is kept anywhere (a deleted item can be purged too). */
  delete(id: string, ifRev: IfRev, purge: boolean): Promise<string>;
  /** A new revision equal to revision `rev`; undeletes a deleted item. */
  restore(id: string, rev: number, ifRev: IfRev): Promise<StoredItem>;
}

/** The writes to one actor, once the request has the write scope on the pod. */
export async function itemWrites(ctx: PodContext, actorId: string): Promise<ItemWrites> {
  await ctx.auth.require(ctx.pod, "write");
  const at = { pod: ctx.pod, actorId };
  const by = await ctx.auth.author(ctx.pod);
  const options = (ifRev: IfRev): WriteOptions => ({ by, ifRev: ifRev ?? null });
  return {
    create: (document, key) => items.createItem(ctx.env, at, document, key, { by }),
    createMany: (documents, key) => items.createItems(ctx.env, at, documents, key, { by }),
    replace: (id, document, ifRev) => items.replaceItem(ctx.env, at, id, document, options(ifRev)),
    patch: (id, patch, ifRev) => items.patchItem(ctx.env, at, id, patch, options(ifRev)),
    delete: async (id, ifRev, purge) => (await items.deleteItem(ctx.env, at, id, { ...options(ifRev), purge })).id,
    restore: (id, rev, ifRev) => items.restoreItem(ctx.env, at, id, rev, options(ifRev)),
  };
}

/** The id argument as an item id; NOT_FOUND when it cannot be one. */
export function itemId(id: string | number): string {
  const value = String(id);
  if (!ULID_PATTERN.test(value)) throw new GatewayError("NOT_FOUND", `Item "${value}" not found.`, { id: value });
  return value;
}
