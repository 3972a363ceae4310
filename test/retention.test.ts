import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../src/limits.js";
import type { StoreActor } from "../src/objects/store-actor.js";
import { storeStub } from "../src/objects/stubs.js";
import { createPodAndActor, http, noteSchema } from "./helpers.js";
import { subscribe } from "./sse-client.js";
import { waitUntil } from "./sync.js";
import { untilSubscribed } from "./sync-objects.js";

const DAY = 24 * 60 * 60 * 1000;
const CHANGES = `subscription($ref: ID!, $after: String) { itemChanges(actor: $ref, after: $after) { cursor seq op itemId item { data } } }`;

function storeConfig(params?: Record<string, unknown>) {
  return { actorType: "store", version: "v1", schema: noteSchema, indexes: ["metadata.type", "done"], ...(params ? { params } : {}) };
}

type Stub = ReturnType<typeof storeStub>;

/**
 * Makes items look `ms` older. This simulates the passing of time, which is
 * legitimate here because retention is measured from `items.ts` (the creation
 * time) against the clock at alarm time: an item whose `ts` lies two days back
 * is exactly what the object holds two days after writing it. Only `ts` moves;
 * the alarm keeps the time it was given, and runDurableObjectAlarm runs it now.
 */
async function age(stub: Stub, ids: string[], ms: number): Promise<void> {
  await runInDurableObject(stub, (_, state) => {
    for (const id of ids) state.storage.sql.exec("UPDATE items SET ts = ts - ? WHERE id = ?", ms, id);
  });
}

function alarmOf(stub: Stub): Promise<number | null> {
  return runInDurableObject(stub, (_, state) => state.storage.getAlarm());
}

function count(stub: Stub, sql: string, ...params: (string | number)[]): Promise<number> {
  return runInDurableObject(stub, (_, state) => state.storage.sql.exec<{ n: number }>(sql, ...params).one().n);
}

/**
 * Runs the alarm until `done`. An alarm set for "now" may also be run by the
 * platform at any moment; both runs do the same work, so either is fine.
 */
async function runAlarmsUntil(stub: Stub, done: () => Promise<boolean>): Promise<void> {
  await waitUntil(
    async () => {
      if (await done()) return true;
      await runDurableObjectAlarm(stub);
      return false;
    },
    { what: "the alarm runs to finish their work", intervalMs: 20 },
  );
  expect(await done()).toBe(true);
}

async function listIds(base: string, query = ""): Promise<string[]> {
  const res = await http("GET", `${base}/items?limit=200${query}`);
  expect(res.status).toBe(200);
  return res.json.items.map((i: { id: string }) => i.id);
}

