/**
 * Versioned items over REST: revisions and ETags, If-Match (412 with the
 * current item), history, time travel (@v, @~n, ?at=) against a reference kept
 * by the test over two thousand writes, restore, purge (checked from inside the
 * object, in every table), fork, history_days, and concurrent writers under a
 * model (fast-check) that must lose no update.
 */
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { storeStub } from "../src/objects/stubs.js";
import { createPodAndActor, gql, http } from "./helpers.js";

interface ItemJson {
  id: string;
  ts: number;
  rev: number;
  schema_version: number;
  body: Record<string, unknown>;
}
interface RevisionJson {
  rev: number;
  ts: number;
  op: string;
  body: Record<string, unknown> | null;
  by: { kind: string; keyId?: string; label?: string | null } | null;
}
interface ErrorJson {
  error: string;
  code: string;
  message: string;
  details?: { current?: { rev: number; body: unknown } | null; expectedRev?: number };
}

const counterConfig = { actorType: "store", version: "v1", schema: { type: "object", required: ["n"], properties: { n: { type: "integer" }, tag: { type: "string" } } }, indexes: ["tag"] };

async function createKey(pod: string, scopes: string[], label: string): Promise<{ key: string; id: string }> {
  const res = await gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
    `mutation($pod: String!, $scopes: [Scope!]!, $label: String) { createApiKey(pod: $pod, scopes: $scopes, label: $label) { key apiKey { id } } }`,
    { pod, scopes, label },
  );
  return { key: res.data!.createApiKey.key, id: res.data!.createApiKey.apiKey.id };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const tick = () => new Promise((r) => setTimeout(r, 3));

