/**
 * Versioned items through both GraphQL schemas: `ifRev` (CONFLICT with the
 * current item in `extensions.current`), history with authors, time travel
 * by revision and by time (a single item and lists, filters included),
 * restore, purge and forkActor, and who may do which.
 */
import { describe, expect, it } from "vitest";
import { gql, http, typedGql, uniquePodName, type GraphQLResponse } from "./helpers.js";

const counterSchema = {
  type: "object",
  required: ["title"],
  additionalProperties: false,
  properties: { title: { type: "string", minLength: 1 }, n: { type: "integer" }, tag: { type: "string" } },
};

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const iso = (ms: number) => new Date(ms).toISOString();

/** A pod with one named actor, "counters" (typed: `Counters`, `counters`, `countersById`, `countersHistory`, ...). */
async function setup(): Promise<{ pod: string; actorId: string }> {
  const pod = uniquePodName("hist");
  expect((await http("POST", "/pods", { name: pod })).status).toBe(201);
  const actor = await http("POST", `/pods/${pod}/actors`, { name: "counters", config: { actorType: "store", version: "v1", schema: counterSchema, indexes: ["tag", "n"] } });
  expect(actor.status).toBe(201);
  return { pod, actorId: actor.json.actorId };
}

async function createKey(pod: string, scopes: string[], label: string): Promise<{ key: string; id: string }> {
  const res = await gql(`mutation($pod: String!, $scopes: [Scope!]!, $label: String) { createApiKey(pod: $pod, scopes: $scopes, label: $label) { key apiKey { id } } }`, { pod, scopes, label });
  expect(res.errors).toBeUndefined();
  return { key: res.data.createApiKey.key, id: res.data.createApiKey.apiKey.id };
}

