/**
 * Issue 11, finding 3, written as the attack: aliases of sorted and counted lists on an actor of
 * 50,000 items, which once held the actor for 49 s with one 7 KB request. The cost limit charges
 * counts and sort terms; inside the actor each request may read LIMITS.maxRowsReadPerRequest rows,
 * and other requests to the actor are served between the attack's queries.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../src/limits.js";
import { storeStub } from "../src/objects/stubs.js";
import { http, typedGql, uniquePodName } from "./helpers.js";
import { waitUntil } from "./sync.js";

const ITEMS = 50_000;
let pod: string;
let base: string;
let actorId: string;
let someId: string;

/** Rows the actor's SQLite has read since the object was loaded (Sql.rowsRead, what its query budgets count). */
function rowsRead(): Promise<number> {
  return runInDurableObject(storeStub(env, pod, actorId), (instance) => (instance as unknown as { sql: { rowsRead: number } }).sql.rowsRead);
}

/**
 * Waits until a request started after `before` was read is running in the actor: at least one of
 * its sorts, which reads every item, has run. This read is itself served between the attack's
 * queries, as a victim's request would be.
 */
async function untilRunningInActor(before: number): Promise<void> {
  await waitUntil(async () => (await rowsRead()) >= before + ITEMS, { what: "the attack's first sort to have run in the actor", timeoutMs: 15_000 });
}