describe("versioned writes", () => {
  it("sends the revision as an ETag and honours If-Match on PUT, PATCH and DELETE; a stale one is a 412 with the current item", async () => {
    const { base } = await createPodAndActor(counterConfig);
    const id = ((await http("POST", `${base}/items`, { n: 0 })).json as ItemJson).id;
    const first = await http("GET", `${base}/items/${id}`);
    expect(first.headers.get("etag")).toBe('"1"');

    const put = await http("PUT", `${base}/items/${id}`, { n: 1 }, { "if-match": '"1"' });
    expect(put.status).toBe(200);
    expect(put.headers.get("etag")).toBe('"2"');
    const stale = await http("PATCH", `${base}/items/${id}`, { n: 99 }, { "if-match": '"1"' });
    expect(stale.status).toBe(412);
    const body = stale.json as ErrorJson;
    expect(body).toMatchObject({ error: "precondition_failed", code: "PRECONDITION_FAILED", details: { expectedRev: 1, current: { rev: 2, body: { n: 1 } } } });
    expect(((await http("GET", `${base}/items/${id}`)).json as ItemJson).body).toEqual({ n: 1 });

    expect((await http("DELETE", `${base}/items/${id}`, undefined, { "if-match": '"1"' })).status).toBe(412);
    expect((await http("GET", `${base}/items/${id}`)).status).toBe(200);
    expect((await http("DELETE", `${base}/items/${id}`, undefined, { "if-match": '"2"' })).status).toBe(200);
    expect((await http("GET", `${base}/items/${id}`)).status).toBe(404);
  });

  it("answers 304 to If-None-Match with the current ETag, and refuses preconditions it does not support with a 400", async () => {
    const { base } = await createPodAndActor(counterConfig);
    const id = ((await http("POST", `${base}/items`, { n: 0 })).json as ItemJson).id;
    expect((await http("GET", `${base}/items/${id}`, undefined, { "if-none-match": '"1"' })).status).toBe(304);
    expect((await http("GET", `${base}/items/${id}`, undefined, { "if-none-match": '"7"' })).status).toBe(200);
    for (const [header, value] of [["if-unmodified-since", "Tue, 01 Dec 2026 00:00:00 GMT"], ["if-modified-since", "Tue, 01 Dec 2026 00:00:00 GMT"], ["if-none-match", "*"], ["if-match", "W/\"1\""], ["if-match", "1"], ["if-match", '"1", "2"']] as const) {
      const res = await http("PUT", `${base}/items/${id}`, { n: 5 }, { [header]: value });
      expect(res.status, `${header}: ${value}`).toBe(400);
      expect((res.json as ErrorJson).details).toMatchObject({ header });
    }
    // Routes without an ETag refuse every precondition rather than ignore it.
    for (const [method, path] of [["POST", `${base}/items`], ["POST", `${base}/items/batch`], ["GET", `${base}/items`], ["GET", `${base}/items/${id}/history`]] as const) {
      const res = await http(method, path, method === "POST" ? [{ n: 1 }] : undefined, { "if-match": '"1"' });
      expect(res.status, `${method} ${path}`).toBe(400);
    }
    // None of the refused writes happened.
    expect(((await http("GET", `${base}/items/${id}`)).json as ItemJson).rev).toBe(1);
    expect(((await http("GET", `${base}/items`)).json as { items: unknown[] }).items).toHaveLength(1);
  });

  it("loses no update when concurrent writers read, modify and write with If-Match (model-based)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), async (clients, increments, usePatch) => {
        const { base } = await createPodAndActor(counterConfig);
        const id = ((await http("POST", `${base}/items`, { n: 0 })).json as ItemJson).id;
        const model = { successes: 0, conflicts: 0 };
        const client = async () => {
          for (let done = 0; done < increments; ) {
            const read = (await http("GET", `${base}/items/${id}`)).json as ItemJson;
            const write = await http(usePatch ? "PATCH" : "PUT", `${base}/items/${id}`, { n: (read.body.n as number) + 1 }, { "if-match": `"${read.rev}"` });
            if (write.status === 200) {
              model.successes++;
              done++;
            } else {
              expect(write.status).toBe(412);
              // The refusal shows a newer revision than the one the client read.
              expect((write.json as ErrorJson).details!.current!.rev).toBeGreaterThan(read.rev);
              model.conflicts++;
            }
          }
        };
        await Promise.all(Array.from({ length: clients }, client));
        const final = (await http("GET", `${base}/items/${id}`)).json as ItemJson;
        expect(final.body.n).toBe(clients * increments);
        expect(final.rev).toBe(1 + model.successes);
        // History is linear: every revision from 1 to the latest, each one more than the last.
        const history = (await http("GET", `${base}/items/${id}/history?limit=100`)).json as { revisions: RevisionJson[] };
        expect(history.revisions.map((r) => r.rev)).toEqual(Array.from({ length: final.rev }, (_, i) => final.rev - i));
        expect(history.revisions.map((r) => r.body!.n)).toEqual(Array.from({ length: final.rev }, (_, i) => final.rev - 1 - i));
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});

describe("history and authors", () => {
  it("lists revisions newest first with op and author, pages with after, and never shows a secret", async () => {
    const { podName, base } = await createPodAndActor(counterConfig);
    const writer = await createKey(podName, ["WRITE"], "ci-bot");
    const id = ((await http("POST", `${base}/items`, { n: 1 })).json as ItemJson).id;
    await http("PUT", `${base}/items/${id}`, { n: 2 }, bearer(writer.key));
    await http("PATCH", `${base}/items/${id}`, { n: 3 });
    await http("DELETE", `${base}/items/${id}`, undefined, bearer(writer.key));
    const res = await http("GET", `${base}/items/${id}/history`);
    expect(res.status).toBe(200);
    const { revisions, next_after } = res.json as { revisions: RevisionJson[]; next_after: string | null };
    expect(next_after).toBeNull();
    expect(revisions.map((r) => [r.rev, r.op, r.body])).toEqual([[4, "deleted", null], [3, "patched", { n: 3 }], [2, "replaced", { n: 2 }], [1, "created", { n: 1 }]]);
    expect(revisions.map((r) => r.by)).toEqual([{ kind: "key", keyId: writer.id, label: "ci-bot" }, { kind: "admin" }, { kind: "key", keyId: writer.id, label: "ci-bot" }, { kind: "admin" }]);
    expect(JSON.stringify(revisions)).not.toContain(writer.key.slice(-12));
    expect(revisions.every((r, i) => i === 0 || r.ts <= revisions[i - 1]!.ts)).toBe(true);

    const page1 = (await http("GET", `${base}/items/${id}/history?limit=3`)).json as { revisions: RevisionJson[]; next_after: string };
    expect(page1.revisions.map((r) => r.rev)).toEqual([4, 3, 2]);
    const page2 = (await http("GET", `${base}/items/${id}/history?limit=3&after=${page1.next_after}`)).json as { revisions: RevisionJson[]; next_after: string | null };
    expect(page2).toEqual({ revisions: [expect.objectContaining({ rev: 1 })], next_after: null });
    expect((await http("GET", `${base}/items/01H0000000000000000000000X/history`)).status).toBe(404);
    expect((await http("GET", `${base}/items/${id}/history?after=zero`)).status).toBe(400);
  });

  it("pages a history of large revisions by size, so every answer stays bounded, and walks all of it", async () => {
    const { base } = await createPodAndActor({ ...counterConfig, schema: { type: "object", properties: { n: { type: "integer" }, tag: { type: "string" } } } });
    const big = (i: number) => ({ n: i, tag: String(i).repeat(900_000 / String(i).length) });
    const id = ((await http("POST", `${base}/items`, big(1))).json as ItemJson).id;
    for (let i = 2; i <= 9; i++) expect((await http("PUT", `${base}/items/${id}`, big(i))).status).toBe(200);
    const seen: number[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const res = await http("GET", `${base}/items/${id}/history?limit=200${after ? `&after=${after}` : ""}`);
      const page = res.json as { revisions: RevisionJson[]; next_after: string | null };
      expect(page.revisions.length).toBeLessThanOrEqual(5); // about 4 MiB of bodies a page
      seen.push(...page.revisions.map((r) => r.rev));
      if (!(after = page.next_after)) break;
    }
    expect(seen).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  }, 60_000);

  it("refuses history without read access, and writes with a read key", async () => {
    const { podName, base } = await createPodAndActor(counterConfig);
    const reader = await createKey(podName, ["READ"], "reader");
    const id = ((await http("POST", `${base}/items`, { n: 1 })).json as ItemJson).id;
    expect((await http("GET", `${base}/items/${id}/history`, undefined, { authorization: "" })).status).toBe(401);
    expect((await http("GET", `${base}/items/${id}/history`, undefined, bearer(reader.key))).status).toBe(200);
    expect((await http("POST", `${base}/items/${id}/restore`, { rev: 1 }, bearer(reader.key))).status).toBe(403);
    expect((await http("DELETE", `${base}/items/${id}?purge=true`, undefined, bearer(reader.key))).status).toBe(403);
    expect((await http("POST", `${base.replace(/\/actors\/.*/, "")}/actors/${base.split("/").pop()}/fork`, { name: "copy" }, bearer(reader.key))).status).toBe(403);
  });
});

describe("time travel", () => {
  it("reads any revision with @v<rev> and @~<n>, and lists with ?at= exactly as a reference kept over two thousand writes", async () => {
    const { base } = await createPodAndActor(counterConfig);
    const model = new Map<string, { n: number; tag: string }>();
    const revisions = new Map<string, { n: number; tag: string } | null>(); // "<id>@<rev>" -> body (null: deleted)
    const revOf = new Map<string, number>();
    const checkpoints: { at: number; state: Map<string, { n: number; tag: string }> }[] = [];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const tags = ["a", "b", "c"];
    let writes = 0;
    while (writes < 2000) {
      const ids = [...model.keys()];
      const choice = random(10);
      if (choice < 4 || ids.length < 5) {
        const bodies = Array.from({ length: 40 }, () => ({ n: random(100), tag: tags[random(3)]! }));
        const created = (await http("POST", `${base}/items/batch`, bodies)).json as { items: { id: string }[] };
        created.items.forEach((item, i) => {
          model.set(item.id, bodies[i]!);
          revOf.set(item.id, 1);
          revisions.set(`${item.id}@1`, bodies[i]!);
        });
        writes += bodies.length;
      } else {
        const id = ids[random(ids.length)]!;
        const rev = revOf.get(id)! + 1;
        if (choice < 8) {
          const body = { n: random(100), tag: tags[random(3)]! };
          expect((await http("PUT", `${base}/items/${id}`, body)).status).toBe(200);
          model.set(id, body);
          revisions.set(`${id}@${rev}`, body);
        } else {
          expect((await http("DELETE", `${base}/items/${id}`)).status).toBe(200);
          model.delete(id);
          revisions.set(`${id}@${rev}`, null);
        }
        revOf.set(id, rev);
        writes++;
      }
      if (checkpoints.length < Math.floor(writes / 100)) {
        await tick();
        checkpoints.push({ at: Date.now(), state: new Map(model) });
        await tick();
      }
    }
    expect(checkpoints.length).toBeGreaterThanOrEqual(15);

    const listAt = async (at: number | string, query = "") => {
      const out: { id: string; body: unknown }[] = [];
      let after = "";
      for (;;) {
        const page = (await http("GET", `${base}/items?at=${at}&limit=200${query}${after ? `&after=${after}` : ""}`)).json as { items: ItemJson[]; next_after: string | null };
        out.push(...page.items.map((i) => ({ id: i.id, body: i.body })));
        if (!page.next_after) return out;
        after = page.next_after;
      }
    };
    const expected = (state: Map<string, { n: number; tag: string }>, tag?: string) =>
      [...state].filter(([, body]) => tag === undefined || body.tag === tag).sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, body]) => ({ id, body }));
    for (const { at, state } of checkpoints) {
      expect(await listAt(at)).toEqual(expected(state));
      // An index filter answers as of that time, from the bodies as they were.
      expect(await listAt(new Date(at).toISOString().replace(/\.\d+Z$/, `.${String(at % 1000).padStart(3, "0")}Z`), "&k_tag=b")).toEqual(expected(state, "b"));
    }
    expect(await listAt(checkpoints[0]!.at - 60_000)).toEqual([]);

    // Every revision, read back by number and by distance from the latest.
    let checked = 0;
    for (const [key, body] of revisions) {
      if (checked++ % 13 !== 0) continue;
      const [id, rev] = key.split("@") as [string, string];
      const res = await http("GET", `${base}/items/${id}@v${rev}`);
      if (body === null) expect(res.status).toBe(404);
      else expect([res.status, (res.json as ItemJson).body, (res.json as ItemJson).rev]).toEqual([200, body, Number(rev)]);
      const back = revOf.get(id)! - Number(rev);
      const viaBack = await http("GET", `${base}/items/${id}@~${back}`);
      expect(viaBack.status).toBe(body === null ? 404 : 200);
    }
    expect((await http("GET", `${base}/items?at=yesterday`)).status).toBe(400);
    // A malformed revision selector is a 400 naming the syntax, not a missing item.
    const some = [...revOf.keys()][0]!;
    for (const bad of ["@v0", "@v-1", "@~-1", "@v1.5", "@vabc", "@v", "@~", "@v01", "@~1e3"]) {
      const res = await http("GET", `${base}/items/${some}${bad}`);
      expect(res.status, bad).toBe(400);
    }
  }, 180_000);
});

