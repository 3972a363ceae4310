import { describe, expect, it } from "vitest";
import { createPodAndActor, http, uniquePodName } from "./helpers.js";

describe("REST contract (Paseo Core compatible)", () => {
  it("POST /pods creates a pod and returns { podName }", async () => {
    const res = await http("POST", "/pods");
    expect(res.status).toBe(201);
    expect(res.json.podName).toMatch(/^pod-[a-z2-7]{10}$/);
    const status = await http("GET", `/pods/${res.json.podName}`);
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ podName: res.json.podName, actorCount: 0 });
  });

  it("POST /pods with a name uses it, and a second claim is a 409", async () => {
    const name = uniquePodName();
    expect((await http("POST", "/pods", { name })).json.podName).toBe(name);
    const again = await http("POST", "/pods", { name });
    expect(again.status).toBe(409);
    expect(again.json.error).toBe("conflict");
  });

  it("an unknown pod is a 404, not an empty success", async () => {
    for (const path of ["/pods/nope-nope", "/pods/nope-nope/actors/01HZZZZZZZZZZZZZZZZZZZZZZZ/items", "/pods/nope-nope/actors/01HZZZZZZZZZZZZZZZZZZZZZZZ/openapi.json"]) {
      const res = await http("GET", path);
      expect(res.status, path).toBe(404);
      expect(res.json.error).toBe("not_found");
    }
  });

  it("POST /pods/{pod}/actors returns { podName, actorId, openapi } with an absolute URL", async () => {
    const podName = uniquePodName();
    await http("POST", "/pods", { name: podName });
    const res = await http("POST", `/pods/${podName}/actors`, { config: { actorType: "store", version: "v1", schema: { type: "object" } } });
    expect(res.status).toBe(201);
    expect(res.json.podName).toBe(podName);
    expect(res.json.actorId).toMatch(/^[0-9A-Z]{26}$/);
    expect(res.json.openapi).toBe(`http://gateway.test/pods/${podName}/actors/${res.json.actorId}/openapi.json`);
  });

  it("POST items returns { id, ts }; GET returns { id, ts, schema_version, body } and the revision (rev, ETag)", async () => {
    const { base } = await createPodAndActor();
    const created = await http("POST", `${base}/items`, { title: "first", metadata: { type: "todo" } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.json).sort()).toEqual(["id", "ts"]);
    expect(typeof created.json.ts).toBe("number");
    const got = await http("GET", `${base}/items/${created.json.id}`);
    expect(got.status).toBe(200);
    // Paseo's four fields, and the revision, which Paseo clients ignore.
    expect(got.json).toEqual({ id: created.json.id, ts: created.json.ts, rev: 1, schema_version: 1, body: { title: "first", metadata: { type: "todo" } } });
    expect(got.headers.get("etag")).toBe('"1"');
    expect((await http("GET", `${base}/items/01H0000000000000000000000X`)).status).toBe(404);
  });

  it("an invalid document is a 400 { error: invalid_document, details } naming path and keyword", async () => {
    const { base } = await createPodAndActor();
    const res = await http("POST", `${base}/items`, { title: "", priority: 9, extra: true });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe("invalid_document");
    const found = res.json.details.map((d: { path: string; keyword: string }) => `${d.path}:${d.keyword}`).sort();
    expect(found).toEqual(["/extra:additionalProperties", "/priority:maximum", "/title:minLength"]);
    expect((await http("GET", `${base}/items`)).json.items).toEqual([]);
  });

  it("lists with limit (default 50, max 200) and next_after", async () => {
    const { base } = await createPodAndActor();
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await http("POST", `${base}/items`, { title: `n${i}` })).json.id);
    const first = await http("GET", `${base}/items`);
    expect(first.json.items).toHaveLength(50);
    expect(first.json.next_after).toBe(ids[49]);
    const second = await http("GET", `${base}/items?after=${first.json.next_after}`);
    expect(second.json.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(50));
    expect(second.json.next_after).toBeNull();
    expect((await http("GET", `${base}/items?limit=201`)).status).toBe(400);
    expect((await http("GET", `${base}/items?limit=7`)).json.items).toHaveLength(7);
  });

  it("filters by k_<index> and rejects unindexed filters with a 400 naming the path", async () => {
    const { base } = await createPodAndActor();
    await http("POST", `${base}/items`, { title: "a", done: true, metadata: { type: "bug" } });
    await http("POST", `${base}/items`, { title: "b", done: false, metadata: { type: "bug" } });
    await http("POST", `${base}/items`, { title: "c", done: true, metadata: { type: "feature" } });
    const bugs = await http("GET", `${base}/items?k_metadata.type=bug`);
    expect(bugs.json.items.map((i: any) => i.body.title)).toEqual(["a", "b"]);
    const doneBugs = await http("GET", `${base}/items?k_metadata.type=bug&k_done=true`);
    expect(doneBugs.json.items.map((i: any) => i.body.title)).toEqual(["a"]);
    const bad = await http("GET", `${base}/items?k_title=a`);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe("unindexed_filter");
    expect(bad.json.message).toContain('"title"');
  });

  it("accepts Paseo Core's filter names, dots written as underscores (k_metadata_type), and names the candidates when that is ambiguous", async () => {
    const { base } = await createPodAndActor();
    await http("POST", `${base}/items`, { title: "a", metadata: { type: "chat" } });
    await http("POST", `${base}/items`, { title: "b", metadata: { type: "mail" } });
    const chats = await http("GET", `${base}/items?k_metadata_type=chat`);
    expect(chats.status).toBe(200);
    expect(chats.json.items.map((i: any) => i.body.title)).toEqual(["a"]);

    const schema = { type: "object", properties: { a: { type: "object", properties: { b_c: { type: "string" } } }, a_b: { type: "object", properties: { c: { type: "string" } } } } };
    const { base: twin } = await createPodAndActor({ actorType: "store", version: "v1", schema, indexes: ["a.b_c", "a_b.c"] });
    const ambiguous = await http("GET", `${twin}/items?k_a_b_c=x`);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.json.error).toBe("bad_request");
    expect(ambiguous.json.details).toEqual({ path: "a_b_c", candidates: ["a.b_c", "a_b.c"] });
    expect((await http("GET", `${twin}/items?k_a.b_c=x`)).status).toBe(200);
  });

  it("serves an OpenAPI 3.1 document with the schema and index filters", async () => {
    const { base } = await createPodAndActor();
    const res = await http("GET", `${base}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    expect(res.json.components.schemas.Document.required).toEqual(["title"]);
    const params = res.json.paths[`${base}/items`].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(["limit", "after", "k_metadata.type", "k_done"]));
  });

  it("replaces, patches (merge patch, re-validated) and deletes items", async () => {
    const { base } = await createPodAndActor();
    const { id } = (await http("POST", `${base}/items`, { title: "x", done: false, metadata: { type: "a", tags: ["t"] } })).json;
    const replaced = await http("PUT", `${base}/items/${id}`, { title: "y" });
    expect(replaced.status).toBe(200);
    expect(replaced.json.body).toEqual({ title: "y" });
    const patched = await http("PATCH", `${base}/items/${id}`, { done: true, metadata: { type: "b" } }, { "content-type": "application/merge-patch+json" });
    expect(patched.json.body).toEqual({ title: "y", done: true, metadata: { type: "b" } });
    const removedKey = await http("PATCH", `${base}/items/${id}`, { done: null });
    expect(removedKey.json.body).toEqual({ title: "y", metadata: { type: "b" } });
    const invalid = await http("PATCH", `${base}/items/${id}`, { title: null });
    expect(invalid.status).toBe(400);
    expect(invalid.json.details[0]).toMatchObject({ path: "", keyword: "required" });
    expect((await http("GET", `${base}/items/${id}`)).json.body).toEqual({ title: "y", metadata: { type: "b" } });
    expect((await http("GET", `${base}/items?k_metadata.type=b`)).json.items).toHaveLength(1);
    const deleted = await http("DELETE", `${base}/items/${id}`);
    expect(deleted.json).toEqual({ id, deleted: true });
    expect((await http("GET", `${base}/items/${id}`)).status).toBe(404);
    expect((await http("GET", `${base}/items?k_metadata.type=b`)).json.items).toHaveLength(0);
  });
});
