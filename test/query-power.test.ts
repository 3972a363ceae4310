/**
 * The query engine's reach beyond indexed equality (store level and REST):
 * filters and sorts on paths without an index (read from the bodies), planned
 * through the index when there is one (EXPLAIN QUERY PLAN), boolean trees
 * against a reference over random items, and full-text search (`?q=`, the
 * config's `search` paths): ranking, highlights, syntax, diacritics, and
 * upkeep on every write.
 */
import { env, runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { storeStub } from "../src/objects/stubs.js";
import { planItemQuery, type Where } from "../src/store/item-query.js";
import { toFtsQuery } from "../src/store/search-query.js";
import { createPodAndActor, http } from "./helpers.js";

interface ItemJson {
  id: string;
  body: Record<string, unknown>;
  score?: number;
  highlights?: string[];
}

const itemConfig = {
  actorType: "store",
  version: "v1",
  schema: { type: "object", properties: { n: { type: "integer" }, tag: { type: "string" }, tags: { type: "array", items: { type: "string" } }, title: { type: "string" }, text: { type: "string" } } },
  indexes: ["tag"],
  search: ["title", "text"],
};

describe("filters on any path", () => {
  it("answers a random boolean tree on indexed and unindexed paths exactly as a reference does", async () => {
    const { podName, actorId, base } = await createPodAndActor(itemConfig);
    const tags = ["a", "b", "c"];
    const bodies = Array.from({ length: 300 }, (_, i) => ({ n: (i * 37) % 11, tag: tags[i % 3]!, ...(i % 4 ? { tags: [tags[(i + 1) % 3]!, tags[(i + 2) % 3]!].slice(0, 1 + (i % 2)) } : {}) }));
    const ids: string[] = [];
    for (let i = 0; i < bodies.length; i += 100) ids.push(...((await http("POST", `${base}/items/batch`, bodies.slice(i, i + 100))).json as { items: { id: string }[] }).items.map((x) => x.id));
    const stub = storeStub(env, podName, actorId);

    const leaf = fc.oneof(
      fc.record({ path: fc.constantFrom("tag", "tags"), op: fc.constantFrom("eq" as const, "ne" as const), value: fc.constantFrom(...tags) }),
      fc.record({ path: fc.constant("n"), op: fc.constantFrom("lt" as const, "gte" as const, "eq" as const), value: fc.integer({ min: 0, max: 10 }) }),
    );
    const tree: fc.Arbitrary<Where> = fc.letrec<{ where: Where }>((tie) => ({
      where: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf.map((condition) => ({ condition })),
        fc.array(tie("where"), { minLength: 1, maxLength: 3 }).map((and) => ({ and })),
        fc.array(tie("where"), { minLength: 1, maxLength: 3 }).map((or) => ({ or })),
        tie("where").map((not) => ({ not })),
      ),
    })).where;
    const valuesAt = (body: Record<string, unknown>, path: string) => {
      const v = body[path];
      return Array.isArray(v) ? v : v === undefined ? [] : [v];
    };
    const matches = (where: Where, body: Record<string, unknown>): boolean => {
      if ("and" in where) return where.and.every((w) => matches(w, body));
      if ("or" in where) return where.or.some((w) => matches(w, body));
      if ("not" in where) return !matches(where.not, body);
      const { path, op, value } = where.condition;
      const values = valuesAt(body, path);
      if (op === "eq") return values.includes(value);
      if (op === "ne") return !values.includes(value);
      if (op === "lt") return values.some((v) => typeof v === "number" && v < (value as number));
      return values.some((v) => typeof v === "number" && v >= (value as number));
    };
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(tree, async (where) => {
        const expected = ids.filter((_, i) => matches(where, bodies[i]!));
        // As a client would send it: plain JSON (fast-check's values carry symbols RPC cannot clone).
        const result = await stub.queryItems([{ where: JSON.parse(JSON.stringify(where)) as Where, orderBy: [], first: 200, count: true, anyPath: true }]);
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        const page = result.value.pages[0]!;
        if (!page.ok) {
          // A tree past the engine's limits is refused with a clear code, never answered wrongly.
          expect(["BAD_USER_INPUT", "QUERY_LIMIT_EXCEEDED"]).toContain(page.error.code);
          return;
        }
        expect(page.value.totalCount).toBe(expected.length);
        expect(page.value.edges.map((e) => e.item.id)).toEqual(expected.slice(0, 200));
        answered++;
      }),
      { numRuns: 60 },
    );
    expect(answered).toBeGreaterThan(45);
    // Without anyPath (REST's k_ filters, say), a path with no index is still refused.
    const refused = await stub.queryItems([{ where: { condition: { path: "n", op: "eq", value: 1 } }, orderBy: [], first: 10 }]);
    expect(refused.ok && !refused.value.pages[0]!.ok && refused.value.pages[0]!.error.code).toBe("UNINDEXED_FILTER");
  }, 120_000);

  it("plans an indexed path through its index and reads an unindexed one from the bodies", async () => {
    const { podName, actorId, base } = await createPodAndActor(itemConfig);
    await http("POST", `${base}/items/batch`, Array.from({ length: 50 }, (_, i) => ({ n: i, tag: i % 2 ? "odd" : "even" })));
    const explain = (path: string) => {
      const plan = planItemQuery({ where: { condition: { path, op: "eq", value: path === "tag" ? "odd" : 3 } }, orderBy: [], first: 10, anyPath: true }, itemConfig.indexes);
      return runInDurableObject(storeStub(env, podName, actorId), (_, state) =>
        state.storage.sql.exec<{ detail: string }>(`EXPLAIN QUERY PLAN ${plan.sql}`, ...plan.params).toArray().map((r) => r.detail).join("\n"),
      );
    };
    expect(await explain("tag")).toMatch(/item_index USING (COVERING )?INDEX item_index_lookup/);
    const unindexed = await explain("n");
    expect(unindexed).not.toMatch(/item_index/);
    expect(unindexed).toMatch(/json_each/i);
  });
});

