/**
 * The writes behind the typed mutations, in one place so the route to the
 * store can change here alone: `itemWrites` checks the write scope (the
 * endpoint checked read before anything ran), and its methods call the
 * actor's object through its stub and unwrap the result, whose errors carry
 * their codes. Resolvers check ids with `itemId` (NOT_FOUND for what cannot
 * be an item id) before converting the input, so errors come in that order:
 * scope, id, input, idempotency key.
 */
import { GatewayError } from "../errors/gateway-error.js";
import { unwrap } from "../errors/result.js";
import { checkIdempotencyKey } from "../objects/idempotency.js";
import { storeStub } from "../objects/stubs.js";
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
  const store = storeStub(ctx.env, ctx.pod, actorId);
  return {
    create: async (document, key) => unwrap(await store.createItem(document, idempotent(key))),
    createMany: async (documents, key) => unwrap(await store.createItems(documents, idempotent(key))),
    replace: async (id, document) => unwrap(await store.replaceItem(id, document)),
    patch: async (id, patch) => unwrap(await store.patchItem(id, patch)),
    delete: async (id) => unwrap(await store.deleteItem(id)).id,
  };
}

/** A checked idempotency key, or undefined without one. */
function idempotent(key: string | null | undefined): string | undefined {
  if (key == null) return undefined;
  checkIdempotencyKey(key);
  return key;
}

/** The id argument as an item id; NOT_FOUND when it cannot be one. */
export function itemId(id: string | number): string {
  const value = String(id);
  if (!ULID_PATTERN.test(value)) throw new GatewayError("NOT_FOUND", `Item "${value}" not found.`, { id: value });
  return value;
}