describe("restore, purge and fork", () => {
  it("restores an old revision as a new one, and undeletes", async () => {
    const { base } = await createPodAndActor(counterConfig);
    const id = ((await http("POST", `${base}/items`, { n: 1, tag: "a" })).json as ItemJson).id;
    await http("PUT", `${base}/items/${id}`, { n: 2, tag: "b" });
    const restored = await http("POST", `${base}/items/${id}/restore`, { rev: 1 });
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ id, rev: 3, body: { n: 1, tag: "a" } });
    expect(((await http("GET", `${base}/items?k_tag=a`)).json as { items: ItemJson[] }).items.map((i) => i.id)).toEqual([id]);

    await http("DELETE", `${base}/items/${id}`);
    expect((await http("POST", `${base}/items/${id}/restore`, { rev: 4 })).status).toBe(400); // the deletion has no body
    const undeleted = await http("POST", `${base}/items/${id}/restore`, { rev: 2 });
    expect(undeleted.json).toMatchObject({ id, rev: 5, body: { n: 2, tag: "b" } });
    expect(((await http("GET", `${base}/items/${id}`)).json as ItemJson).rev).toBe(5);
    const history = (await http("GET", `${base}/items/${id}/history`)).json as { revisions: RevisionJson[] };
    expect(history.revisions.map((r) => `${r.rev}:${r.op}`)).toEqual(["5:restored", "4:deleted", "3:restored", "2:replaced", "1:created"]);
    expect((await http("POST", `${base}/items/${id}/restore`, { rev: 9 })).status).toBe(404);
    expect((await http("POST", `${base}/items/${id}/restore`, { rev: 0 })).status).toBe(400);
    expect((await http("POST", `${base}/items/${id}/restore`, { rev: 1 }, { "if-match": '"4"' })).status).toBe(412);
  });

  it("purges every body of an item, in every table of its object, keeping the events", async () => {
    const { podName, actorId, base } = await createPodAndActor({ ...counterConfig, schema: { type: "object", properties: { n: { type: "integer" }, tag: { type: "string" } } } });
    const marker = `secret-${Math.random().toString(36).slice(2)}`;
    const id = ((await http("POST", `${base}/items`, { n: 1, tag: `${marker}-1` }, { "idempotency-key": `k-${marker}` })).json as ItemJson).id;
    const keep = ((await http("POST", `${base}/items`, { n: 1, tag: "keep" })).json as ItemJson).id;
    await http("PUT", `${base}/items/${id}`, { n: 2, tag: `${marker}-2` });
    await http("PATCH", `${base}/items/${id}`, { tag: `${marker}-3` });
    const purged = await http("DELETE", `${base}/items/${id}?purge=true`);
    expect(purged.json).toEqual({ id, deleted: true });
    expect((await http("DELETE", `${base}/items/${id}?purge=true`)).status).toBe(200); // idempotent
    expect((await http("DELETE", `${base}/items/${id}`)).status).toBe(404);

    const rows = await runInDurableObject(storeStub(env, podName, actorId), (_, state) => {
      const tables = state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").toArray().map((t) => t.name);
      return Object.fromEntries(tables.map((t) => [t, state.storage.sql.exec(`SELECT * FROM "${t}"`).toArray()]));
    });
    expect(JSON.stringify(rows)).not.toContain(marker);
    // The change events stay, without bodies; the item that was not purged keeps its own.
    expect((rows.changes as { item_id: string; op: string; body: string | null }[]).filter((c) => c.item_id === id).map((c) => [c.op, c.body])).toEqual([["created", null], ["replaced", null], ["patched", null], ["deleted", null]]);
    expect(JSON.stringify(rows)).toContain('"keep"');
    const history = (await http("GET", `${base}/items/${id}/history`)).json as { revisions: RevisionJson[] };
    expect(history.revisions.map((r) => [r.rev, r.op, r.body])).toEqual([[4, "deleted", null]]);
    expect((await http("GET", `${base}/items/${id}@v1`)).status).toBe(404);
    expect((await http("GET", `${base}/items/${keep}@v1`)).status).toBe(200);
  });

  it("drops superseded revisions older than params.history_days at the alarm", async () => {
    const { podName, actorId, base } = await createPodAndActor({ ...counterConfig, params: { history_days: 1 } });
    const id = ((await http("POST", `${base}/items`, { n: 1 })).json as ItemJson).id;
    await http("PUT", `${base}/items/${id}`, { n: 2 });
    await http("PUT", `${base}/items/${id}`, { n: 3 });
    const stub = storeStub(env, podName, actorId);
    // Age the first superseded revision by two days.
    await runInDurableObject(stub, (_, state) => state.storage.sql.exec("UPDATE item_history SET superseded_at = superseded_at - 2 * 86400000 WHERE item_id = ? AND rev = 1", id));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const history = (await http("GET", `${base}/items/${id}/history`)).json as { revisions: RevisionJson[] };
    expect(history.revisions.map((r) => r.rev)).toEqual([3, 2]);
    expect((await http("GET", `${base}/items/${id}@v1`)).status).toBe(404);
    expect((await http("PATCH", `/pods/${podName}/actors/${actorId}`, { params: { history_days: 0 } })).status).toBe(400);
  });

  it("forks an actor as it was at a time, with the same config and ids", async () => {
    const { podName, actorId, base } = await createPodAndActor(counterConfig);
    const a = ((await http("POST", `${base}/items`, { n: 1, tag: "a" })).json as ItemJson).id;
    const b = ((await http("POST", `${base}/items`, { n: 2, tag: "b" })).json as ItemJson).id;
    await tick();
    const then = Date.now();
    await tick();
    await http("PUT", `${base}/items/${a}`, { n: 10, tag: "a" });
    await http("DELETE", `${base}/items/${b}`);
    await http("POST", `${base}/items`, { n: 3, tag: "c" });

    const fork = await http("POST", `/pods/${podName}/actors/${actorId}/fork`, { name: "then", asOf: new Date(then).toISOString() });
    expect(fork.status).toBe(201);
    const forked = fork.json as { actorId: string; items: number; name: string };
    expect(forked).toMatchObject({ name: "then", items: 2 });
    const items = (await http("GET", `/pods/${podName}/actors/${forked.actorId}/items`)).json as { items: ItemJson[] };
    expect(items.items.map((i) => [i.id, i.body, i.rev])).toEqual([[a, { n: 1, tag: "a" }, 1], [b, { n: 2, tag: "b" }, 1]]);
    // Same config: the index works, and new ids sort after the copied ones.
    expect(((await http("GET", `/pods/${podName}/actors/${forked.actorId}/items?k_tag=b`)).json as { items: ItemJson[] }).items.map((i) => i.id)).toEqual([b]);
    const next = ((await http("POST", `/pods/${podName}/actors/${forked.actorId}/items`, { n: 4 })).json as ItemJson).id;
    expect(next > b).toBe(true);

    const now = await http("POST", `/pods/${podName}/actors/${actorId}/fork`); // no body: every field is optional
    expect((now.json as { items: number }).items).toBe(2);
    expect((await http("POST", `/pods/${podName}/actors/${actorId}/fork`, { asOf: "not a time" })).status).toBe(400);
    expect((await http("POST", `/pods/${podName}/actors/${actorId}/fork`, { asOf: Date.now() + 86_400_000 })).status).toBe(400);
    expect((await http("POST", `/pods/${podName}/actors/${actorId}/fork`, { name: "then" })).status).toBe(409);
  });
});