describe("aggregates and group-by", () => {
  it("sums, averages, counts, and finds min and max over the filtered set, overall and per group, as a reference does", async () => {
    const { podName, actorId, base } = await createPodAndActor(itemConfig);
    const tags = ["a", "b", "c", "d"];
    const bodies = Array.from({ length: 2000 }, (_, i) => ({ n: (i * 7919) % 1000, tag: tags[(i * 31) % 4]!, title: `t${(i * 13) % 97}`, ...(i % 10 === 0 ? { n: undefined } : {}) }));
    for (let i = 0; i < bodies.length; i += 500) await http("POST", `${base}/items/batch`, JSON.parse(JSON.stringify(bodies.slice(i, i + 500))));
    const stub = storeStub(env, podName, actorId);
    const stats = (rows: { n?: number; title: string }[]) => {
      const ns = rows.map((r) => r.n).filter((n): n is number => typeof n === "number");
      return {
        count: rows.length,
        sum: { n: ns.length ? ns.reduce((a, b) => a + b, 0) : null },
        avg: { n: ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : null },
        min: { n: ns.length ? Math.min(...ns) : null, title: rows.length ? rows.map((r) => r.title).sort()[0]! : null },
        max: { n: ns.length ? Math.max(...ns) : null },
      };
    };
    const spec = { sum: ["n"], avg: ["n"], min: ["n", "title"], max: ["n"] };
    const where: Where = { or: [{ condition: { path: "tag", op: "eq", value: "a" } }, { condition: { path: "n", op: "lt", value: 100 } }] };
    const kept = bodies.filter((b) => b.tag === "a" || (typeof b.n === "number" && b.n < 100));
    const overall = await stub.aggregateItems([{ query: { where, orderBy: [], anyPath: true }, spec }]);
    if (!overall.ok || !overall.value.results[0]!.ok) throw new Error(JSON.stringify(overall));
    const [row] = overall.value.results[0]!.value;
    expect({ ...row, avg: { n: Number(row!.avg.n!.toFixed(9)) } }).toEqual({ ...stats(kept), avg: { n: Number(stats(kept).avg.n!.toFixed(9)) } });

    const grouped = await stub.aggregateItems([{ query: { where: null, orderBy: [] }, spec: { by: ["tag"], sum: ["n"], limit: 10, order: "key" } }]);
    if (!grouped.ok || !grouped.value.results[0]!.ok) throw new Error(JSON.stringify(grouped));
    expect(grouped.value.results[0]!.value.map((g) => [g.key!.tag, g.count, g.sum.n])).toEqual(
      tags.map((tag) => {
        const rows = bodies.filter((b) => b.tag === tag);
        return [tag, rows.length, stats(rows).sum.n];
      }),
    );
    // An empty set: count 0, every other aggregate null.
    const none = await stub.aggregateItems([{ query: { where: { condition: { path: "tag", op: "eq", value: "zzz" } }, orderBy: [] }, spec }]);
    expect(none.ok && none.value.results[0]!.ok && none.value.results[0]!.value[0]).toEqual({ count: 0, sum: { n: null }, avg: { n: null }, min: { n: null, title: null }, max: { n: null } });
    const bad = await stub.aggregateItems([{ query: { where: null, orderBy: [] }, spec: { sum: ["not a path!"] } }]);
    expect(bad.ok && !bad.value.results[0]!.ok && bad.value.results[0]!.error.code).toBe("BAD_USER_INPUT");
  }, 60_000);
});

