/**
 * The writes behind the typed mutations: `itemWrites` checks the write scope
 * (the endpoint checked read before anything ran), and its methods call the
 * item operations of domain/items.ts, as the global schema and REST do (the
 * same depth, id and idempotency-key checks), whose errors carry their codes. Resolvers check ids with `itemId` (NOT_FOUND for what cannot
 * be an item id) before converting the input, so errors come in that order:
 * scope, id, input, idempotency key.
 */
import * as items from "../domain/items.js";
import { GatewayError } from "../errors/gateway-error.js";
import { ULID_PATTERN } from "../store/item-id.js";
import type { StoredItem } from "../store/item.js";
import type { PodContext } from "./pod-builder.js";

export interface ItemWrites {
  create(document: unknown, idempotencyKey: string | null | undefined): Promise<StoredItem>;
  createMany(documents: unknown[], idempotencyKey: string | null | undefined): Promise<StoredItem[]>;
  /** `id` as checked by itemId(). */
  replace(id: string, document: unknown): Promise<StoredItem>;
  patch(id: string, patch: unknown): Promise<StoredItem>;
  /** The deleted item's id. */
  delete(id: string): Promise<string>;
}

/** The writes to one actor, once the request has the write scope on the pod. */
export async function itemWrites(ctx: PodContext, actorId: string): Promise<ItemWrites> {
  await ctx.auth.require(ctx.pod, "write");
  const at = { pod: ctx.pod, actorId };
  return {
    create: (document, key) => items.createItem(ctx.env, at, document, key),
    createMany: (documents, key) => items.createItems(ctx.env, at, documents, key),
    replace: (id, document) => items.replaceItem(ctx.env, at, id, document),
    patch: (id, patch) => items.patchItem(ctx.env, at, id, patch),
    delete: async (id) => (await items.deleteItem(ctx.env, at, id)).id,
  };
}

/** The id argument as an item id; NOT_FOUND when it cannot be one. */
export function itemId(id: string | number): string {
  const value = String(id);
  if (!ULID_PATTERN.test(value)) throw new GatewayError("NOT_FOUND", `Item "${value}" not found.`, { id: value });
  return value;
}
