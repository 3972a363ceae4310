/**
 * Per-request DataLoaders over the Durable Objects. Created in the Yoga
 * context for each request and dropped with it, so nothing is shared between
 * requests or users. Every loader batches by object: all the loads for one
 * pod or one actor in a tick become one RPC call to that object, and loads of
 * different objects go out in parallel.
 */
import DataLoader from "dataloader";
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { unwrap } from "../errors/result.js";
import type { PodRecord } from "../objects/pod-meta.js";
import { parseActor, type ActorRecord } from "../store/actor-record.js";
import { podStub, storeStub } from "../objects/stubs.js";
import { POD_NAME_PATTERN } from "../names.js";
import type { StoredItem } from "../store/item.js";
import { ULID_PATTERN } from "../store/item-id.js";
import type { ItemQueryPage } from "../store/item.js";
import type { ItemQuery } from "../store/item-query.js";
import { LIMITS } from "../limits.js";

export interface ActorKey {
  pod: string;
  /** An actor id or name. */
  actor: string;
}

export interface ItemKey {
  pod: string;
  actorId: string;
  id: string;
}

export interface ItemQueryKey {
  pod: string;
  actorId: string;
  query: ItemQuery;
}

export interface Loaders {
  pod: DataLoader<string, PodRecord | null>;
  actor: DataLoader<ActorKey, ActorRecord | null, string>;
  item: DataLoader<ItemKey, StoredItem | null, string>;
  /**
   * Item queries: the lists a request reads from one actor in one tick become one call, equal
   * queries (aliases) run once, and the request's database work budget in that actor is carried
   * from call to call (objects/query-budget.ts).
   */
  itemQuery: DataLoader<ItemQueryKey, ItemQueryPage, string>;
  /**
   * Runs a read that is not one of the loads above (an item's history, a past revision) within the
   * request's item-bytes budget: it takes a page's allowance up front, as item queries do, and
   * fails with QUERY_LIMIT_EXCEEDED (limit "responseBytes") when what it read (`bytesOf`, item JSON
   * characters) does not fit in what the request has left.
   */
  bounded<T>(read: () => Promise<T>, bytesOf: (value: T) => number): Promise<T>;
}

/**
 * Runs the batch after the current macrotask's promise jobs have settled, so
 * loads issued at one level of a GraphQL response land in one batch. Timers
 * are the scheduling primitive Workers guarantee inside a request.
 */
const schedule = (callback: () => void) => setTimeout(callback, 0);

/**
 * `batched: false` makes every load its own call, uncached, as a naive
 * resolver would: only for the benchmark's deliberately unbatched comparison.
 */
/**
 * The database work one HTTP request may still cause: rows read per actor, and item bytes in all.
 * Shared by every operation of an array-batched request (each gets loaders of its own), so a batch
 * of ten operations has one budget, not ten.
 */
export interface WorkBudget {
  rows: Map<string, Promise<number>>;
  bytesLeft: number;
  /** Calls out now, and those waiting for bytes to come back. */
  inFlight: number;
  waiting: (() => void)[];
}

const budgets = new WeakMap<Request, WorkBudget>();

export function newWorkBudget(): WorkBudget {
  return { rows: new Map(), bytesLeft: LIMITS.maxResponseBytes, inFlight: 0, waiting: [] };
}

/** The work budget of `request`, the same object for each of its operations. */
export function workBudgetOf(request: Request): WorkBudget {
  let budget = budgets.get(request);
  if (!budget) budgets.set(request, (budget = newWorkBudget()));
  return budget;
}

/**
 * Bytes are shared by every actor a request reads. Each call takes an allowance (a page's bytes per
 * list, at most one call's) up front, and gives back what it did not use, so calls in parallel
 * cannot pass the total together. When the rest would not hold a call's allowance and other calls
 * are out, it waits for them; with none out it takes what is left (pages that cannot hold an item
 * then fail with responseBytes).
 */
async function takeBytes(work: WorkBudget, wanted: number): Promise<number> {
  while (work.bytesLeft < wanted && work.inFlight > 0) await new Promise<void>((resolve) => work.waiting.push(resolve));
  const allowance = Math.min(work.bytesLeft, wanted);
  work.bytesLeft -= allowance;
  work.inFlight++;
  return allowance;
}

function giveBackBytes(work: WorkBudget, unused: number): void {
  work.bytesLeft += unused;
  work.inFlight--;
  for (const wake of work.waiting.splice(0)) wake();
}

