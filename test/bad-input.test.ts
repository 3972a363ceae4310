import { describe, expect, it } from "vitest";
import { createPodAndActor, gql, http, uniquePodName } from "./helpers.js";

const INJECTIONS = [
  "'; DROP TABLE items; --",
  '" OR 1=1 --',
  "x') OR ('1'='1",
  "1; DELETE FROM item_index",
  "\u0000",
  "%00",
  "../../etc/passwd",
  "🧨\u202e",
];

describe("bad input gets a clear error and never corrupts stored data", () => {
  it("malformed or missing JSON bodies are 400/415 with a reason", async () => {
    const { base } = await createPodAndActor();
    const malformed = await http("POST", `${base}/items`, "{ not json");
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ error: "invalid_json", message: expect.stringContaining("not valid JSON") });
    const empty = await http("POST", `${base}/items`, "");
    expect(empty.status).toBe(400);
    expect(empty.json.message).toContain("empty");
    const wrongType = await http("POST", `${base}/items`, "title=x", { "content-type": "application/x-www-form-urlencoded" });
    expect(wrongType.status).toBe(415);
    expect(wrongType.json.error).toBe("unsupported_media_type");
    const huge = await http("POST", `${base}/items`, JSON.stringify({ title: "x".repeat(3 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect((await http("GET", `${base}/items`)).json.items).toEqual([]);
  });

  it("wrong value types are reported by path and keyword", async () => {
    const { base } = await createPodAndActor();
    const res = await http("POST", `${base}/items`, { title: 1, done: "yes", metadata: { tags: [1] } });
    expect(res.status).toBe(400);
    expect(res.json.details.map((d: any) => `${d.path} ${d.keyword}`).sort()).toEqual(["/done type", "/metadata/tags/0 type", "/title type"]);
    expect((await http("POST", `${base}/items`, [1, 2])).json.details).toEqual([{ path: "", keyword: "type", message: expect.any(String) }]);
  });

  it("unknown actors, items and routes are 404s; wrong methods 405", async () => {
    const { podName, base } = await createPodAndActor();
    expect((await http("GET", `/pods/${podName}/actors/01JZZZZZZZZZZZZZZZZZZZZZZZ/items`)).status).toBe(404);
    expect((await http("POST", `/pods/${podName}/actors/nonsense/items`, { title: "x" })).status).toBe(404);
    expect((await http("GET", `${base}/items/not-an-id`)).status).toBe(404);
    expect((await http("PUT", `${base}/items/01JZZZZZZZZZZZZZZZZZZZZZZZ`, { title: "x" })).status).toBe(404);
    expect((await http("DELETE", `${base}/items/01JZZZZZZZZZZZZZZZZZZZZZZZ`)).status).toBe(404);
    expect((await http("GET", "/nowhere")).status).toBe(404);
    expect((await http("PUT", `/pods/${podName}`)).status).toBe(405);
    expect((await http("GET", `${base}/items?after=bogus`)).json.error).toBe("invalid_cursor");
  });

  it("invalid configs are rejected with the path of each problem", async () => {
    const podName = uniquePodName();
    await http("POST", "/pods", { name: podName });
    const cases: [unknown, string][] = [
      [{ actorType: "store", version: "v1", schema: { type: "objekt" } }, "/schema/type"],
      [{ actorType: "store", version: "v1", schema: { properties: { a: { minLength: -1 } } } }, "/schema/properties/a/minLength"],
      [{ actorType: "store", version: "v1", schema: { $ref: "#/$defs/missing" } }, "/schema/$ref"],
      [{ actorType: "store", version: "v1", schema: { $ref: "https://example.com/remote.json" } }, "/schema/$ref"],
      [{ actorType: "store", version: "v1", schema: { pattern: "([a-z" } }, "/schema/pattern"],
      [{ actorType: "store", version: "v1", schema: { $schema: "http://json-schema.org/draft-04/schema#" } }, "/schema/$schema"],
      [{ actorType: "store", version: "v1", schema: {}, indexes: ["a..b"] }, "/indexes/0"],
      [{ actorType: "store", version: "v1", schema: {}, indexes: ["a'); DROP TABLE items; --"] }, "/indexes/0"],
      [{ actorType: "store", version: "v1", schema: {}, indexes: "a" }, "/indexes"],
      [{ actorType: "store", version: "v1", schema: {}, params: { retention_days: -3 } }, "/params/retention_days"],
      [{ actorType: "queue", version: "v1", schema: {} }, "/actorType"],
      [{ actorType: "store", version: "v2", schema: {} }, "/version"],
      [{ actorType: "store", version: "v1" }, "/schema"],
      ["not an object", ""],
    ];
    for (const [config, path] of cases) {
      const res = await http("POST", `/pods/${podName}/actors`, { config });
      expect(res.status, JSON.stringify(config)).toBe(400);
      expect(res.json.error).toBe("invalid_config");
      expect(res.json.details.map((d: { path: string }) => d.path), JSON.stringify(config)).toContain(path);
    }
    expect((await http("GET", `/pods/${podName}`)).json.actorCount).toBe(0);
    const draft7 = await http("POST", `/pods/${podName}/actors`, { config: { actorType: "store", version: "v1", schema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object", definitions: { n: { type: "number" } }, properties: { n: { $ref: "#/definitions/n" } } } } });
    expect(draft7.status).toBe(201);
  });

  it("injection attempts in every string that reaches storage are stored or refused as data", async () => {
    const { podName, actorId, base } = await createPodAndActor({ actorType: "store", version: "v1", schema: { type: "object" }, indexes: ["k", "nested.k"] });
    for (const evil of INJECTIONS) {
      const created = await http("POST", `${base}/items`, { k: evil, nested: { k: evil }, [evil]: evil });
      expect(created.status).toBe(201);
      const found = await http("GET", `${base}/items?k_k=${encodeURIComponent(evil)}`);
      expect(found.json.items.map((i: any) => i.body.k)).toEqual([evil]);
      expect((await http("GET", `${base}/items?k_nested.k=${encodeURIComponent(evil)}`)).json.items).toHaveLength(1);
      expect((await http("GET", `${base}/items?after=${encodeURIComponent(evil)}`)).status).toBe(400);
      expect((await http("GET", `${base}/items/${encodeURIComponent(evil)}`)).status).toBe(404);
      expect([400, 404]).toContain((await http("GET", `/pods/${encodeURIComponent(evil)}`)).status);
      expect([400, 404]).toContain((await http("POST", `/pods/${encodeURIComponent(evil)}/actors`, { config: {} })).status);
      expect((await http("POST", "/pods", { name: evil })).status).toBe(400);
      expect((await http("POST", `/pods/${podName}/actors`, { name: evil, config: { actorType: "store", version: "v1", schema: {} } })).status).toBe(400);
      expect((await http("GET", `${base}/items?k_${encodeURIComponent(evil)}=1`)).status).toBe(400);
      const gqlFilter = await gql(`query($pod: String!, $id: ID!, $v: JSON) { pod(name: $pod) { actor(id: $id) { items(where: [{ path: "k", eq: $v }]) { nodes { data } } } } }`, { pod: podName, id: actorId, v: evil });
      expect(gqlFilter.data.pod.actor.items.nodes).toHaveLength(1);
    }
    const all = (await http("GET", `${base}/items?limit=200`)).json.items;
    expect(all.map((i: any) => i.body.k)).toEqual(INJECTIONS);
    expect(all.every((i: any) => i.body[i.body.k] === i.body.k)).toBe(true);
  });
});
