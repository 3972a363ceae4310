/**
 * What the fuzz tests (test/fuzz*.test.ts) found, one test each, every one
 * fixed: each test reproduces the input that used to break the gateway.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../src/limits.js";
import { createPodAndActor, gql, http, typedGql, type GraphQLResponse } from "./helpers.js";

/** `levels` arrays nested in one another around `leaf`. */
const nested = (levels: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

const openSchema = { actorType: "store", version: "v1", schema: { type: "object", properties: { title: { type: "string" } } }, indexes: ["title"] };

describe("fixed: found by the fuzz tests", () => {
  it(`JSON nested deeper than ${LIMITS.maxJsonDepth} levels is a 400 on every write path, not a 500; ${LIMITS.maxJsonDepth} levels are stored`, async () => {
    const { podName, actorId, base } = await createPodAndActor(openSchema, "notes");
    const deep = nested(5000);
    const { id } = (await http("POST", `${base}/items`, { title: "x" })).json;
    const rest = [
      await http("POST", `${base}/items`, { deep }),
      await http("POST", `${base}/items/batch`, [{ title: "ok" }, { deep }]),
      await http("PUT", `${base}/items/${id}`, { deep }),
      await http("PATCH", `${base}/items/${id}`, { deep }),
    ];
    for (const res of rest) {
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: "bad_request", code: "BAD_USER_INPUT", details: { maxDepth: LIMITS.maxJsonDepth } });
    }
    expect(rest[1]!.json.details.path).toMatch(/^\/1\/deep(\/0)+$/);
    const config = await http("POST", `/pods/${podName}/actors`, { config: { actorType: "store", version: "v1", schema: { type: "object", default: deep } } });
    expect(config.status).toBe(400);
    expect(config.json.error).toBe("invalid_config");
    expect(config.json.details[0].path).toMatch(/^\/schema\/default(\/0)+$/);
    expect((await http("PATCH", `/pods/${podName}/actors/${actorId}`, { params: { deep } })).json.error).toBe("invalid_config");

    const created = await gql(`mutation($a: ID!, $d: JSON!) { createItem(actor: $a, data: $d) { id } }`, { a: `${podName}/${actorId}`, d: { deep } });
    expect(created.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const actor = await gql(`mutation($p: String!, $c: JSON!) { createActor(pod: $p, config: $c) { id } }`, { p: podName, c: { actorType: "store", version: "v1", schema: { default: deep } } });
    expect(actor.errors?.[0]?.extensions?.code).toBe("INVALID_CONFIG");
    // The typed endpoint: an open schema takes any JSON in `_extra`.
    const typed = await typedGql(podName, `mutation($d: NotesInput!) { createNotes(data: $d) { id } }`, { d: { title: "t", _extra: { deep } } });
    expect(typed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    // At the limit: the document itself is one level, so its value may nest LIMITS.maxJsonDepth - 1 more.
    const atLimit = { title: "limit", deep: nested(LIMITS.maxJsonDepth - 1) };
    const stored = await http("POST", `${base}/items`, atLimit);
    expect(stored.status).toBe(201);
    expect((await http("GET", `${base}/items/${stored.json.id}`)).json.body).toEqual(atLimit);
    expect((await http("POST", `${base}/items`, { title: "over", deep: nested(LIMITS.maxJsonDepth) })).status).toBe(400);
    // In a batch, each document is measured on its own.
    expect((await http("POST", `${base}/items/batch`, [atLimit])).status).toBe(201);
    expect((await http("GET", `${base}/items`)).json.items.map((i: { body: { title: string } }) => i.body.title)).toEqual(["x", "limit", "limit"]);
  });

  it('names that sanitise alike ("" and "é" both → "_") no longer make the typed endpoint a 500', async () => {
    const { podName } = await createPodAndActor(
      { actorType: "store", version: "v1", schema: { type: "object", properties: { "": { type: "string" }, "é": { type: "string" }, s: { type: "string", enum: ["", "é", "_", "true"] } } } },
      "notes",
    );
    const res = await http("POST", `/pods/${podName}/graphql`, { query: `{ _schemaVersion e: __type(name: "NotesS") { enumValues { name } } t: __type(name: "Notes") { fields { name } } }` });
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeUndefined();
    const names = [...res.json.data.e.enumValues, ...res.json.data.t.fields].map((v: { name: string }) => v.name);
    for (const name of names) expect(name).toMatch(/^(?!__)[_A-Za-z][_0-9A-Za-z]*$/);
    const created = await typedGql(podName, `mutation { createNotes(data: { _: "a", x__2: "b", s: x__2 }) { _ x__2 s } }`);
    expect(created).toEqual({ data: { createNotes: { _: "a", x__2: "b", s: "x__2" } } });
  });

  it("ordering by an indexed string with non-Latin-1 values or lone surrogates pages through every item once", async () => {
    const { podName, base } = await createPodAndActor(openSchema, "notes");
    const titles = ["a", "é", "🙂", "\ud800", "ü", "b", "\udfff", "日本"];
    for (const title of titles) expect((await http("POST", `${base}/items`, { title })).status).toBe(201);
    for (const direction of ["ASC", "DESC"]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res: GraphQLResponse = await typedGql(podName, `query($a: String) { notes(first: 3, after: $a, orderBy: [{ field: TITLE, direction: ${direction} }]) { nodes { title } pageInfo { hasNextPage endCursor } } }`, { a: after });
        expect(res.errors, direction).toBeUndefined();
        seen.push(...res.data.notes.nodes.map((n: { title: string }) => n.title));
        if (!res.data.notes.pageInfo.hasNextPage) break;
        after = res.data.notes.pageInfo.endCursor;
      }
      expect([...seen].sort(), direction).toEqual([...titles].sort());
    }
  });
});

describe("bugs found by fuzzing outside the fuzzed modules, fixed since", () => {
  it("src/objects/store-actor.ts: an item of more than 1 MiB of UTF-8 JSON is a 413 (docs/limits.md), even when it is under 1 Mi UTF-16 units", async () => {
    const { base } = await createPodAndActor(openSchema);
    // 600,000 × "€" is 1.8 MB of UTF-8 but 600,000 UTF-16 units: the limit is checked on the latter.
    const res = await http("POST", `${base}/items`, { title: "€".repeat(600_000) });
    expect(res.status).toBe(413);
  });

  it("src/index.ts: a POST to a GraphQL endpoint that is not declared JSON gets a JSON error body, not an empty 415", async () => {
    const res = await http("POST", "/graphql", JSON.stringify({ query: "{ __typename }" }), { "content-type": "text/plain" });
    expect(res.status).toBe(415);
    expect(res.json?.errors?.[0]?.message).toEqual(expect.any(String));
  });

  it("src/graphql/use-error-codes.ts: errors from coercing variables carry extensions.code", async () => {
    const res = await gql(`query($n: String!) { pod(name: $n) { name } }`, { n: 5 });
    expect(res.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
  });

  it("src/http/json.ts: a batched GraphQL request with an operation that is not an object (found running four malformed bodies at once) is a 400 naming it, not an INTERNAL_SERVER_ERROR", async () => {
    const res = await http("POST", "/graphql", '[{"query":"{ __typename }"}, null]');
    expect(res.status).toBe(400);
    expect(res.json.errors[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", details: { path: "/1" } } });
    const { podName } = await createPodAndActor(openSchema, "notes");
    const typed = await http("POST", `/pods/${podName}/graphql`, "[null]");
    expect(typed.status).toBe(400);
    expect(typed.json.errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });
});
