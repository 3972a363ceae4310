/**
 * The one query engine's pure parts (src/store/item-query.ts), without a database: the cursor
 * codec, the page-size rule, Paseo's underscore names, and the SQL plan's shape and bounds.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../src/limits.js";
import { decodeCursor, encodeCursor, equalityWhere, estimateRowsRead, pageSize, planItemQuery, type ItemQuery } from "../src/store/item-query.js";

const ID = "01JZ0000000000000000000000";
const query = (over: Partial<ItemQuery> = {}): ItemQuery => ({ where: null, orderBy: [], ...over });
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return null;
};

describe("the cursor codec", () => {
  it("gives insertion order's cursor as the item id itself, and reads it back", () => {
    expect(encodeCursor([ID])).toBe(ID);
    expect(decodeCursor(ID, 1)).toEqual([ID]);
  });

  it("round-trips sort keys of any kind, Unicode included, as opaque base64url", () => {
    for (const values of [["é 🙂", ID], [42, ID], [null, ID], ["a", 1.5, ID]] as (string | number | null)[][]) {
      const cursor = encodeCursor(values);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor, values.length)).toEqual(values);
    }
  });

  it("refuses a cursor of another query's shape, or none at all, with INVALID_CURSOR", () => {
    expect(code(() => decodeCursor(encodeCursor(["a", ID]), 1))).toBe("INVALID_CURSOR");
    expect(code(() => decodeCursor("not a cursor", 2))).toBe("INVALID_CURSOR");
    expect(code(() => decodeCursor(ID, 2))).toBe("INVALID_CURSOR");
  });
});

describe("the page-size rule", () => {
  it("defaults, bounds, and names the argument", () => {
    expect(pageSize(undefined, "first")).toBe(LIMITS.defaultPageSize);
    expect(pageSize(LIMITS.maxPageSize, "first")).toBe(LIMITS.maxPageSize);
    for (const bad of [0, -1, 1.5, LIMITS.maxPageSize + 1, Number.NaN]) expect(code(() => pageSize(bad, "limit"))).toBe("BAD_USER_INPUT");
  });
});

describe("planItemQuery", () => {
  it("binds every value, never splices it into the SQL", () => {
    const plan = planItemQuery(query({ where: { condition: { path: "title", op: "eq", value: "'; DROP TABLE items; --" } } }), ["title"]);
    expect(plan.sql).not.toContain("DROP");
    expect(plan.params).toContain("'; DROP TABLE items; --");
  });

  it("refuses unindexed paths, and resolves Paseo's underscore names only when asked, an exact name first", () => {
    expect(code(() => planItemQuery(query({ where: equalityWhere([{ path: "metadata_type", values: ["chat"] }]) }), ["metadata.type"]))).toBe("UNINDEXED_FILTER");
    const paseo = planItemQuery(query({ where: equalityWhere([{ path: "metadata_type", values: ["chat"] }]), paseoNames: true }), ["metadata.type"]);
    expect(paseo.conditionPaths).toEqual(["metadata.type"]);
    expect(planItemQuery(query({ where: equalityWhere([{ path: "a_b", values: [1] }]), paseoNames: true }), ["a.b", "a_b"]).conditionPaths).toEqual(["a_b"]);
    expect(code(() => planItemQuery(query({ where: equalityWhere([{ path: "a_b_c", values: [1] }]), paseoNames: true }), ["a.b_c", "a_b.c"]))).toBe("BAD_USER_INPUT");
  });

  it("keeps within SQLite's 100 bound parameters and the filter limits", () => {
    const many = { and: Array.from({ length: LIMITS.maxFilters + 1 }, () => ({ condition: { path: "n", op: "eq" as const, value: 1 } })) };
    expect(code(() => planItemQuery(query({ where: many }), ["n"]))).toBe("BAD_USER_INPUT");
    const widest = planItemQuery(query({ where: { and: Array.from({ length: LIMITS.maxFilters }, () => ({ condition: { path: "n", op: "in" as const, value: [1, 2, 3, 4, 5, 6] } })) } }), ["n"]);
    expect(widest.params.length).toBeLessThanOrEqual(100);
    expect(code(() => planItemQuery(query({ orderBy: ["a", "b", "c", "d"].map((path) => ({ path, direction: "asc" as const })) }), ["a", "b", "c", "d"]))).toBe("BAD_USER_INPUT");
  });

  it("estimates more work for sorts and counts than for a page, and more for arrays than for single values", () => {
    const rows = new Map([["n", 1000], ["tags", 25_000]]);
    const page = estimateRowsRead(planItemQuery(query({ first: 10 }), ["n"]), 1000, rows);
    const sorted = estimateRowsRead(planItemQuery(query({ first: 10, orderBy: [{ path: "n", direction: "asc" }] }), ["n"]), 1000, rows);
    const sortedArray = estimateRowsRead(planItemQuery(query({ first: 10, orderBy: [{ path: "tags", direction: "asc" }] }), ["tags"]), 1000, rows);
    const counted = estimateRowsRead(planItemQuery(query({ first: 10, orderBy: [{ path: "n", direction: "asc" }], count: true }), ["n"]), 1000, rows);
    expect(page).toBe(11);
    expect(sorted).toBeGreaterThan(7 * 1000);
    expect(sortedArray).toBeGreaterThan(sorted);
    expect(counted).toBeGreaterThan(sorted);
  });
});
