/**
 * Deleting pods and actors (issue 13): DELETE /pods/{pod} and /pods/{pod}/actors/{actor}, and the
 * GraphQL twins deletePod and deleteActor. They need the admin scope, remove every object's storage
 * (items, history, change log, keys), end open streams, and are idempotent; a pod created again
 * under the name shares nothing with the old one.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { podStub, storeStub } from "../src/objects/stubs.js";
import { asAdmin, gql, http, uniquePodName } from "./helpers.js";
import { SseParser } from "./sse-parser.js";
import { untilSubscribed } from "./sync-objects.js";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const schema = { type: "object", properties: { title: { type: "string" } } };

async function podWithActor() {
  const pod = uniquePodName("del");
  expect((await http("POST", "/pods", { name: pod })).status).toBe(201);
  const actor = await http("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema, indexes: ["title"] } });
  const base = `/pods/${pod}/actors/${actor.json.actorId}`;
  for (const title of ["a", "b"]) await http("POST", `${base}/items`, { title });
  return { pod, actorId: actor.json.actorId as string, base };
}

const tables = (stub: DurableObjectStub) => runInDurableObject(stub, (_instance, state) => state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'").toArray().map((r) => r.name));

/** An open typed subscription; `ended` resolves with its last error event (or null when it just closed). */
async function subscription(pod: string, headers: Record<string, string>) {
  const response = await exports.default.fetch(new Request(`http://gateway.test/pods/${pod}/graphql`, { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream", ...headers }, body: JSON.stringify({ query: "subscription { notesChanges { op } }" }) }));
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const parser = new SseParser();
  const ended = (async () => {
    let last: { code?: string } | null = null;
    for (;;) {
      const read = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (read.done) return last;
      for (const message of parser.push(read.value)) {
        if (message.event !== "next") continue;
        const payload = JSON.parse(message.data) as { errors?: { extensions?: { code?: string } }[] };
        if (payload.errors) last = { code: payload.errors[0]!.extensions?.code };
      }
    }
  })();
  return { ended };
}

describe("deleting an actor", () => {
  it("removes all its storage, ends its open streams, leaves the pod's other actors, and is idempotent", async () => {
    const { pod, actorId, base } = await podWithActor();
    const other = await http("POST", `/pods/${pod}/actors`, { name: "other", config: { actorType: "store", version: "v1", schema } });
    await http("POST", `/pods/${pod}/actors/${other.json.actorId}/items`, { title: "kept" });
    const store = storeStub(env, pod, actorId);
    expect(await tables(store)).toEqual(expect.arrayContaining(["items", "item_history", "changes", "item_index", "idempotency"]));
    const stream = await subscription(pod, asAdmin);
    await untilSubscribed(pod, actorId); // so the delete has an open stream to end

    const deleted = await http("DELETE", base);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ pod, actor: actorId, deleted: true });
    expect(await tables(store)).toEqual([]);
    const started = Date.now();
    expect(await stream.ended).toEqual({ code: "NOT_FOUND" });
    expect(Date.now() - started).toBeLessThan(5000);

    expect((await http("GET", base)).status).toBe(404);
    expect((await http("GET", `${base}/items`)).status).toBe(404);
    expect((await http("POST", `${base}/items`, { title: "c" })).status).toBe(404);
    expect((await http("GET", `/pods/${pod}/actors/${other.json.actorId}/items`)).json.items).toHaveLength(1);
    // The typed schema drops the actor's fields.
    const typed = await http("POST", `/pods/${pod}/graphql`, { query: "{ __schema { queryType { fields { name } } } }" });
    expect(typed.json.data.__schema.queryType.fields.map((f: { name: string }) => f.name)).not.toContain("notes");

    expect((await http("DELETE", base)).json).toEqual({ pod, actor: actorId, deleted: true });
    const twin = await gql(`mutation($p: String!, $a: ID!) { deleteActor(pod: $p, actor: $a) }`, { p: pod, a: "other" });
    expect(twin.errors).toBeUndefined();
    expect(twin.data.deleteActor).toBe("other");
    expect((await http("GET", `/pods/${pod}`)).json.actorCount).toBe(0);
  });

  it("needs the admin scope", async () => {
    const { pod, base } = await podWithActor();
    const key = (await gql(`mutation($p: String!) { createApiKey(pod: $p, scopes: [WRITE]) { key } }`, { p: pod })).data.createApiKey.key;
    expect((await http("DELETE", base, undefined, bearer(key))).status).toBe(403);
    expect((await http("DELETE", base, undefined, { authorization: "" })).status).toBe(401);
    const res = await gql(`mutation($p: String!) { deleteActor(pod: $p, actor: "notes") }`, { p: pod }, bearer(key));
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await http("GET", `${base}/items`)).json.items).toHaveLength(2);
  });
});

describe("deleting a pod", () => {
  it("removes its actors, keys and tickets, ends streams held with its keys, frees its name, and a pod made again shares nothing", async () => {
    const { pod, actorId, base } = await podWithActor();
    const key = (await gql(`mutation($p: String!) { createApiKey(pod: $p, scopes: [READ]) { key } }`, { p: pod })).data.createApiKey.key;
    const ticket = (await http("POST", `/pods/${pod}/stream-tickets`, undefined, bearer(key))).json.ticket as string;
    const keyStream = await subscription(pod, bearer(key));
    await untilSubscribed(pod, actorId);

    const deleted = await http("DELETE", `/pods/${pod}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ pod, deleted: true });
    expect(await tables(storeStub(env, pod, actorId))).toEqual([]);
    expect(await podStub(env, pod).info()).toBeNull();
    expect(["NOT_FOUND", "UNAUTHENTICATED"]).toContain((await keyStream.ended)?.code);
    expect((await http("GET", `/pods/${pod}`)).status).toBe(404);
    expect((await http("GET", `/pods/${pod}`, undefined, bearer(key))).status).toBe(401);
    expect((await http("GET", "/pods?limit=200")).json.pods.map((p: { podName: string }) => p.podName)).not.toContain(pod);
    expect((await http("DELETE", `/pods/${pod}`)).status).toBe(200); // idempotent

    // The name is free again, and the new pod knows nothing of the old one's keys, tickets or actors.
    expect((await http("POST", "/pods", { name: pod })).status).toBe(201);
    expect((await http("GET", `/pods/${pod}`, undefined, bearer(key))).status).toBe(401);
    await gql(`mutation($p: String!) { setPodPublicRead(pod: $p, enabled: true) { name } }`, { p: pod });
    const withTicket = await exports.default.fetch(new Request(`http://gateway.test/pods/${pod}/graphql?query=${encodeURIComponent("subscription { _schemaVersion }")}&ticket=${ticket}`, { headers: { accept: "text/event-stream" } }));
    expect(withTicket.status).toBe(401);
    expect((await http("GET", `/pods/${pod}`)).json.actorCount).toBe(0);
    expect((await http("GET", `${base}/items`)).status).toBe(404);
    const typed = await http("POST", `/pods/${pod}/graphql`, { query: "{ __schema { queryType { fields { name } } } }" });
    expect(typed.json.data.__schema.queryType.fields.map((f: { name: string }) => f.name)).not.toContain("notes");

    const twin = await gql(`mutation($p: String!) { deletePod(name: $p) }`, { p: pod });
    expect(twin.errors).toBeUndefined();
    expect(twin.data.deletePod).toBe(pod);
  });
});