beforeAll(async () => {
  pod = uniquePodName("work");
  await http("POST", "/pods", { name: pod });
  const schema = { type: "object", properties: { title: { type: "string" }, n: { type: "integer" }, tag: { type: "string" } } };
  const actor = await http("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema, indexes: ["n", "tag"] } });
  actorId = actor.json.actorId;
  base = `/pods/${pod}/actors/${actorId}`;
  for (let b = 0; b < ITEMS / LIMITS.maxBatchItems; b++) {
    const items = Array.from({ length: LIMITS.maxBatchItems }, (_, i) => ({ title: `t${b}-${i}`, n: ((b * LIMITS.maxBatchItems + i) * 7919) % ITEMS, tag: `g${i % 10}` }));
    const res = await http("POST", `${base}/items/batch`, { items });
    if (res.status !== 201) throw new Error(JSON.stringify(res.json).slice(0, 300));
    someId ??= res.json.items[0].id;
  }
}, 120_000);

describe("attack: database work in one request", () => {
  it("the reported attack, 100 aliases of a sorted totalCount, stops at the actor's rows-read budget within about a second of its time", async () => {
    // Distinct page sizes, so no two aliases are the same query (equal ones run once).
    const fields = Array.from({ length: 100 }, (_, i) => `a${i}: notes(first: ${(i % 50) + 1}, orderBy: [{field: N, direction: ${i < 50 ? "DESC" : "ASC"}}]) { totalCount }`).join("\n");
    const before = await rowsRead();
    const started = Date.now();
    const attack = typedGql(pod, `{ ${fields} }`);
    await untilRunningInActor(before); // so the other request comes while the attack holds the actor
    const [res, other] = await Promise.all([attack, http("GET", `${base}/items/${someId}`)]);
    expect(other.status).toBe(200);
    expect(res.errors?.[0]?.extensions?.code).toBe("QUERY_LIMIT_EXCEEDED");
    expect(res.errors![0]!.extensions!.details).toMatchObject({ limit: "rowsRead", max: LIMITS.maxRowsReadPerRequest });
    expect(res.data ?? null).toBeNull();
    // Not a speed target: before the budget, this request held the actor for 49 s.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("a document that asks for far more sorting and counting than the cost limit allows is refused before anything runs", async () => {
    const fields = Array.from({ length: 100 }, (_, i) => `a${i}: notes(first: 200, orderBy: [{field: N, direction: DESC}, {field: TAG, direction: ASC}, {field: ID, direction: ASC}]) { totalCount nodes { id } }`).join("\n");
    const res = await typedGql(pod, `{ ${fields} }`);
    expect(res.errors?.[0]?.extensions?.code).toBe("QUERY_LIMIT_EXCEEDED");
    expect(res.errors![0]!.extensions!.details).toMatchObject({ limit: "cost" });
  });

  it("sorted lists that pass the cost limit stop at the actor's rows-read budget, and other requests are served meanwhile", async () => {
    // Distinct page sizes, so no two aliases are the same query; each sorts all 50,000 items.
    const fields = Array.from({ length: 40 }, (_, i) => `a${i}: notes(first: ${i + 1}, orderBy: [{field: N, direction: DESC}]) { nodes { id } }`).join("\n");
    let attackDone = 0;
    const before = await rowsRead();
    const attack = typedGql(pod, `{ ${fields} }`).then((r) => ((attackDone = Date.now()), r));
    await untilRunningInActor(before);
    expect(attackDone, "the attack finished before the victim's read was sent").toBe(0);
    const other = await http("GET", `${base}/items/${someId}`);
    const otherDone = Date.now();
    const res = await attack;
    expect(other.status).toBe(200);
    // The victim's read got in between the attack's queries instead of waiting for all of them.
    expect(otherDone).toBeLessThan(attackDone);

    // The lists are non-null, so the first refused list ends the operation (data null).
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    const error = res.errors![0]!;
    expect(error.extensions?.code).toBe("QUERY_LIMIT_EXCEEDED");
    expect(error.message).toMatch(/would read about \d+ rows/);
    const details = error.extensions!.details as { limit: string; max: number; estimate: number; left: number };
    expect(details).toMatchObject({ limit: "rowsRead", max: LIMITS.maxRowsReadPerRequest });
    expect(details.estimate).toBeGreaterThanOrEqual(7 * ITEMS); // a sort reads about 7 rows per item
    // Refused before it ran, once the sorts before it (about 7 rows read per item each) had spent the budget.
    expect(details.left).toBeLessThan(details.estimate);
    expect(details.max - details.left).toBeGreaterThanOrEqual(10 * 7 * ITEMS);
  });

  it("a request's budget counts only its own reads, however many heavy requests run beside it", async () => {
    const heavy = Array.from({ length: 40 }, (_, i) => `h${i}: notes(first: ${i + 1}, orderBy: [{field: N, direction: DESC}]) { nodes { id } }`).join(" ");
    // Eight sorts of its own (about 2.8M rows read): within the budget alone, but not if the heavy
    // requests' reads, made while it yields between its lists, were charged to it too.
    const small = `{ y: notes(first: 10, orderBy: [{field: N, direction: ASC}]) { totalCount nodes { id } } ${Array.from({ length: 7 }, (_, i) => `s${i}: notes(first: ${i + 1}, orderBy: [{field: N, direction: ASC}]) { nodes { id } }`).join(" ")} }`;
    const results = await Promise.all([...Array.from({ length: 4 }, () => typedGql(pod, `{ ${heavy} }`)), ...Array.from({ length: 3 }, () => typedGql(pod, small))]);
    for (const res of results.slice(4)) {
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      expect(res.data.y.totalCount).toBe(ITEMS);
    }
    for (const res of results.slice(0, 4)) expect(res.errors?.[0]?.extensions?.code).toBe("QUERY_LIMIT_EXCEEDED");
  });

  it("an array-batched request shares one budget across its operations (ten operations once had ten budgets)", async () => {
    const op = (o: number) => ({ query: `{ ${Array.from({ length: 3 }, (_, i) => `s${i}: notes(first: ${o * 3 + i + 1}, orderBy: [{field: N, direction: DESC}]) { nodes { id } }`).join(" ")} }` });
    const res = await http("POST", `/pods/${pod}/graphql`, Array.from({ length: 10 }, (_, o) => op(o)));
    expect(res.status).toBe(200);
    const answers = res.json as { data?: unknown; errors?: { extensions?: { code?: string; details?: { limit?: string } } }[] }[];
    const refused = answers.filter((a) => a.errors?.[0]?.extensions?.details?.limit === "rowsRead");
    // 30 sorts of about 350,000 rows each pass one 5,000,000-row budget: some operations are refused.
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.data).length).toBeGreaterThan(0);
  });

  it("equal aliases run once", async () => {
    const fields = Array.from({ length: 40 }, (_, i) => `a${i}: notes(first: 2, orderBy: [{field: N, direction: DESC}]) { nodes { id } }`).join("\n");
    const res = await typedGql(pod, `{ ${fields} }`);
    expect(res.errors).toBeUndefined();
    const ids = Object.values(res.data as Record<string, { nodes: { id: string }[] }>).map((v) => v.nodes.map((n) => n.id).join());
    expect(new Set(ids).size).toBe(1);
  });

  it("a new request has a new budget, and counted filtered lists stay exact", async () => {
    const res = await typedGql(pod, `{ all: notes(first: 3, orderBy: [{field: N, direction: ASC}]) { totalCount nodes { id } } g3: notes(first: 1, where: {tag: {eq: "g3"}}) { totalCount } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.all.totalCount).toBe(ITEMS);
    expect(res.data.g3.totalCount).toBe(ITEMS / 10);
  });

  it("REST lists on the big actor are served within the budget", async () => {
    const res = await http("GET", `${base}/items?k_tag=g3&limit=5`);
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(5);
  });
});

describe("attack: lists of large items", () => {
  it("a page of items near 1 MiB ends early with a next cursor instead of failing, over REST and GraphQL, and paging reads them all", async () => {
    const big = uniquePodName("big");
    await http("POST", "/pods", { name: big });
    const actor = await http("POST", `/pods/${big}/actors`, { name: "blobs", config: { actorType: "store", version: "v1", schema: { type: "object", properties: { pad: { type: "string" } } } } });
    const at = `/pods/${big}/actors/${actor.json.actorId}`;
    // 50 × 700 KB: 35 MB, past the 32 MiB one RPC answer may carry (the list once failed with a 500).
    for (let i = 0; i < 50; i++) expect((await http("POST", `${at}/items`, { pad: String(i % 10).repeat(700_000) })).status).toBe(201);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await http("GET", `${at}/items?limit=50${after ? `&after=${after}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.json.items.length).toBeLessThanOrEqual(Math.ceil(LIMITS.maxPageBytes / 700_000));
      seen.push(...res.json.items.map((i: { id: string }) => i.id));
      after = res.json.next_after;
      pages++;
    } while (after);
    expect(new Set(seen).size).toBe(50);
    expect(pages).toBeGreaterThan(1);

    // Ten batched operations over the big items return at most LIMITS.maxResponseBytes of item JSON in all.
    const batch = await http("POST", `/pods/${big}/graphql`, Array.from({ length: 10 }, (_, i) => ({ query: `{ blobs(first: ${40 + i}) { pageInfo { hasNextPage } nodes { pad } } }` })));
    expect(batch.status).toBe(200);
    const padChars = (batch.json as { data?: { blobs: { nodes: { pad: string }[] } } }[]).reduce((sum, a) => sum + (a.data?.blobs.nodes ?? []).reduce((n, node) => n + node.pad.length, 0), 0);
    expect(padChars).toBeLessThanOrEqual(LIMITS.maxResponseBytes);
    expect(padChars).toBeGreaterThan(0);

    const typed = await typedGql(big, `{ a: blobs(first: 50) { pageInfo { hasNextPage } nodes { id } } b: blobs(first: 50, orderBy: [{field: ID, direction: DESC}]) { nodes { id } } }`);
    expect(typed.errors, JSON.stringify(typed.errors)).toBeUndefined();
    expect(typed.data.a.pageInfo.hasNextPage).toBe(true);
    expect(typed.data.a.nodes.length).toBeLessThan(50);
  }, 120_000);
});
