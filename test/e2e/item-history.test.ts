/**
 * Versioned items on the Worker as wrangler builds it: every URL of
 * docs/rest.md's "Versions, history and time travel" (ETag and If-Match, 412,
 * @v and @~, history, ?at=, restore, purge, fork) through `wrangler dev`.
 */
import { describe, expect, it } from "vitest";
import { adminHeaders, call, gatewayUrl } from "./gateway-client.js";

const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(gatewayUrl() + path, { method, headers: { ...adminHeaders(), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe("versioned items on wrangler dev", () => {
  it("serves every versioning URL", async () => {
    const pod = `hist-${Date.now().toString(36)}`;
    expect((await call("POST", "/pods", { name: pod })).status).toBe(201);
    const actor = (await call("POST", `/pods/${pod}/actors`, { config: { actorType: "store", version: "v1", schema: { type: "object", properties: { n: { type: "integer" }, tag: { type: "string" } } }, indexes: ["tag"] } })).json.actorId as string;
    const items = `/pods/${pod}/actors/${actor}/items`;
    const id = (await call("POST", items, { n: 1, tag: "a" })).json.id as string;

    const got = await send("GET", `${items}/${id}`);
    expect(got.headers.get("etag")).toBe('"1"');
    expect((await send("GET", `${items}/${id}`, undefined, { "if-none-match": '"1"' })).status).toBe(304);
    expect((await send("PUT", `${items}/${id}`, { n: 2, tag: "b" }, { "if-match": '"1"' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 5));
    const between = Date.now();
    await new Promise((r) => setTimeout(r, 5));
    const stale = await send("PATCH", `${items}/${id}`, { n: 9 }, { "if-match": '"1"' });
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ code: "PRECONDITION_FAILED", details: { current: { rev: 2, body: { n: 2, tag: "b" } } } });
    expect((await send("PUT", `${items}/${id}`, { n: 3 }, { "if-unmodified-since": new Date().toUTCString() })).status).toBe(400);
    await call("PATCH", `${items}/${id}`, { n: 3, tag: "c" });

    expect((await call("GET", `${items}/${id}@v1`)).json).toMatchObject({ rev: 1, body: { n: 1, tag: "a" } });
    expect((await call("GET", `${items}/${id}@~1`)).json).toMatchObject({ rev: 2, body: { n: 2, tag: "b" } });
    expect((await call("GET", `${items}/${id}/history?limit=2`)).json).toMatchObject({ revisions: [{ rev: 3, op: "patched", by: { kind: "admin" } }, { rev: 2, op: "replaced" }], next_after: "2" });
    const past = (await call("GET", `${items}?at=${new Date(between).toISOString()}&k_tag=b`)).json;
    expect(past.items.map((i: { id: string; body: unknown }) => [i.id, i.body])).toEqual([[id, { n: 2, tag: "b" }]]);
    expect((await call("GET", `${items}?at=${between}&k_tag=c`)).json.items).toEqual([]);

    expect((await call("POST", `${items}/${id}/restore`, { rev: 1 })).json).toMatchObject({ rev: 4, body: { n: 1, tag: "a" } });
    const fork = await call("POST", `/pods/${pod}/actors/${actor}/fork`, { name: "before", asOf: between });
    expect(fork.status).toBe(201);
    expect((await call("GET", `/pods/${pod}/actors/${fork.json.actorId}/items`)).json.items.map((i: { body: unknown }) => i.body)).toEqual([{ n: 2, tag: "b" }]);

    expect((await call("DELETE", `${items}/${id}?purge=true`)).json).toEqual({ id, deleted: true });
    expect((await call("GET", `${items}/${id}/history`)).json.revisions.map((r: { op: string; body: unknown }) => [r.op, r.body])).toEqual([["deleted", null]]);
    expect((await call("POST", `${items}/${id}/restore`, { rev: 2 })).status).toBe(404);
    await call("DELETE", `/pods/${pod}`);
  });
});