/** The data of a typed operation that must succeed. */
async function typed<T = any>(pod: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
  const res = await typedGql<T>(pod, query, variables, headers);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

async function global<T = any>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
  const res = await gql<T>(query, variables, headers);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

function code(res: GraphQLResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

const META = "_meta { rev updatedAt }";

async function createCounter(pod: string, data: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ id: string; rev: number; updatedAt: number }> {
  const created = await typed(pod, `mutation($data: CountersInput!) { createCounters(data: $data) { id ${META} } }`, { data }, headers);
  return { id: created.createCounters.id, rev: created.createCounters._meta.rev, updatedAt: created.createCounters._meta.updatedAt };
}

describe("ifRev", () => {
  it("20 concurrent read-modify-write increments, retrying on CONFLICT, end at exactly 20", async () => {
    const { pod } = await setup();
    const { id } = await createCounter(pod, { title: "counter", n: 0 });
    let conflicts = 0;
    const increment = async () => {
      const read = await typed(pod, `query($id: ID!) { countersById(id: $id) { n ${META} } }`, { id });
      let { n, _meta: { rev } } = read.countersById;
      for (let attempt = 0; attempt < 200; attempt++) {
        const res = await typedGql(pod, `mutation($id: ID!, $n: Float!, $rev: Int!) { patchCounters(id: $id, patch: { n: $n }, ifRev: $rev) { n ${META} } }`, { id, n: n + 1, rev });
        if (!res.errors) return;
        expect(code(res), JSON.stringify(res.errors)).toBe("CONFLICT");
        conflicts++;
        // The item as it now is comes with the error: no second read needed.
        const current = (res.errors[0]!.extensions as { current: { rev: number; body: { n: number } } }).current;
        ({ rev, body: { n } } = current);
      }
      throw new Error("no write succeeded in 200 attempts");
    };
    await Promise.all(Array.from({ length: 20 }, increment));
    const after = await typed(pod, `query($id: ID!) { countersById(id: $id) { n ${META} } countersHistory(id: $id, first: 100) { nodes { rev } } }`, { id });
    expect(after.countersById.n).toBe(20);
    expect(after.countersById._meta.rev).toBe(21);
    expect(after.countersHistory.nodes.map((r: { rev: number }) => r.rev)).toEqual(Array.from({ length: 21 }, (_, i) => 21 - i));
    console.log(`ifRev increments: ${conflicts} conflicts retried`);
  });

  it("answers a stale ifRev with CONFLICT and the current item in extensions.current, on both schemas", async () => {
    const { pod, actorId } = await setup();
    const { id } = await createCounter(pod, { title: "v1", n: 1 });
    await typed(pod, `mutation($id: ID!) { replaceCounters(id: $id, data: { title: "v2", n: 2 }, ifRev: 1) { id } }`, { id });

    const stale = [
      await typedGql(pod, `mutation($id: ID!) { replaceCounters(id: $id, data: { title: "x" }, ifRev: 1) { id } }`, { id }),
      await typedGql(pod, `mutation($id: ID!) { patchCounters(id: $id, patch: { n: 9 }, ifRev: 1) { id } }`, { id }),
      await typedGql(pod, `mutation($id: ID!) { deleteCounters(id: $id, ifRev: 1) }`, { id }),
      await typedGql(pod, `mutation($id: ID!) { restoreCounters(id: $id, rev: 1, ifRev: 1) { id } }`, { id }),
      await gql(`mutation($pod: String!, $id: ID!) { replaceItem(pod: $pod, actor: "counters", id: $id, data: { title: "x" }, ifRev: 1) { id } }`, { pod, id }),
      await gql(`mutation($actor: ID!, $id: ID!) { patchItem(actor: $actor, id: $id, patch: { n: 9 }, ifRev: 1) { id } }`, { actor: `${pod}/${actorId}`, id }),
      await gql(`mutation($pod: String!, $id: ID!) { deleteItem(pod: $pod, actor: "counters", id: $id, ifRev: 1) }`, { pod, id }),
      await gql(`mutation($pod: String!, $id: ID!) { restoreItem(pod: $pod, actor: "counters", id: $id, rev: 1, ifRev: 5) { id } }`, { pod, id }),
    ];
    for (const res of stale) {
      expect(res.data).toBeNull();
      expect(res.errors).toHaveLength(1);
      const extensions = res.errors![0]!.extensions as Record<string, any>;
      expect(extensions.code).toBe("CONFLICT");
      expect(extensions.current).toMatchObject({ id, rev: 2, body: { title: "v2", n: 2 } });
      expect(extensions.details).toMatchObject({ reason: "stale_revision", id, current: { rev: 2 } });
    }
    // Nothing was written.
    const now = await typed(pod, `query($id: ID!) { countersById(id: $id) { title n ${META} } }`, { id });
    expect(now.countersById).toMatchObject({ title: "v2", n: 2, _meta: { rev: 2 } });

    // A deleted item's revision is its deletion's: current is null.
    await typed(pod, `mutation($id: ID!) { deleteCounters(id: $id, ifRev: 2) }`, { id });
    const gone = await typedGql(pod, `mutation($id: ID!) { restoreCounters(id: $id, rev: 2, ifRev: 2) { id } }`, { id });
    expect(code(gone)).toBe("CONFLICT");
    expect(gone.errors![0]!.extensions).toMatchObject({ current: null, details: { expectedRev: 2 } });
    expect((await typed(pod, `mutation($id: ID!) { restoreCounters(id: $id, rev: 2, ifRev: 3) { title ${META} } }`, { id })).restoreCounters).toMatchObject({ title: "v2", _meta: { rev: 4 } });
  });

  it("refuses an ifRev or rev that is not a revision number with BAD_USER_INPUT", async () => {
    const { pod } = await setup();
    const { id } = await createCounter(pod, { title: "t" });
    for (const bad of [0, -1]) {
      const attempts = [
        await typedGql(pod, `mutation($id: ID!, $r: Int) { replaceCounters(id: $id, data: { title: "x" }, ifRev: $r) { id } }`, { id, r: bad }),
        await typedGql(pod, `mutation($id: ID!, $r: Int) { patchCounters(id: $id, patch: { n: 1 }, ifRev: $r) { id } }`, { id, r: bad }),
        await typedGql(pod, `mutation($id: ID!, $r: Int) { deleteCounters(id: $id, ifRev: $r) }`, { id, r: bad }),
        await typedGql(pod, `mutation($id: ID!, $r: Int) { restoreCounters(id: $id, rev: 1, ifRev: $r) { id } }`, { id, r: bad }),
        await typedGql(pod, `mutation($id: ID!, $r: Int!) { restoreCounters(id: $id, rev: $r) { id } }`, { id, r: bad }),
        await typedGql(pod, `query($id: ID!, $r: Int) { countersById(id: $id, rev: $r) { id } }`, { id, r: bad }),
        await gql(`mutation($pod: String!, $id: ID!, $r: Int) { replaceItem(pod: $pod, actor: "counters", id: $id, data: { title: "x" }, ifRev: $r) { id } }`, { pod, id, r: bad }),
        await gql(`mutation($pod: String!, $id: ID!, $r: Int) { patchItem(pod: $pod, actor: "counters", id: $id, patch: { n: 1 }, ifRev: $r) { id } }`, { pod, id, r: bad }),
        await gql(`mutation($pod: String!, $id: ID!, $r: Int) { deleteItem(pod: $pod, actor: "counters", id: $id, ifRev: $r) }`, { pod, id, r: bad }),
        await gql(`mutation($pod: String!, $id: ID!, $r: Int!) { restoreItem(pod: $pod, actor: "counters", id: $id, rev: $r) { id } }`, { pod, id, r: bad }),
        await gql(`query($pod: String!, $id: ID!, $r: Int) { pod(name: $pod) { actor(id: "counters") { item(id: $id, rev: $r) { id } } } }`, { pod, id, r: bad }),
      ];
      for (const res of attempts) {
        expect(code(res), JSON.stringify(res.errors)).toBe("BAD_USER_INPUT");
        expect(res.errors![0]!.message).toMatch(/revision number/);
      }
    }
    // Nothing was written or deleted.
    expect((await typed(pod, `query($id: ID!) { countersById(id: $id) { ${META} } }`, { id })).countersById._meta.rev).toBe(1);
    // Other malformed reads: both selectors at once, a cursor that is not a revision number.
    expect(code(await typedGql(pod, `query($id: ID!) { countersById(id: $id, rev: 1, asOf: "2026-01-01T00:00:00Z") { id } }`, { id }))).toBe("BAD_USER_INPUT");
    expect(code(await typedGql(pod, `query($id: ID!) { countersHistory(id: $id, after: "abc") { nodes { rev } } }`, { id }))).toBe("INVALID_CURSOR");
    expect(code(await gql(`query($pod: String!) { pod(name: $pod) { actor(id: "counters") { items(asOf: "yesterday") { nodes { id } } } } }`, { pod }))).toBe("BAD_USER_INPUT");
  });
});

describe("history", () => {
  it("lists revisions newest first with who wrote each: the admin key, or a pod key by id and label", async () => {
    const { pod } = await setup();
    const robot = await createKey(pod, ["WRITE"], "robot");
    const { id } = await createCounter(pod, { title: "v1", n: 1 });
    await typed(pod, `mutation($id: ID!) { patchCounters(id: $id, patch: { n: 2 }) { id } }`, { id }, bearer(robot.key));
    await global(`mutation($pod: String!, $id: ID!) { replaceItem(pod: $pod, actor: "counters", id: $id, data: { title: "v3", n: 3 }) { id } }`, { pod, id }, bearer(robot.key));
    await typed(pod, `mutation($id: ID!) { deleteCounters(id: $id) }`, { id });

    const admin = { kind: "admin", keyId: null, label: null };
    const key = { kind: "key", keyId: robot.id, label: "robot" };
    const selection = `edges { cursor node { rev ts op by { kind keyId label } node { title n ${META} } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
    const first = (await typed(pod, `query($id: ID!) { countersHistory(id: $id, first: 2) { ${selection} } }`, { id })).countersHistory;
    expect(first.edges.map((e: any) => [e.cursor, e.node.rev, e.node.op, e.node.by])).toEqual([
      ["4", 4, "DELETED", admin],
      ["3", 3, "REPLACED", key],
    ]);
    expect(first.edges[0].node.node).toBeNull();
    expect(first.edges[1].node.node).toMatchObject({ title: "v3", n: 3, _meta: { rev: 3 } });
    expect(first.edges[0].node.ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: "4", endCursor: "3" });
    const rest = (await typed(pod, `query($id: ID!, $after: String) { countersHistory(id: $id, first: 2, after: $after) { ${selection} } }`, { id, after: first.pageInfo.endCursor })).countersHistory;
    expect(rest.edges.map((e: any) => [e.node.rev, e.node.op, e.node.by, e.node.node?.n])).toEqual([
      [2, "PATCHED", key, 2],
      [1, "CREATED", admin, 1],
    ]);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const times = [...first.edges, ...rest.edges].map((e: any) => Date.parse(e.node.ts));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // The global schema: a deleted item is reached by one of its past revisions.
    const viaGlobal = await global(
      `query($pod: String!, $id: ID!) { pod(name: $pod) { actor(id: "counters") { now: item(id: $id) { id } then: item(id: $id, rev: 1) { rev data history(first: 10) { nodes { rev ts op by { kind keyId label } data } pageInfo { hasNextPage endCursor } } } } } }`,
      { pod, id },
    );
    const { now, then } = viaGlobal.pod.actor;
    expect(now).toBeNull();
    expect(then.rev).toBe(1);
    expect(then.data).toEqual({ title: "v1", n: 1 });
    expect(then.history.nodes.map((r: any) => [r.rev, r.op, r.by, r.data])).toEqual([
      [4, "DELETED", admin, null],
      [3, "REPLACED", key, { title: "v3", n: 3 }],
      [2, "PATCHED", key, { title: "v1", n: 2 }],
      [1, "CREATED", admin, { title: "v1", n: 1 }],
    ]);
    expect(then.history.nodes[0].ts).toBe(times[0]);
    expect(then.history.pageInfo).toEqual({ hasNextPage: false, endCursor: "1" });
    // An id the actor never held has no history.
    expect((await typed(pod, `{ countersHistory(id: "01JZ0000000000000000000000") { nodes { rev } } }`)).countersHistory).toBeNull();
  });

  it("records the author of creates and batches too, on both schemas", async () => {
    const { pod } = await setup();
    const robot = await createKey(pod, ["WRITE"], "batcher");
    const a = await typed(pod, `mutation { createManyCounters(data: [{ title: "a" }, { title: "b" }]) { id } }`, {}, bearer(robot.key));
    const b = await global(`mutation($pod: String!) { createItems(pod: $pod, actor: "counters", data: [{ title: "c" }]) { id } }`, { pod }, bearer(robot.key));
    const c = await global(`mutation($pod: String!) { createItem(pod: $pod, actor: "counters", data: { title: "d" }) { id history { nodes { by { kind keyId label } } } } }`, { pod });
    for (const { id } of [...a.createManyCounters, ...b.createItems]) {
      const h = await typed(pod, `query($id: ID!) { countersHistory(id: $id) { nodes { op by { kind keyId label } } } }`, { id });
      expect(h.countersHistory.nodes).toEqual([{ op: "CREATED", by: { kind: "key", keyId: robot.id, label: "batcher" } }]);
    }
    expect(c.createItem.history.nodes).toEqual([{ by: { kind: "admin", keyId: null, label: null } }]);
  });
});

describe("history and the request's item-bytes budget", () => {
  it("counts the revisions a request reads against its item-bytes budget (LIMITS.maxResponseBytes)", async () => {
    const { pod } = await setup();
    const big = "x".repeat(900_000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await createCounter(pod, { title: big, n: i });
      // Each restore writes revision 1's body again: ten revisions of 900,000 characters.
      for (let r = 0; r < 9; r++) await typed(pod, `mutation($id: ID!) { restoreCounters(id: $id, rev: 1) { id } }`, { id });
      ids.push(id);
    }
    const histories = ids.map((_, i) => `h${i}: countersHistory(id: $id${i}, first: 10) { nodes { rev } pageInfo { hasNextPage } }`).join(" ");
    const vars = Object.fromEntries(ids.map((id, i) => [`id${i}`, id]));
    const decl = ids.map((_, i) => `$id${i}: ID!`).join(", ");
    // 27 million characters in all: the store ends each history page at about 4 MiB (LIMITS.maxPageBytes),
    // so every page answers, shorter, with a next page, and the request stays within its budget.
    const all = await typedGql<Record<string, { nodes: { rev: number }[]; pageInfo: { hasNextPage: boolean } }>>(pod, `query(${decl}) { ${histories} }`, vars);
    expect(all.errors).toBeUndefined();
    for (const h of Object.values(all.data!)) {
      expect(h.nodes.length).toBeGreaterThan(0);
      expect(h.nodes.length).toBeLessThan(10);
      expect(h.pageInfo.hasNextPage).toBe(true);
    }
    // Past revisions count too, on the global schema as well.
    const revs = ids.flatMap((id) => Array.from({ length: 10 }, (_, r) => `r${r + 1}_${id}: item(id: "${id}", rev: ${r + 1}) { rev }`)).join(" ");
    const viaGlobal = await gql(`query($pod: String!) { pod(name: $pod) { actor(id: "counters") { ${revs} } } }`, { pod });
    expect(viaGlobal.errors?.length).toBeGreaterThan(0);
    expect(viaGlobal.errors!.every((e) => e.extensions?.details?.limit === "responseBytes")).toBe(true);
    // Each request has a budget of its own.
    const two = await typedGql(pod, `query($id0: ID!, $id1: ID!) { h0: countersHistory(id: $id0, first: 10) { nodes { rev } } h1: countersHistory(id: $id1, first: 10) { nodes { rev } } }`, { id0: ids[0], id1: ids[1] });
    expect(two.errors).toBeUndefined();
  });
});

describe("time travel", () => {
  it("reads an item by revision and as of a time", async () => {
    const { pod } = await setup();
    const before = Date.now() - 1000;
    const v1 = await createCounter(pod, { title: "v1", n: 1 });
    const { id } = v1;
    await sleep(5);
    const v2 = (await typed(pod, `mutation($id: ID!) { patchCounters(id: $id, patch: { title: "v2" }) { ${META} } }`, { id })).patchCounters._meta;
    await sleep(5);
    const v3 = (await typed(pod, `mutation($id: ID!) { patchCounters(id: $id, patch: { title: "v3" }) { ${META} } }`, { id })).patchCounters._meta;
    await sleep(5);
    await typed(pod, `mutation($id: ID!) { deleteCounters(id: $id) }`, { id });
    expect(v1.updatedAt).toBeLessThan(v2.updatedAt);
    expect(v2.updatedAt).toBeLessThan(v3.updatedAt);

    const read = (sel: string) => typed(pod, `query($id: ID!) { x: countersById(id: $id, ${sel}) { title ${META} } }`, { id }).then((d) => d.x);
    expect(await read("rev: 1")).toMatchObject({ title: "v1", _meta: { rev: 1, updatedAt: v1.updatedAt } });
    expect(await read("rev: 3")).toMatchObject({ title: "v3", _meta: { rev: 3 } });
    // Revision 4 is the deletion; 5 does not exist.
    expect(await read("rev: 4")).toBeNull();
    expect(await read("rev: 5")).toBeNull();
    expect(await read(`asOf: "${iso(before)}"`)).toBeNull();
    expect(await read(`asOf: "${iso(v1.updatedAt)}"`)).toMatchObject({ title: "v1" });
    expect(await read(`asOf: "${iso(v2.updatedAt - 1)}"`)).toMatchObject({ title: "v1" });
    expect(await read(`asOf: "${iso(v2.updatedAt)}"`)).toMatchObject({ title: "v2", _meta: { rev: 2 } });
    expect(await read(`asOf: "${iso(v3.updatedAt)}"`)).toMatchObject({ title: "v3" });
    expect(await read(`asOf: "${iso(Date.now() + 1)}"`)).toBeNull();
    // An offset, and the scalar's other separator, name the same instant.
    const shifted = new Date(v2.updatedAt + 2 * 3600_000).toISOString().replace("T", " ").replace("Z", "+02:00");
    expect(await read(`asOf: "${shifted}"`)).toMatchObject({ title: "v2" });

    // The global schema takes ISO 8601 or ms since the epoch.
    const viaGlobal = await global(
      `query($pod: String!, $id: ID!, $a: String, $b: String) { pod(name: $pod) { actor(id: "counters") { r2: item(id: $id, rev: 2) { rev data } a: item(id: $id, asOf: $a) { rev data } b: item(id: $id, asOf: $b) { rev } } } }`,
      { pod, id, a: String(v1.updatedAt), b: iso(Date.now() + 1) },
    );
    expect(viaGlobal.pod.actor).toEqual({ r2: { rev: 2, data: { title: "v2", n: 1 } }, a: { rev: 1, data: { title: "v1", n: 1 } }, b: null });
  });

  it("lists items as they were at a time, where filters and orderBy reading the revisions then", async () => {
    const { pod } = await setup();
    type State = { title: string; n: number; tag: string };
    // What the test knows of each item, as [time it was written, state or null when deleted].
    const timeline = new Map<string, [number, State | null][]>();
    const record = (id: string, at: number, state: State | null) => timeline.set(id, [...(timeline.get(id) ?? []), [at, state]]);
    const write = async (op: "create" | "replace" | "delete", state: State | null, id?: string) => {
      if (op === "create") {
        const d = await typed(pod, `mutation($data: CountersInput!) { createCounters(data: $data) { id ${META} } }`, { data: state });
        record(d.createCounters.id, d.createCounters._meta.updatedAt, state);
        return d.createCounters.id as string;
      }
      if (op === "replace") {
        const d = await typed(pod, `mutation($id: ID!, $data: CountersInput!) { replaceCounters(id: $id, data: $data) { ${META} } }`, { id, data: state });
        record(id!, d.replaceCounters._meta.updatedAt, state);
        return id!;
      }
      const history = await typed(pod, `mutation($id: ID!) { deleteCounters(id: $id) }`, { id }).then(() => typed(pod, `query($id: ID!) { countersHistory(id: $id, first: 1) { nodes { ts } } }`, { id }));
      record(id!, Date.parse(history.countersHistory.nodes[0].ts), null);
      return id!;
    };
    const stateAt = (id: string, at: number): State | null => {
      let state: State | null = null;
      for (const [t, s] of timeline.get(id) ?? []) if (t <= at) state = s;
      return state;
    };

    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await write("create", { title: `item ${i}`, n: (i * 7) % 5, tag: i % 3 === 0 ? "b" : "a" }));
    await write("replace", { title: "item 1 moved", n: 9, tag: "b" }, ids[1]);
    await write("delete", null, ids[2]);
    await sleep(5);
    const t = Math.max(...[...timeline.values()].flat().map(([at]) => at));
    await sleep(5);
    // After t: what the past list must not see.
    await write("replace", { title: "item 4 moved", n: 0, tag: "b" }, ids[4]);
    await write("replace", { title: "item 3 moved", n: 4, tag: "a" }, ids[3]);
    await write("delete", null, ids[5]);
    await write("create", { title: "late", n: 1, tag: "a" }, undefined);
    await write("replace", { title: "item 1 back", n: 2, tag: "a" }, ids[1]);

    const all = [...timeline.keys()];
    const reference = (at: number, tag: string) =>
      all.flatMap((id) => {
        const s = stateAt(id, at);
        return s && s.tag === tag ? [{ id, ...s }] : [];
      });
    for (const tag of ["a", "b"]) {
      const expected = reference(t, tag);
      expect(expected.length).toBeGreaterThan(2);
      // Insertion (id) order, in pages of 3.
      const seen: unknown[] = [];
      let after: string | null = null;
      let totalCount = -1;
      for (let pages = 0; pages < 10; pages++) {
        const d: any = await typed(
          pod,
          `query($asOf: DateTime, $tag: String, $after: String) { counters(asOf: $asOf, where: { tag: { eq: $tag } }, first: 3, after: $after) { totalCount nodes { id title n tag } pageInfo { hasNextPage endCursor } } }`,
          { asOf: iso(t), tag, after },
        );
        seen.push(...d.counters.nodes);
        totalCount = d.counters.totalCount;
        if (!d.counters.pageInfo.hasNextPage) break;
        after = d.counters.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
      expect(totalCount).toBe(expected.length);
      // Ordered by n (descending; ties by id), from the revisions then.
      const ordered = await typed(pod, `query($asOf: DateTime, $tag: String) { counters(asOf: $asOf, where: { tag: { eq: $tag } }, orderBy: [{ field: N, direction: DESC }]) { nodes { id n } } }`, { asOf: iso(t), tag });
      const byN = [...expected].sort((x, y) => y.n - x.n || (x.id < y.id ? -1 : 1)).map(({ id, n }) => ({ id, n }));
      expect(ordered.counters.nodes).toEqual(byN);
      // The global schema's equality filter, with the time in ms.
      const g = await global(`query($pod: String!, $asOf: String, $tag: JSON) { pod(name: $pod) { actor(id: "counters") { items(asOf: $asOf, where: [{ path: "tag", eq: $tag }], first: 50) { nodes { id data } } } } }`, { pod, asOf: String(t), tag });
      expect(g.pod.actor.items.nodes).toEqual(expected.map(({ id, ...data }) => ({ id, data })));
    }
    // Now, for contrast, the current items differ from the past ones.
    const now = await typed(pod, `{ counters(where: { tag: { eq: "a" } }) { nodes { id } } }`);
    expect(now.counters.nodes.map((n: { id: string }) => n.id)).toEqual(reference(Date.now() + 1000, "a").map((s) => s.id));
    expect(now.counters.nodes.map((n: { id: string }) => n.id)).not.toEqual(reference(t, "a").map((s) => s.id));
  });
});

describe("restore, purge and fork", () => {
  it("restores an earlier revision as a new one, and undeletes a deleted item", async () => {
    const { pod } = await setup();
    const { id } = await createCounter(pod, { title: "v1", n: 1 });
    await typed(pod, `mutation($id: ID!) { replaceCounters(id: $id, data: { title: "v2", n: 2 }) { id } }`, { id });
    const restored = await typed(pod, `mutation($id: ID!) { restoreCounters(id: $id, rev: 1, ifRev: 2) { title n ${META} } }`, { id });
    expect(restored.restoreCounters).toMatchObject({ title: "v1", n: 1, _meta: { rev: 3 } });

    await typed(pod, `mutation($id: ID!) { deleteCounters(id: $id) }`, { id });
    expect((await typed(pod, `query($id: ID!) { countersById(id: $id) { id } }`, { id })).countersById).toBeNull();
    const back = await global(`mutation($pod: String!, $id: ID!) { restoreItem(pod: $pod, actor: "counters", id: $id, rev: 2) { id rev data } }`, { pod, id });
    expect(back.restoreItem).toEqual({ id, rev: 5, data: { title: "v2", n: 2 } });
    const now = await typed(pod, `query($id: ID!) { countersById(id: $id) { title ${META} } countersHistory(id: $id) { nodes { rev op } } counters { totalCount } }`, { id });
    expect(now.countersById).toMatchObject({ title: "v2", _meta: { rev: 5 } });
    expect(now.countersHistory.nodes).toEqual([
      { rev: 5, op: "RESTORED" },
      { rev: 4, op: "DELETED" },
      { rev: 3, op: "RESTORED" },
      { rev: 2, op: "REPLACED" },
      { rev: 1, op: "CREATED" },
    ]);
    expect(now.counters.totalCount).toBe(1);
    // A deletion has no body to restore.
    expect(code(await typedGql(pod, `mutation($id: ID!) { restoreCounters(id: $id, rev: 4) { id } }`, { id }))).toBe("BAD_USER_INPUT");
  });

  it("purges: the history keeps only the deletion, on a live item and on one already deleted", async () => {
    const { pod } = await setup();
    const live = (await createCounter(pod, { title: "secret", n: 1 })).id;
    await typed(pod, `mutation($id: ID!) { patchCounters(id: $id, patch: { n: 2 }) { id } }`, { id: live });
    expect((await typed(pod, `mutation($id: ID!) { deleteCounters(id: $id, purge: true, ifRev: 2) }`, { id: live })).deleteCounters).toBe(live);

    const deleted = (await createCounter(pod, { title: "secret too" })).id;
    await global(`mutation($pod: String!, $id: ID!) { deleteItem(pod: $pod, actor: "counters", id: $id) }`, { pod, id: deleted });
    expect((await typed(pod, `query($id: ID!) { countersById(id: $id, rev: 1) { title } }`, { id: deleted })).countersById).toEqual({ title: "secret too" });
    expect((await global(`mutation($pod: String!, $id: ID!) { deleteItem(pod: $pod, actor: "counters", id: $id, purge: true) }`, { pod, id: deleted })).deleteItem).toBe(deleted);

    for (const [id, rev] of [[live, 3], [deleted, 2]] as const) {
      const h = await typed(pod, `query($id: ID!) { countersHistory(id: $id) { nodes { rev op by { kind } node { title } } } r1: countersById(id: $id, rev: 1) { title } }`, { id });
      expect(h.countersHistory.nodes).toEqual([{ rev, op: "DELETED", by: { kind: "admin" }, node: null }]);
      expect(h.r1).toBeNull();
      // No body is left to restore.
      expect(code(await typedGql(pod, `mutation($id: ID!) { restoreCounters(id: $id, rev: 1) { id } }`, { id }))).toBe("NOT_FOUND");
      // The global schema reaches a deleted item's history through its actor.
      const g = await global(`query($pod: String!, $id: ID!) { pod(name: $pod) { actor(id: "counters") { item(id: $id) { id } itemHistory(id: $id) { nodes { rev op data } } } } }`, { pod, id });
      expect(g.pod.actor).toEqual({ item: null, itemHistory: { nodes: [{ rev, op: "DELETED", data: null }] } });
    }
    expect((await global(`query($pod: String!) { pod(name: $pod) { actor(id: "counters") { itemHistory(id: "01JZ0000000000000000000000") { nodes { rev } } } } }`, { pod })).pod.actor.itemHistory).toBeNull();
    // Without purge, deleting a deleted item is NOT_FOUND.
    expect(code(await typedGql(pod, `mutation($id: ID!) { deleteCounters(id: $id) }`, { id: live }))).toBe("NOT_FOUND");
  });

  it("forks an actor with its items as they were at a time", async () => {
    const { pod, actorId } = await setup();
    const a = await createCounter(pod, { title: "a", n: 1, tag: "x" });
    const b = await createCounter(pod, { title: "b", n: 2 });
    await sleep(5);
    const t = Math.max(a.updatedAt, b.updatedAt);
    await sleep(5);
    await typed(pod, `mutation($id: ID!) { patchCounters(id: $id, patch: { title: "a changed" }) { id } }`, { id: a.id });
    await typed(pod, `mutation($id: ID!) { deleteCounters(id: $id) }`, { id: b.id });
    await createCounter(pod, { title: "c" });

    const fork = await global(`mutation($pod: String!, $asOf: String) { forkActor(pod: $pod, actor: "counters", name: "counters_then", asOf: $asOf) { id ref name indexes items { nodes { id rev data history { nodes { op by { kind } } } } } } }`, { pod, asOf: iso(t) });
    expect(fork.forkActor).toMatchObject({ name: "counters_then", indexes: ["tag", "n"] });
    expect(fork.forkActor.id).not.toBe(actorId);
    expect(fork.forkActor.items.nodes).toEqual([
      { id: a.id, rev: 1, data: { title: "a", n: 1, tag: "x" }, history: { nodes: [{ op: "CREATED", by: { kind: "admin" } }] } },
      { id: b.id, rev: 1, data: { title: "b", n: 2 }, history: { nodes: [{ op: "CREATED", by: { kind: "admin" } }] } },
    ]);
    // The fork is named, so it has typed fields of its own; the source is unchanged.
    const both = await typed(pod, `{ countersThen(where: { tag: { eq: "x" } }) { nodes { id title } } counters { nodes { title } } }`);
    expect(both.countersThen.nodes).toEqual([{ id: a.id, title: "a" }]);
    expect(both.counters.nodes).toEqual([{ title: "a changed" }, { title: "c" }]);
    // Without asOf, the items as they are now; by id, unnamed.
    const now = await global(`mutation($pod: String!, $actor: ID!) { forkActor(pod: $pod, actor: $actor) { name items { nodes { data } } } }`, { pod, actor: actorId });
    expect(now.forkActor).toEqual({ name: null, items: { nodes: [{ data: { title: "a changed", n: 1, tag: "x" } }, { data: { title: "c" } }] } });
    expect(code(await gql(`mutation($pod: String!) { forkActor(pod: $pod, actor: "counters", asOf: "${iso(Date.now() + 3600_000)}") { id } }`, { pod }))).toBe("BAD_USER_INPUT");
    expect(code(await gql(`mutation($pod: String!) { forkActor(pod: $pod, actor: "no-such-actor") { id } }`, { pod }))).toBe("NOT_FOUND");
  });

  it("lets a READ key read history but not restore, delete, purge or fork; forking needs admin", async () => {
    const { pod } = await setup();
    const reader = await createKey(pod, ["READ"], "reader");
    const writer = await createKey(pod, ["WRITE"], "writer");
    const { id } = await createCounter(pod, { title: "t" });
    await typed(pod, `mutation($id: ID!) { patchCounters(id: $id, patch: { n: 1 }) { id } }`, { id });
    const asReader = bearer(reader.key);

    expect((await typed(pod, `query($id: ID!) { countersHistory(id: $id) { nodes { rev } } countersById(id: $id, rev: 1) { title } }`, { id }, asReader)).countersHistory.nodes).toHaveLength(2);
    const denied = [
      await typedGql(pod, `mutation($id: ID!) { restoreCounters(id: $id, rev: 1) { id } }`, { id }, asReader),
      await typedGql(pod, `mutation($id: ID!) { deleteCounters(id: $id) }`, { id }, asReader),
      await typedGql(pod, `mutation($id: ID!) { deleteCounters(id: $id, purge: true) }`, { id }, asReader),
      await gql(`mutation($pod: String!, $id: ID!) { restoreItem(pod: $pod, actor: "counters", id: $id, rev: 1) { id } }`, { pod, id }, asReader),
      await gql(`mutation($pod: String!, $id: ID!) { deleteItem(pod: $pod, actor: "counters", id: $id, purge: true) }`, { pod, id }, asReader),
      await gql(`mutation($pod: String!) { forkActor(pod: $pod, actor: "counters") { id } }`, { pod }, asReader),
      await gql(`mutation($pod: String!) { forkActor(pod: $pod, actor: "counters") { id } }`, { pod }, bearer(writer.key)),
    ];
    for (const res of denied) expect(code(res), JSON.stringify(res.errors)).toBe("FORBIDDEN");
    const after = await typed(pod, `query($id: ID!) { countersById(id: $id) { n ${META} } countersHistory(id: $id) { nodes { rev } } }`, { id });
    expect(after.countersById).toMatchObject({ n: 1, _meta: { rev: 2 } });
    expect(after.countersHistory.nodes).toHaveLength(2);
    const actors = await global(`query($pod: String!) { pod(name: $pod) { actorCount } }`, { pod });
    expect(actors.pod.actorCount).toBe(1);
    // The write key may restore.
    expect((await typed(pod, `mutation($id: ID!) { restoreCounters(id: $id, rev: 1) { n } }`, { id }, bearer(writer.key))).restoreCounters.n).toBeNull();
  });
});
