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
import { checkRev, type Revision, type RevisionSelector, type WriteOptions } from "../store/revision.js";
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
export async function createItem(env: Env, at: ActorAddress, body: unknown, idempotencyKey?: string | null, options: WriteOptions = {}): Promise<StoredItem> {
  checkDepth(body);
  if (idempotencyKey != null) checkIdempotencyKey(idempotencyKey);
  return unwrap(await store(env, at).createItem(body, idempotencyKey ?? undefined, options));
}

/** Stores a batch in one transaction: all stored, or none with every violation reported by index. */
export async function createItems(env: Env, at: ActorAddress, bodies: unknown[], idempotencyKey?: string | null, options: WriteOptions = {}): Promise<StoredItem[]> {
  if (Array.isArray(bodies)) bodies.forEach((body, i) => checkDepth(body, `/${i}`));
  if (idempotencyKey != null) checkIdempotencyKey(idempotencyKey);
  return unwrap(await store(env, at).createItems(bodies, idempotencyKey ?? undefined, options));
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

/** With `options.ifRev`, only while the item is at that revision: else CONFLICT, with the item as it is in `details.current`. */
export async function replaceItem(env: Env, at: ActorAddress, id: string, body: unknown, options: WriteOptions = {}): Promise<StoredItem> {
  checkItemId(id);
  checkDepth(body);
  return unwrap(await store(env, at).replaceItem(id, body, checked(options)));
}

export async function patchItem(env: Env, at: ActorAddress, id: string, patch: unknown, options: WriteOptions = {}): Promise<StoredItem> {
  checkItemId(id);
  checkDepth(patch);
  return unwrap(await store(env, at).patchItem(id, patch, checked(options)));
}

/** With `purge`, no body of the item is kept anywhere afterwards (docs/storage.md). */
export async function deleteItem(env: Env, at: ActorAddress, id: string, options: WriteOptions & { purge?: boolean } = {}): Promise<{ id: string; deleted: true; rev: number }> {
  checkItemId(id);
  return unwrap(await store(env, at).deleteItem(id, { ...checked(options), purge: options.purge === true }));
}

/** Writes a new revision equal to revision `rev` (undeleting a deleted item). */
export async function restoreItem(env: Env, at: ActorAddress, id: string, rev: unknown, options: WriteOptions = {}): Promise<StoredItem> {
  checkItemId(id);
  return unwrap(await store(env, at).restoreItem(id, checkRev(rev, "rev"), checked(options)));
}

/** An item's revisions, newest first, `limit` of them below revision `before`. */
export async function itemHistory(env: Env, at: ActorAddress, id: string, limit: number, before: number | null): Promise<{ revisions: Revision[]; nextBefore: number | null }> {
  checkItemId(id);
  return unwrap(await store(env, at).itemHistory(id, limit, before === null ? null : checkRev(before, "after")));
}

/** One revision of an item: by number (`@v3`), n back from the latest (`@~1`), or the one current at a time. */
export async function itemRevision(env: Env, at: ActorAddress, id: string, selector: RevisionSelector): Promise<Revision> {
  checkItemId(id);
  if ("rev" in selector) checkRev(selector.rev, "rev");
  if ("back" in selector && (!Number.isSafeInteger(selector.back) || selector.back < 0)) throw new GatewayError("BAD_USER_INPUT", `"~n" must be a whole number of revisions back, from 0.`);
  return unwrap(await store(env, at).itemRevision(id, selector));
}

function checked(options: WriteOptions): WriteOptions {
  return { by: options.by ?? null, ifRev: options.ifRev == null ? null : checkRev(options.ifRev, "ifRev") };
}
