/** The cost model (src/graphql/limits/query-cost.ts) as a pure function: what each construct is charged. */
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { operationCost } from "../src/graphql/limits/query-cost.js";
import { LIMITS } from "../src/limits.js";

const cost = (doc: string, variables: Record<string, unknown> = {}) => operationCost(parse(doc), null, variables);

describe("operationCost", () => {
  it("multiplies a connection's nodes by its page size, and its pageInfo and totalCount not", () => {
    // notes 1 + nodes 10 × (1 + id 1) + pageInfo 1 × (1 + 1) + totalCount (1 + countCost)
    expect(cost("{ notes(first: 10) { nodes { id } pageInfo { hasNextPage } totalCount } }")).toBe(1 + 10 * 2 + 2 + 1 + LIMITS.countCost);
  });

  it("charges each orderBy term, whether written inline, as one object, or in a variable", () => {
    const base = cost("{ notes(first: 1) { nodes { id } } }");
    expect(cost("{ notes(first: 1, orderBy: [{field: A}, {field: B}]) { nodes { id } } }")).toBe(base + 2 * LIMITS.orderTermCost);
    expect(cost("{ notes(first: 1, orderBy: {field: A}) { nodes { id } } }")).toBe(base + LIMITS.orderTermCost);
    const withVariable = "query($o: [O!]) { notes(first: 1, orderBy: $o) { nodes { id } } }";
    expect(cost(withVariable, { o: [{ field: "A" }, { field: "B" }, { field: "C" }] })).toBe(base + 3 * LIMITS.orderTermCost);
    expect(cost(withVariable, {})).toBe(base);
    expect(cost('query($o: [O!] = [{field: A}]) { notes(first: 1, orderBy: $o) { nodes { id } } }', {})).toBe(base + LIMITS.orderTermCost);
  });

  it("charges database work inside nested lists once per enclosing item", () => {
    const inner = 1 + LIMITS.orderTermCost + 5 * 2;
    expect(cost("{ actors(first: 4) { nodes { notes(first: 5, orderBy: {field: A}) { nodes { id } } } } }")).toBe(1 + 4 * (1 + inner));
  });

  it("counts a fragment spread inside a connection per item, and each fragment once however often it is spread", () => {
    expect(cost("{ notes(first: 10) { ...F } } fragment F on C { nodes { id } }")).toBe(1 + 10 * 2);
    let doc = "query { pods { nodes { ...F0 } } }\n";
    for (let i = 0; i < 40; i++) doc += `fragment F${i} on Pod { name ...F${i + 1} ...F${i + 1} }\n`;
    expect(cost(`${doc}fragment F40 on Pod { name }`)).toBeGreaterThan(LIMITS.maxQueryCost);
  });
});