describe("params.retention_days", () => {
  it("refuses retention_days that is not a positive whole number of days", async () => {
    const { podName } = await createPodAndActor();
    for (const bad of [0, -1, 1.5, "7", null, true, {}]) {
      const res = await http("POST", `/pods/${podName}/actors`, { config: storeConfig({ retention_days: bad }) });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.json.details).toContainEqual({ path: "/params/retention_days", message: "must be a positive integer" });
    }
    const ok = await http("POST", `/pods/${podName}/actors`, { config: storeConfig({ retention_days: 30 }) });
    expect(ok.status).toBe(201);
  });

  it("deletes expired items at the alarm like deletes: gone from GET, lists, filters and indexes, announced on the change feed", async () => {
    const { podName, actorId, base } = await createPodAndActor(storeConfig({ retention_days: 1 }));
    const stub = storeStub(env, podName, actorId);
    expect(await alarmOf(stub)).toBeNull(); // no items, nothing to expire

    const before = Date.now();
    const ids: string[] = [];
    ids.push((await http("POST", `${base}/items`, { title: "old-a", done: true, metadata: { type: "a" } })).json.id);
    ids.push((await http("POST", `${base}/items`, { title: "young-a", done: false, metadata: { type: "a" } })).json.id);
    const batch = await http("POST", `${base}/items/batch`, [
      { title: "old-b", done: false, metadata: { type: "b" } },
      { title: "young-b", done: true, metadata: { type: "b" } },
      { title: "old-a2", done: false, metadata: { type: "a" } },
    ]);
    expect(batch.status).toBe(201);
    ids.push(...batch.json.items.map((i: { id: string }) => i.id));
    const [oldA, youngA, oldB, youngB, oldA2] = ids as [string, string, string, string, string];

    // The first write scheduled the alarm for the oldest item's expiry: a day after its creation.
    const firstAlarm = await alarmOf(stub);
    expect(firstAlarm).toBeGreaterThanOrEqual(before + DAY);
    expect(firstAlarm).toBeLessThanOrEqual(Date.now() + DAY);

    const seqBefore = await count(stub, "SELECT MAX(seq) AS n FROM changes");
    const sub = await subscribe("/graphql", CHANGES, { ref: `${podName}/${actorId}` });
    await untilSubscribed(podName, actorId);

    await age(stub, [oldA, oldB, oldA2], 2 * DAY);
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    for (const id of [oldA, oldB, oldA2]) expect((await http("GET", `${base}/items/${id}`)).status).toBe(404);
    for (const id of [youngA, youngB]) expect((await http("GET", `${base}/items/${id}`)).status).toBe(200);
    expect(await listIds(base)).toEqual([youngA, youngB]);
    expect(await listIds(base, "&k_metadata.type=a")).toEqual([youngA]);
    expect(await listIds(base, "&k_metadata.type=b")).toEqual([youngB]);
    expect(await listIds(base, "&k_done=false")).toEqual([youngA]);
    expect(await listIds(base, "&k_done=true")).toEqual([youngB]);
    expect(await count(stub, "SELECT COUNT(*) AS n FROM item_index WHERE item_id IN (?, ?, ?)", oldA, oldB, oldA2)).toBe(0);
    // Like a purging delete: a deletion revision each, and no body of them kept anywhere.
    expect(await count(stub, "SELECT COUNT(*) AS n FROM item_history WHERE op = 'deleted' AND item_id IN (?, ?, ?)", oldA, oldB, oldA2)).toBe(3);
    expect(await count(stub, "SELECT COUNT(*) AS n FROM item_history WHERE op IS NOT 'deleted' AND item_id IN (?, ?, ?)", oldA, oldB, oldA2)).toBe(0);
    expect(await count(stub, "SELECT COUNT(*) AS n FROM changes WHERE body IS NOT NULL AND item_id IN (?, ?, ?)", oldA, oldB, oldA2)).toBe(0);

    // Live subscribers see three DELETED events...
    const live = [];
    for (let i = 0; i < 3; i++) live.push((await sub.next()).itemChanges);
    await sub.close();
    expect(live.map((e) => e.op)).toEqual(["DELETED", "DELETED", "DELETED"]);
    expect(live.map((e) => e.itemId).sort()).toEqual([oldA, oldB, oldA2].sort());
    expect(live.every((e) => e.item === null)).toBe(true);

    // ...and so does a subscriber resuming from before the alarm, replayed from the change log.
    const replay = await subscribe("/graphql", CHANGES, { ref: `${podName}/${actorId}`, after: String(seqBefore) });
    const replayed = [];
    for (let i = 0; i < 3; i++) replayed.push((await replay.next()).itemChanges);
    await replay.close();
    expect(replayed).toEqual(live);

    // Next alarm: when the oldest remaining item expires.
    const youngTs = (await http("GET", `${base}/items/${youngA}`)).json.ts;
    const next = await alarmOf(stub);
    expect(typeof youngTs).toBe("number");
    expect(next).toBe(youngTs + DAY);
  });

  it("never deletes an item before it expires, even when the alarm runs early", async () => {
    const { podName, actorId, base } = await createPodAndActor(storeConfig({ retention_days: 1 }));
    const stub = storeStub(env, podName, actorId);
    const id = (await http("POST", `${base}/items`, { title: "almost" })).json.id;
    await age(stub, [id], DAY - 60_000); // expires in a minute
    const scheduled = await alarmOf(stub);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await http("GET", `${base}/items/${id}`)).status).toBe(200);
    // Rescheduled for the item's (simulated) expiry.
    const after = await alarmOf(stub);
    expect(after).not.toBeNull();
    expect(after!).toBeLessThan(scheduled!);
    expect(after!).toBeGreaterThan(Date.now());
  });

  it("deletes in bounded batches: one alarm run removes at most one batch and schedules the next at once", async () => {
    const { podName, actorId, base } = await createPodAndActor(storeConfig({ retention_days: 3 }));
    const stub = storeStub(env, podName, actorId);
    const total = LIMITS.retentionBatch + 120;
    const ids: string[] = [];
    for (let written = 0; written < total; written += LIMITS.maxBatchItems) {
      const n = Math.min(LIMITS.maxBatchItems, total - written);
      const res = await http("POST", `${base}/items/batch`, Array.from({ length: n }, (_, i) => ({ title: `n${written + i}`, metadata: { type: i % 2 ? "odd" : "even" } })));
      expect(res.status).toBe(201);
      ids.push(...res.json.items.map((i: { id: string }) => i.id));
    }
    const young = (await http("POST", `${base}/items`, { title: "young", metadata: { type: "even" } })).json.id;
    await age(stub, ids, 4 * DAY);

    // One run, observed inside the object so the rescheduled (due-now) alarm cannot fire in between.
    const first = await runInDurableObject(stub, async (instance: StoreActor, state) => {
      await state.storage.deleteAlarm(); // as the platform does when it runs an alarm
      await instance.alarm();
      const left = state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM items").one().n;
      return { left, alarm: await state.storage.getAlarm() };
    });
    expect(first.left).toBe(total - LIMITS.retentionBatch + 1);
    expect(first.alarm).not.toBeNull();
    expect(first.alarm!).toBeLessThanOrEqual(Date.now());

    // Further runs (ours or the platform's, whichever comes first) finish the job.
    await runAlarmsUntil(stub, async () => (await count(stub, "SELECT COUNT(*) AS n FROM items")) === 1);
    expect(await listIds(base)).toEqual([young]);
    expect(await listIds(base, "&k_metadata.type=even")).toEqual([young]);
    expect(await listIds(base, "&k_metadata.type=odd")).toEqual([]);
    expect(await count(stub, "SELECT COUNT(*) AS n FROM changes WHERE op = 'deleted'")).toBe(total);
    expect(await count(stub, "SELECT COUNT(*) AS n FROM item_index WHERE item_id <> ?", young)).toBe(0);
    const youngTs = (await http("GET", `${base}/items/${young}`)).json.ts;
    expect(await alarmOf(stub)).toBe(youngTs + 3 * DAY);

    // When the last item goes, the alarm is cleared.
    await age(stub, [young], 4 * DAY);
    await runDurableObjectAlarm(stub);
    expect(await listIds(base)).toEqual([]);
    expect(await alarmOf(stub)).toBeNull();
  });

  it("rolls back a failing alarm run whole; the retry deletes the batch", async () => {
    const { podName, actorId, base } = await createPodAndActor(storeConfig({ retention_days: 1 }));
    const stub = storeStub(env, podName, actorId);
    const res = await http("POST", `${base}/items/batch`, [{ title: "a", metadata: { type: "x" } }, { title: "b", metadata: { type: "x" } }, { title: "c", metadata: { type: "x" } }]);
    const ids: string[] = res.json.items.map((i: { id: string }) => i.id);
    await age(stub, ids, 2 * DAY);
    const failed = await runInDurableObject(stub, async (instance: StoreActor) => {
      const feed = (instance as unknown as { feed: { log: (...args: unknown[]) => unknown } }).feed;
      const log = feed.log;
      let calls = 0;
      feed.log = function (...args: unknown[]) {
        if (++calls === 2) throw new Error("storage hiccup");
        return log.apply(this, args);
      };
      try {
        await instance.alarm();
        return null;
      } catch (error) {
        return (error as Error).message;
      } finally {
        feed.log = log;
      }
    });
    expect(failed).toBe("storage hiccup");
    // Nothing half-deleted: every item, index row and no history or change from the failed run.
    expect(await listIds(base, "&k_metadata.type=x")).toEqual(ids);
    expect(await count(stub, "SELECT COUNT(*) AS n FROM item_history")).toBe(0);
    expect(await count(stub, "SELECT COUNT(*) AS n FROM changes WHERE op = 'deleted'")).toBe(0);
    expect(await alarmOf(stub)).not.toBeNull();

    expect(await runDurableObjectAlarm(stub)).toBe(true); // the retry
    expect(await listIds(base)).toEqual([]);
    expect(await count(stub, "SELECT COUNT(*) AS n FROM changes WHERE op = 'deleted'")).toBe(3);
  });

  it("without retention_days no alarm is ever set; setting, changing and removing it through an update (re)schedules or clears it", async () => {
    const { podName, actorId, base } = await createPodAndActor(storeConfig());
    const stub = storeStub(env, podName, actorId);
    const first = (await http("POST", `${base}/items`, { title: "first" })).json;
    await http("POST", `${base}/items/batch`, [{ title: "second" }]);
    expect(await alarmOf(stub)).toBeNull();
    expect(await runDurableObjectAlarm(stub)).toBe(false);
    const expiryIndex = () => count(stub, "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'index' AND name = 'items_expiry'");
    expect(await expiryIndex()).toBe(0);

    const set = await http("PATCH", `/pods/${podName}/actors/${actorId}`, { params: { retention_days: 7 } });
    expect(set.status).toBe(200);
    expect(await alarmOf(stub)).toBe(first.ts + 7 * DAY);
    expect(await expiryIndex()).toBe(1);

    await http("PATCH", `/pods/${podName}/actors/${actorId}`, { params: { retention_days: 2 } });
    expect(await alarmOf(stub)).toBe(first.ts + 2 * DAY);

    const removed = await http("PATCH", `/pods/${podName}/actors/${actorId}`, { params: {} });
    expect(removed.status).toBe(200);
    expect(await alarmOf(stub)).toBeNull();
    expect(await expiryIndex()).toBe(0);
    await age(stub, [first.id], 30 * DAY);
    await http("POST", `${base}/items`, { title: "third" });
    expect(await alarmOf(stub)).toBeNull();
    expect(await listIds(base)).toHaveLength(3);

    // Setting it again when items are already past the period: they go at the next alarm, which is due now.
    // The alarm is due at once, so the platform may run it before we do; either run will do.
    await http("PATCH", `/pods/${podName}/actors/${actorId}`, { params: { retention_days: 1 } });
    await runAlarmsUntil(stub, async () => (await listIds(base)).length === 2);
    expect((await http("GET", `${base}/items/${first.id}`)).status).toBe(404);
    const second = (await listIds(base))[0]!;
    const secondTs = (await http("GET", `${base}/items/${second}`)).json.ts;
    expect(await alarmOf(stub)).toBe(secondTs + DAY);
  });

  it("keeps the alarm scheduled across restarts without relying on memory", async () => {
    const { podName, actorId, base } = await createPodAndActor(storeConfig({ retention_days: 1 }));
    // A stub breaks with its object, so each step after a restart takes a new one.
    const stub = () => storeStub(env, podName, actorId);
    const item = (await http("POST", `${base}/items`, { title: "kept" })).json;
    expect(await alarmOf(stub())).toBe(item.ts + DAY);

    // A lost alarm (or one never set, as by a release without retention), then a restart:
    // the first write of the fresh instance schedules it again.
    await runInDurableObject(stub(), (_, state) => state.storage.deleteAlarm());
    await runInDurableObject(stub(), (_, state) => state.abort("test restart")).catch(() => undefined);
    await http("POST", `${base}/items`, { title: "later" });
    expect(await alarmOf(stub())).toBe(item.ts + DAY);

    // Without any write: the fresh instance's first request of any kind checks it.
    await runInDurableObject(stub(), (_, state) => state.storage.deleteAlarm());
    await runInDurableObject(stub(), (_, state) => state.abort("test restart")).catch(() => undefined);
    expect((await http("GET", `${base}/items`)).status).toBe(200);
    // The check runs in the background of that request (StoreActor.load): wait for the alarm it sets.
    const alarm = await waitUntil(() => alarmOf(stub()), { what: "the fresh instance to schedule the retention alarm again", timeoutMs: 5_000 });
    expect(alarm).toBe(item.ts + DAY);
  });
});