describe("full-text search", () => {
  it("finds, ranks and highlights over the search paths, and keeps the index with every write", async () => {
    const { base } = await createPodAndActor(itemConfig);
    const create = async (body: Record<string, unknown>) => ((await http("POST", `${base}/items`, body)).json as { id: string }).id;
    const cafe = await create({ title: "Café culture", text: "Espresso and croissants in Paris. The café opens early." });
    const tea = await create({ title: "Tea rooms", text: "Scones and tea; no coffee here." });
    const coffee = await create({ title: "Coffee", text: "Coffee, coffee and more coffee beans." });
    await create({ title: "Unrelated", text: "Bicycles." });
    const search = async (q: string, extra = "") => {
      const res = await http("GET", `${base}/items?q=${encodeURIComponent(q)}${extra}`);
      if (res.status !== 200) return { status: res.status, json: res.json };
      return { status: 200, items: (res.json as { items: ItemJson[] }).items, next: (res.json as { next_after: string | null }).next_after };
    };

    // Diacritics and case do not matter; the snippet marks the term.
    const found = await search("cafe");
    expect(found.items!.map((i) => i.id)).toEqual([cafe]);
    expect(found.items![0]!.highlights![0]).toMatch(/<mark>Café<\/mark>|<mark>café<\/mark>/);
    // bm25: the document that says coffee most ranks first.
    expect((await search("coffee")).items!.map((i) => i.id)).toEqual([coffee, tea]);
    const scores = (await search("coffee")).items!.map((i) => i.score!);
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect((await search('"more coffee"')).items!.map((i) => i.id)).toEqual([coffee]);
    expect((await search("espress*")).items!.map((i) => i.id)).toEqual([cafe]);
    expect((await search("tea OR bicycles")).items!.length).toBe(2);
    expect((await search("coffee NOT scones")).items!.map((i) => i.id)).toEqual([coffee]);
    expect((await search("coffee -scones")).items!.map((i) => i.id)).toEqual([coffee]);

    // Pages by rank with the cursor next_after gives.
    const first = await search("coffee", "&limit=1");
    expect(first.items!.map((i) => i.id)).toEqual([coffee]);
    expect((await search("coffee", `&limit=1&after=${first.next}`)).items!.map((i) => i.id)).toEqual([tea]);

    // Writes keep the index: a replace moves the item, a delete removes it.
    await http("PUT", `${base}/items/${tea}`, { title: "Tea rooms", text: "Scones and tea only." });
    expect((await search("coffee")).items!.map((i) => i.id)).toEqual([coffee]);
    await http("DELETE", `${base}/items/${coffee}`);
    expect((await search("coffee")).items!).toEqual([]);

    // Combined with filters (k_), and refused with a 400 for bad syntax, never a 500.
    for (const bad of ['"open', "OR coffee", "coffee NOT", "*", "", "NOT"]) {
      const res = await search(bad);
      expect(res.status, bad).toBe(400);
    }
  });

  it("turns any input into a query FTS5 accepts, or a BAD_USER_INPUT", async () => {
    const { base } = await createPodAndActor(itemConfig);
    await http("POST", `${base}/items`, { title: "hello world", text: "a (b) c: d' \" e" });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (q) => {
        let fts: string | null = null;
        try {
          fts = toFtsQuery(q);
        } catch (error) {
          expect((error as { code?: string }).code).toBe("BAD_USER_INPUT");
        }
        const res = await http("GET", `${base}/items?q=${encodeURIComponent(q)}`);
        expect(res.status, `${JSON.stringify(q)} -> ${fts}`).toBe(fts === null ? 400 : 200);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it("is refused on an actor without search paths, and rebuilt when the paths change", async () => {
    const { podName, actorId, base } = await createPodAndActor({ ...itemConfig, search: undefined });
    await http("POST", `${base}/items`, { title: "findable words" });
    expect((await http("GET", `${base}/items?q=findable`)).status).toBe(400);
    expect((await http("PATCH", `/pods/${podName}/actors/${actorId}`, { search: ["title"] })).status).toBe(200);
    expect(((await http("GET", `${base}/items?q=findable`)).json as { items: unknown[] }).items).toHaveLength(1);
    expect((await http("PATCH", `/pods/${podName}/actors/${actorId}`, { search: ["bad path!"] })).status).toBe(400);
  });
});
