/**
 * GraphQL limits: tokens, depth, aliases, directives, cost, array batches,
 * request size and persisted operations. Each rejection is a clear error
 * with a stable code, and the limits leave ordinary operations alone.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../src/limits.js";
import persisted from "../schema/persisted-operations.json";
import { createDemoPod, gql, http } from "./helpers.js";
import demo from "../schema/examples/demo-pod.json";

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

describe("GraphQL operation limits", () => {
  it("rejects too many tokens, naming the limit", async () => {
    const query = `{ ${Array.from({ length: LIMITS.maxQueryTokens }, () => "__typename").join(" ")} }`;
    const res = await gql(query);
    expect(codeOf(res)).toBe("QUERY_LIMIT_EXCEEDED");
    expect(res.errors![0]!.message).toContain(`Token limit of ${LIMITS.maxQueryTokens}`);
  });

  it("rejects a query nested deeper than the depth limit, but not GraphiQL's introspection", async () => {
    const nested = (levels: number) => `{ __type(name: "Pod") { fields { type { ${"ofType { ".repeat(levels)}name${" }".repeat(levels)} } } } }`;
    const ok = await gql(nested(LIMITS.maxQueryDepth - 4));
    expect(ok.errors).toBeUndefined();
    const res = await gql(nested(LIMITS.maxQueryDepth));
    expect(codeOf(res)).toBe("QUERY_LIMIT_EXCEEDED");
    expect(res.errors![0]!.message).toContain(`depth limit of ${LIMITS.maxQueryDepth}`);
    const schema = await gql(`{ __schema { types { fields { type { ${"ofType { ".repeat(LIMITS.maxQueryDepth)}name${" }".repeat(LIMITS.maxQueryDepth)} } } } } }`);
    expect(schema.errors).toBeUndefined();
  });

  it("rejects too many aliases and directives", async () => {
    // Aliases of __typename are free (GraphQL Armor's allow list); aliases of real fields count.
    const aliases = await gql(`{ ${Array.from({ length: LIMITS.maxQueryAliases + 1 }, (_, i) => `a${i}: pod(name: "p${i}") { name }`).join(" ")} }`);
    expect(codeOf(aliases)).toBe("QUERY_LIMIT_EXCEEDED");
    const directives = await gql(`{ __typename ${Array.from({ length: LIMITS.maxQueryDirectives + 1 }, () => "@include(if: true)").join(" ")} }`);
    expect(codeOf(directives)).toBe("QUERY_LIMIT_EXCEEDED");
  });

  it("rejects an operation whose page sizes multiply past the cost limit, counting variables", async () => {
    const query = `query($n: Int) { pods(first: $n) { nodes { actors(first: $n) { nodes { id name items(first: $n) { nodes { id } } } } } } }`;
    const big = await gql(query, { n: 200 });
    expect(codeOf(big)).toBe("QUERY_LIMIT_EXCEEDED");
    expect(big.errors![0]!.extensions).toMatchObject({ details: { limit: "cost", max: LIMITS.maxQueryCost } });
    const small = await gql(query, { n: 2 });
    expect(small.errors).toBeUndefined();
  });
});

describe("requests", () => {
  it("runs array batches up to the limit and refuses larger ones", async () => {
    const batch = (n: number) => Array.from({ length: n }, () => ({ query: "{ __typename }" }));
    const ok = await http("POST", "/graphql", batch(LIMITS.maxBatchOperations));
    expect(ok.status).toBe(200);
    expect(ok.json).toHaveLength(LIMITS.maxBatchOperations);
    const tooMany = await http("POST", "/graphql", batch(LIMITS.maxBatchOperations + 1));
    expect(tooMany.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(tooMany.json)).toMatch(/[Bb]atch/);
  });

  it("refuses a request body past the size limit with 413 and a GraphQL-shaped error", async () => {
    const res = await http("POST", "/graphql", { query: "{ __typename }", variables: { pad: "x".repeat(LIMITS.maxRequestBytes) } });
    expect(res.status).toBe(413);
    expect(res.json.errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("persisted operations", () => {
  it("runs a registered operation by its hash alone, and reports an unknown hash", async () => {
    const pod = await createDemoPod(demo);
    const [hash, text] = Object.entries(persisted as Record<string, string>).find(([, doc]) => doc.startsWith("mutation AddNote"))!;
    const res = await http("POST", `/pods/${pod}/graphql`, { variables: { data: { title: "by hash", status: "todo" } }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data.createNotes.title).toBe("by hash");
    expect(text).toContain("createNotes");
    const byDocumentId = await http("POST", `/pods/${pod}/graphql`, { documentId: `sha256:${hash}`, variables: { data: { title: "by id", status: "done" } } });
    expect(byDocumentId.json.data.createNotes.title).toBe("by id");
    const unknown = await http("POST", "/graphql", { extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } });
    expect(unknown.json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });
});

describe("malformed operations", () => {
  it("answers a syntax error with 400 and no stack, on both endpoints", async () => {
    const pod = await createDemoPod(demo);
    for (const path of ["/graphql", `/pods/${pod}/graphql`]) {
      for (const query of ["{ pod(", "{", "}", "query { a"]) {
        const res = await http("POST", path, { query }, { accept: "application/graphql-response+json" });
        expect(res.status, `${path} ${query}`).toBe(400);
        expect(res.json.errors[0].message).toMatch(/^Syntax Error/);
        expect(JSON.stringify(res.json)).not.toContain("stack");
      }
    }
  });

  it("explains a body sent without its JSON content-type", async () => {
    const res = await http("POST", "/graphql", '{"query":"{ __typename }"}', { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].message).toContain("content-type: application/json");
  });
});
