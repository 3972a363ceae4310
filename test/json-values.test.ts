/**
 * What an item body may hold, so that what is stored reads back exactly as it
 * was written (docs/json-schema.md, "Numbers and JSON text"): non-finite
 * numbers, integers JSON.parse would round and repeated property names are
 * refused with a 400 naming the path; -0 is stored as 0; lone surrogates are
 * kept. And a stored config that today's checks would refuse still loads.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { storeStub } from "../src/objects/stubs.js";
import { createPodAndActor, gql, http } from "./helpers.js";

const schema = { type: "object", properties: { n: { type: "number" }, s: { type: "string" }, list: { type: "array" } } };
const config = { actorType: "store", version: "v1", schema, indexes: ["n"] };

describe("numbers and JSON text in item bodies", () => {
  it("refuses 1e400 and -1e400 with their path, before validation, and stores nothing", async () => {
    const { base } = await createPodAndActor(config);
    for (const literal of ["1e400", "-1e400"]) {
      const res = await http("POST", `${base}/items`, `{"list":[1,{"n":${literal}}]}`);
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json).toMatchObject({ error: "invalid_document", details: [{ path: "/list/1/n", keyword: "json" }] });
      expect(res.json.message).toMatch(/finite/);
    }
    // Over GraphQL too: the JSON scalar carries the parsed Infinity into the same check.
    const gqlRes = await gql(`mutation($pod: String!, $actor: ID!, $data: JSON!) { createItem(pod: $pod, actor: $actor, data: $data) { id } }`, {
      pod: base.split("/")[2]!,
      actor: base.split("/")[4]!,
      data: { n: Number.POSITIVE_INFINITY },
    });
    expect(gqlRes.errors?.[0]?.extensions?.code, JSON.stringify(gqlRes)).toBeDefined();
    expect((await http("GET", `${base}/items`)).json.items).toEqual([]);
  });

  it("refuses an integer JSON.parse would round, and keeps every integer it can hold exactly", async () => {
    const { base } = await createPodAndActor(config);
    const refused = await http("POST", `${base}/items`, `{"n":9007199254740993}`);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: "invalid_json", details: { path: "/n" } });
    expect(refused.json.message).toContain("9007199254740992");
    for (const literal of ["9007199254740991", "9007199254740992", "-9007199254740992", "123456789012345680000", "1.5e300"]) {
      const stored = await http("POST", `${base}/items`, `{"n":${literal}}`);
      expect(stored.status, literal).toBe(201);
      const read = await http("GET", `${base}/items/${stored.json.id}`);
      expect(read.json.body.n).toBe(Number(literal));
    }
  });

  it("stores -0 as 0, in the body and in the index", async () => {
    const { base } = await createPodAndActor(config);
    const stored = await http("POST", `${base}/items`, `{"n":-0}`);
    expect(stored.status).toBe(201);
    const read = await http("GET", `${base}/items/${stored.json.id}`);
    expect(Object.is(read.json.body.n, 0)).toBe(true);
    expect((await http("GET", `${base}/items?k_n=0`)).json.items.map((i: { id: string }) => i.id)).toEqual([stored.json.id]);
  });

  it("refuses a property name given twice, with its path; the same name in two objects is fine", async () => {
    const { base } = await createPodAndActor(config);
    const res = await http("POST", `${base}/items`, `{"s":"a","list":[{"x":1,"x":2}]}`);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: "invalid_json", details: { path: "/list/0/x" } });
    expect((await http("POST", `${base}/items`, `{"s":"a","list":[{"x":1},{"x":2}]}`)).status).toBe(201);
    // Names are compared after unescaping: "\\u0073" is "s".
    expect((await http("POST", `${base}/items`, `{"s":"a","\\u0073":"b"}`)).status).toBe(400);
  });

  it("keeps lone surrogates and writes them back as the same escapes", async () => {
    const { base } = await createPodAndActor(config);
    const stored = await http("POST", `${base}/items`, `{"s":"a\\ud800b"}`);
    expect(stored.status).toBe(201);
    const res = await http("GET", `${base}/items/${stored.json.id}`);
    expect(res.json.body.s).toBe("a\ud800b");
  });
});

describe("GraphQL request bodies follow the same rules", () => {
  it("refuses variables with an integer JSON.parse would round, or a name given twice, on /graphql and the typed endpoint", async () => {
    const { podName, base } = await createPodAndActor(config, "things");
    const mutation = `mutation($pod: String!, $data: JSON!) { createItem(pod: $pod, actor: "things", data: $data) { id } }`;
    for (const [path, body] of [
      ["/graphql", `{"query":${JSON.stringify(mutation)},"variables":{"pod":"${podName}","data":{"n":9007199254740993}}}`],
      ["/graphql", `{"query":${JSON.stringify(mutation)},"variables":{"pod":"${podName}","data":{"s":"a","s":"b"}}}`],
      [`/pods/${podName}/graphql`, `{"query":"mutation($d: ThingsInput!) { createThings(data: $d) { id } }","variables":{"d":{"n":9007199254740993}}}`],
    ] as const) {
      const res = await http("POST", path, body);
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json.errors[0].extensions.code).toBe("INVALID_JSON");
      expect(res.json.errors[0].message).toMatch(/\/variables\/(data|d)\/(n|s)/);
    }
    expect((await http("GET", `${base}/items`)).json.items).toEqual([]);
  });

  it("refuses an integer literal in the query text that Number() would round, on both endpoints", async () => {
    const { podName, actorId, base } = await createPodAndActor(config, "things");
    const global = await gql(`mutation { createItem(pod: "${podName}", actor: "${actorId}", data: { n: 9007199254740993 }) { id } }`);
    expect(global.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(global.errors?.[0]?.message).toContain("9007199254740992");
    const typed = await http("POST", `/pods/${podName}/graphql`, { query: "mutation { createThings(data: { n: 9007199254740993 }) { id } }" });
    expect(typed.json.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await gql(`mutation { createItem(pod: "${podName}", actor: "${actorId}", data: { n: 9007199254740992 }) { id } }`)).errors).toBeUndefined();
    expect((await http("GET", `${base}/items`)).json.items).toHaveLength(1);
  });
});

describe("a stored config never bricks its actor", () => {
  it("loads a config that today's checks refuse, keeps serving, and says so in its status", async () => {
    const { podName, actorId, base } = await createPodAndActor(config);
    // As an earlier version might have stored it: a $ref into data, which creation now refuses.
    const older = { ...config, params: {}, schema: { ...schema, examples: [{ type: "object" }], properties: { ...schema.properties, e: { $ref: "#/examples/0" } } } };
    await runInDurableObject(storeStub(env, podName, actorId), (instance, state) => {
      state.storage.sql.exec("UPDATE meta SET value = ? WHERE key = 'config'", JSON.stringify(older));
      (instance as unknown as { loaded: unknown }).loaded = null;
    });
    expect((await http("POST", `${base}/items`, { s: "still works" })).status).toBe(201);
    expect((await http("GET", `${base}/items`)).json.items).toHaveLength(1);
    const status = await http("GET", base);
    expect(status.status).toBe(200);
    expect(status.json.configProblems).toEqual([expect.objectContaining({ path: "/schema/properties/e/$ref", message: expect.stringMatching(/points into data/) })]);
    const viaGraphql = await gql(`query($pod: String!) { pod(name: $pod) { actors { nodes { configProblems { path message } format } } } }`, { pod: podName });
    expect(viaGraphql.data.pod.actors.nodes[0]).toMatchObject({ format: "ASSERT", configProblems: [{ path: "/schema/properties/e/$ref" }] });
    // A fresh config is still held to today's checks.
    const change = await http("PATCH", base, { schema: older.schema });
    expect(change.status).toBe(400);
    expect(change.json.code).toBe("INVALID_CONFIG");
  });
});
