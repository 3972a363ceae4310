/**
 * Item operations shared by REST and GraphQL. They go straight to the store
 * actor's object: it answers NOT_FOUND itself when it was never configured, so
 * an item request costs one Durable Object call.
 */
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { unwrap } from "../errors/result.js";
import { storeStub } from "../objects/stubs.js";
import type { ItemQueryPage, StoredItem } from "../store/item.js";
import type { ItemQuery } from "../store/item-query.js";
import { ULID_PATTERN } from "../store/item-id.js";
import { LIMITS } from "../limits.js";
import { tooDeepAt } from "../store/json-depth.js";
import { POD_NAME_PATTERN } from "../names.js";
import { checkIdempotencyKey } from "../objects/idempotency.js";

export interface ActorAddress {
  pod: string;
  actorId: string;
}

function store(env: Env, at: ActorAddress) {
  if (!POD_NAME_PATTERN.test(at.pod) || !ULID_PATTERN.test(at.actorId)) {
    throw new GatewayError("NOT_FOUND", `Actor "${at.actorId}" not found in pod "${at.pod}".`, { pod: at.pod, actor: at.actorId });
  }
  return storeStub(env, at.pod, at.actorId);
}

/** Item ids are checked before any call: a malformed id is simply not found. */
function checkItemId(id: string): void {
  if (!ULID_PATTERN.test(id)) throw new GatewayError("NOT_FOUND", `Item "${id}" not found.`, { id });
}

/** Refuses a document (or patch) too deeply nested to send to the actor's object; `prefix` locates it in a batch. */
function checkDepth(value: unknown, prefix = ""): void {
  const found = tooDeepAt(value);
  if (found === null) return;
  const at = prefix + found;
  throw new GatewayError("BAD_USER_INPUT", `The document nests arrays and objects more than ${LIMITS.maxJsonDepth} levels deep (at "${at}").`, { path: at, maxDepth: LIMITS.maxJsonDepth });
}

/** With an idempotency key, a retry of the same create answers the first result and stores nothing (objects/idempotency.ts). */
export async function createItem(env: Env, at: ActorAddress, body: unknown, idempotencyKey?: string | null): Promise<StoredItem> {
  checkDepth(body);
  if (idempotencyKey != null) checkIdempotencyKey(idempotencyKey);
  return unwrap(await store(env, at).createItem(body, idempotencyKey ?? undefined));
}

/** Stores a batch in one transaction: all stored, or none with every violation reported by index. */
export async function createItems(env: Env, at: ActorAddress, bodies: unknown[], idempotencyKey?: string | null): Promise<StoredItem[]> {
  if (Array.isArray(bodies)) bodies.forEach((body, i) => checkDepth(body, `/${i}`));
  if (idempotencyKey != null) checkIdempotencyKey(idempotencyKey);
  return unwrap(await store(env, at).createItems(bodies, idempotencyKey ?? undefined));
}

export async function getItem(env: Env, at: ActorAddress, id: string): Promise<StoredItem> {
  checkItemId(id);
  const [item] = unwrap(await store(env, at).getItems([id]));
  if (!item) throw new GatewayError("NOT_FOUND", `Item "${id}" not found.`, { id });
  return item;
}

/**
 * One page of items through the store actor's one query engine (store/item-query.ts), for REST;
 * GraphQL goes through the request's loader (loaders/loaders.ts), which batches and carries the
 * request's work budget.
 */
export async function queryItems(env: Env, at: ActorAddress, query: ItemQuery): Promise<ItemQueryPage> {
  const [page] = unwrap(await store(env, at).queryItems([query])).pages;
  return unwrap(page!);
}

export async function replaceItem(env: Env, at: ActorAddress, id: string, body: unknown): Promise<StoredItem> {
  checkItemId(id);
  checkDepth(body);
  return unwrap(await store(env, at).replaceItem(id, body));
}

export async function patchItem(env: Env, at: ActorAddress, id: string, patch: unknown): Promise<StoredItem> {
  checkItemId(id);
  checkDepth(patch);
  return unwrap(await store(env, at).patchItem(id, patch));
}

export async function deleteItem(env: Env, at: ActorAddress, id: string): Promise<{ id: string; deleted: true }> {
  checkItemId(id);
  return unwrap(await store(env, at).deleteItem(id));
}