export function createLoaders(env: Env, { batched = true, work = newWorkBudget() }: { batched?: boolean; work?: WorkBudget } = {}): Loaders {
  const options = { batch: batched, cache: batched, batchScheduleFn: schedule };

  const pod = new DataLoader<string, PodRecord | null>(
    (names) =>
      Promise.all(
        names.map(async (name) => {
          if (!POD_NAME_PATTERN.test(name)) return null;
          return podStub(env, name).info();
        }),
      ),
    options,
  );

  const actor = new DataLoader<ActorKey, ActorRecord | null, string>(
    (keys) =>
      batchBy(keys, (k) => k.pod, async (podName, group) => {
        if (!POD_NAME_PATTERN.test(podName)) return group.map(() => null);
        const entries = await podStub(env, podName).getActors(podName, group.map((k) => k.actor));
        return entries.map((e) => (e ? parseActor(e) : null));
      }),
    { ...options, cacheKeyFn: (k) => `${k.pod}\u0000${k.actor}` },
  );

  const item = new DataLoader<ItemKey, StoredItem | null, string>(
    (keys) =>
      batchBy(keys, (k) => `${k.pod}/${k.actorId}`, async (_, group) => {
        const ids = group.map((k) => k.id).filter((id) => ULID_PATTERN.test(id));
        if (ids.length === 0) return group.map(() => null);
        const found = unwrap(await storeStub(env, group[0]!.pod, group[0]!.actorId).getItems(ids));
        const byId = new Map(found.flatMap((i) => (i ? [[i.id, i] as const] : [])));
        return group.map((k) => byId.get(k.id) ?? null);
      }),
    { ...options, cacheKeyFn: (k) => `${k.pod}/${k.actorId}/${k.id}` },
  );

  const itemQuery = new DataLoader<ItemQueryKey, ItemQueryPage, string>(
    (keys) =>
      batchBy(keys, (k) => `${k.pod}/${k.actorId}`, async (actorKey, group) => {
        // Calls to one actor are chained, so each is sent what the one before it left of the rows budget.
        const left = work.rows.get(actorKey) ?? Promise.resolve(LIMITS.maxRowsReadPerRequest);
        const call = left.then(async (rowsAllowed) => {
          // One page's bytes per list, up to one call's (LIMITS.maxPageBytes, LIMITS.maxBatchBytes).
          const bytesAllowed = await takeBytes(work, Math.min(LIMITS.maxBatchBytes, LIMITS.maxPageBytes * group.length));
          try {
            const r = await storeStub(env, group[0]!.pod, group[0]!.actorId).queryItems(group.map((k) => k.query), rowsAllowed, bytesAllowed);
            giveBackBytes(work, bytesAllowed - (r.ok ? r.value.bytes : 0));
            return { r, rowsAllowed };
          } catch (error) {
            giveBackBytes(work, bytesAllowed);
            throw error;
          }
        });
        work.rows.set(
          actorKey,
          call.then(
            ({ r, rowsAllowed }) => (r.ok ? Math.max(0, rowsAllowed - r.value.rowsRead) : rowsAllowed),
            () => left,
          ),
        );
        const { pages } = unwrap((await call).r);
        return pages.map((page) => (page.ok ? page.value : GatewayError.from(page.error)));
      }),
    { ...options, cacheKeyFn: (k) => `${k.pod}/${k.actorId}/${JSON.stringify(k.query)}` },
  );

  const bounded = async <T>(read: () => Promise<T>, bytesOf: (value: T) => number): Promise<T> => {
    const allowance = await takeBytes(work, LIMITS.maxPageBytes);
    let unused = allowance;
    try {
      const value = await read();
      const used = bytesOf(value);
      if (used > allowance + work.bytesLeft) {
        throw new GatewayError("QUERY_LIMIT_EXCEEDED", `This request reads more item JSON than one request may return (${LIMITS.maxResponseBytes} characters in all): ask for fewer or smaller pages.`, { limit: "responseBytes", max: LIMITS.maxResponseBytes });
      }
      // What passes the allowance comes out of what the request has left.
      work.bytesLeft -= Math.max(0, used - allowance);
      unused = Math.max(0, allowance - used);
      return value;
    } finally {
      giveBackBytes(work, unused);
    }
  };

  return { pod, actor, item, itemQuery, bounded };
}

/**
 * Groups keys by object, runs one call per group in parallel, and returns the
 * results in key order. A failed group yields an Error for each of its keys
 * only, as DataLoader expects, instead of failing the whole batch.
 */
async function batchBy<K, V>(keys: readonly K[], groupOf: (key: K) => string, load: (group: string, keys: K[]) => Promise<(V | Error)[]>): Promise<(V | Error)[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const g = groupOf(key);
    groups.set(g, [...(groups.get(g) ?? []), i]);
  });
  const out: (V | Error)[] = new Array(keys.length);
  await Promise.all(
    [...groups].map(async ([group, indexes]) => {
      try {
        const values = await load(group, indexes.map((i) => keys[i]!));
        indexes.forEach((keyIndex, j) => (out[keyIndex] = values[j]!));
      } catch (error) {
        const failure = error instanceof Error ? error : new GatewayError("BAD_USER_INPUT", String(error));
        for (const keyIndex of indexes) out[keyIndex] = failure;
      }
    }),
  );
  return out;
}
