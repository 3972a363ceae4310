/**
 * Access control on every surface: REST, the global and typed GraphQL
 * endpoints, SSE subscriptions (headers and stream tickets), OpenAPI and the
 * GraphiQL page. Each credential is tried against each operation; a denial
 * never reveals whether the pod exists.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { anonymous, gql, http, noteSchema, typedGql, uniquePodName } from "./helpers.js";
import { subscribe } from "./sse-client.js";
import { SseParser } from "./sse-parser.js";
import { untilSubscribed, untilUnsubscribed } from "./sync-objects.js";

type Need = "gateway-admin" | "read" | "write" | "admin";
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let pod: string;
let actorId: string;
let itemId: string;
const keys: Record<"read" | "write" | "admin" | "otherPodAdmin", string> = { read: "", write: "", admin: "", otherPodAdmin: "" };

async function createKey(podName: string, scopes: string[]): Promise<{ key: string; id: string }> {
  const res = await gql(`mutation($pod: String!, $scopes: [Scope!]!) { createApiKey(pod: $pod, scopes: $scopes, label: "t") { key apiKey { id scopes } } }`, { pod: podName, scopes });
  expect(res.errors).toBeUndefined();
  return { key: res.data.createApiKey.key, id: res.data.createApiKey.apiKey.id };
}

beforeAll(async () => {
  pod = uniquePodName("acl");
  const other = uniquePodName("acl-other");
  await http("POST", "/pods", { name: pod });
  await http("POST", "/pods", { name: other });
  const actor = await http("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema: noteSchema, indexes: ["done"] } });
  actorId = actor.json.actorId;
  itemId = (await http("POST", `/pods/${pod}/actors/${actorId}/items`, { title: "first" })).json.id;
  keys.read = (await createKey(pod, ["READ"])).key;
  keys.write = (await createKey(pod, ["WRITE"])).key;
  keys.admin = (await createKey(pod, ["ADMIN"])).key;
  keys.otherPodAdmin = (await createKey(other, ["ADMIN"])).key;
});

/** Every REST route, with what it needs. `{pod}` is replaced by the pod under test. */
function restRoutes(): { method: string; path: string; body?: unknown; need: Need }[] {
  const a = `/pods/{pod}/actors/${actorId}`;
  return [
    { method: "GET", path: "/pods", need: "gateway-admin" },
    { method: "POST", path: "/pods", body: {}, need: "gateway-admin" },
    { method: "GET", path: "/pods/{pod}", need: "read" },
    { method: "POST", path: "/pods/{pod}/actors", body: { config: { actorType: "store", version: "v1", schema: { type: "object" } } }, need: "admin" },
    { method: "GET", path: a, need: "read" },
    { method: "PATCH", path: a, body: { indexes: ["done"] }, need: "admin" },
    { method: "GET", path: `${a}/openapi.json`, need: "read" },
    { method: "GET", path: `${a}/items`, need: "read" },
    { method: "POST", path: `${a}/items`, body: { title: "x" }, need: "write" },
    { method: "POST", path: `${a}/items/batch`, body: [{ title: "y" }], need: "write" },
    { method: "GET", path: `${a}/items/${itemId}`, need: "read" },
    { method: "PUT", path: `${a}/items/${itemId}`, body: { title: "first" }, need: "write" },
    { method: "PATCH", path: `${a}/items/${itemId}`, body: { done: false }, need: "write" },
    { method: "POST", path: "/pods/{pod}/stream-tickets", need: "read" },
  ];
}

const RANK = { read: 1, write: 2, admin: 3 } as const;
function allowed(credential: keyof typeof keys | "none", need: Need): boolean {
  if (credential === "none" || credential === "otherPodAdmin") return false;
  if (need === "gateway-admin") return false;
  return RANK[credential] >= RANK[need];
}

describe("REST: every route, every credential", () => {
  it("allows exactly what each scope grants, with 401 for no key and 403 for a key without the scope", async () => {
    let checked = 0;
    for (const route of restRoutes()) {
      for (const credential of ["none", "read", "write", "admin", "otherPodAdmin"] as const) {
        const headers = credential === "none" ? anonymous : bearer(keys[credential]);
        const res = await http(route.method, route.path.replace("{pod}", pod), route.body, headers);
        const label = `${credential} ${route.method} ${route.path}: ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`;
        if (allowed(credential, route.need)) {
          expect(res.status, label).toBeLessThan(300);
        } else {
          expect(res.status, label).toBe(credential === "none" ? 401 : 403);
          expect(res.json.code, label).toBe(credential === "none" ? "UNAUTHENTICATED" : "FORBIDDEN");
        }
        checked++;
      }
      // The gateway's admin key may do everything.
      const admin = await http(route.method, route.path.replace("{pod}", pod), route.body);
      expect(admin.status, `${route.method} ${route.path} as admin`).toBeLessThan(300);
    }
    expect(checked).toBe(restRoutes().length * 5);
  });

  it("answers a missing pod exactly like a private one", async () => {
    const missing = uniquePodName("nope");
    for (const route of restRoutes().filter((r) => r.need !== "gateway-admin")) {
      // No key; a key for another pod; a key claiming the pod itself with a wrong secret.
      const credentials = [() => anonymous, () => bearer(keys.otherPodAdmin), (p: string) => bearer(keys.read.replace(pod, p).slice(0, -4) + "AAAA")];
      for (const credential of credentials) {
        const real = await http(route.method, route.path.replace("{pod}", pod), route.body, credential(pod));
        const fake = await http(route.method, route.path.replace("{pod}", missing), route.body, credential(missing));
        expect(fake.status, route.path).toBe(real.status);
        expect(JSON.stringify(fake.json).replaceAll(missing, "P"), route.path).toBe(JSON.stringify(real.json).replaceAll(pod, "P"));
      }
    }
  });

  it("rejects a malformed, forged or revoked key, and never falls back to anonymous", async () => {
    const forged = keys.read.slice(0, -4) + "AAAA";
    for (const token of ["nonsense", forged, `gwk_${pod}.short.key`]) {
      const res = await http("GET", `/pods/${pod}`, undefined, bearer(token));
      expect(res.status, token).toBe(401);
      expect(res.json.code).toBe("UNAUTHENTICATED");
    }
    const { key, id } = await createKey(pod, ["READ"]);
    expect((await http("GET", `/pods/${pod}`, undefined, bearer(key))).status).toBe(200);
    const revoked = await gql(`mutation($pod: String!, $id: ID!) { revokeApiKey(pod: $pod, id: $id) { id revokedAt } }`, { pod, id });
    expect(revoked.data.revokeApiKey.revokedAt).toBeGreaterThan(0);
    const after = await http("GET", `/pods/${pod}`, undefined, bearer(key));
    expect(after.status).toBe(401);
    expect(after.json.message).toMatch(/not valid/);
  });
});

describe("GraphQL: global endpoint", () => {
  const ops: { query: string; need: Need; variables?: () => Record<string, unknown> }[] = [
    { query: `query($pod: String!) { pod(name: $pod) { name actors { nodes { id } } } }`, need: "read" },
    { query: `{ pods { nodes { name } } }`, need: "gateway-admin" },
    { query: `mutation { createPod { name } }`, need: "gateway-admin" },
    { query: `mutation($pod: String!) { createActor(pod: $pod, config: { actorType: "store", version: "v1", schema: { type: "object" } }) { id } }`, need: "admin" },
    { query: `mutation($pod: String!) { updateActor(pod: $pod, actor: "notes", indexes: ["done"]) { id } }`, need: "admin" },
    { query: `mutation($pod: String!) { createItem(pod: $pod, actor: "notes", data: { title: "g" }) { id } }`, need: "write" },
    { query: `mutation($pod: String!, $id: ID!) { patchItem(pod: $pod, actor: "notes", id: $id, patch: { done: true }) { id } }`, need: "write", variables: () => ({ id: itemId }) },
    { query: `mutation($pod: String!, $id: ID!) { restoreItem(pod: $pod, actor: "notes", id: $id, rev: 1) { id } }`, need: "write", variables: () => ({ id: itemId }) },
    { query: `query($pod: String!, $id: ID!) { pod(name: $pod) { actor(id: "notes") { itemHistory(id: $id) { nodes { rev } } item(id: $id, rev: 1) { id } } } }`, need: "read", variables: () => ({ id: itemId }) },
    { query: `mutation($pod: String!) { forkActor(pod: $pod, actor: "notes") { id } }`, need: "admin" },
    { query: `query($pod: String!) { pod(name: $pod) { apiKeys { id } } }`, need: "admin" },
    { query: `mutation($pod: String!) { createApiKey(pod: $pod, scopes: [READ]) { key } }`, need: "admin" },
    { query: `mutation($pod: String!) { createStreamTicket(pod: $pod) { ticket } }`, need: "read" },
  ];

  it("checks the scope of every root field, with a code in extensions", async () => {
    for (const op of ops) {
      for (const credential of ["none", "read", "write", "admin", "otherPodAdmin"] as const) {
        const headers = credential === "none" ? anonymous : bearer(keys[credential]);
        const variables = { ...(op.query.includes("$pod") ? { pod } : {}), ...(op.variables?.() ?? {}) };
        const res = await gql(op.query, variables, headers);
        const label = `${credential}: ${op.query} -> ${JSON.stringify(res.errors)}`;
        if (allowed(credential, op.need)) {
          expect(res.errors, label).toBeUndefined();
        } else {
          expect(res.errors?.[0]?.extensions?.code, label).toBe(credential === "none" ? "UNAUTHENTICATED" : "FORBIDDEN");
        }
      }
    }
  });

  it("serves public pods to anyone for reading, and only reading", async () => {
    const res = await gql(`query($pod: String!) { pod(name: $pod) { name } }`, { pod }, anonymous);
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const on = await gql(`mutation($pod: String!) { setPodPublicRead(pod: $pod, enabled: true) { publicRead } }`, { pod });
    expect(on.data.setPodPublicRead.publicRead).toBe(true);
    try {
      expect((await gql(`query($pod: String!) { pod(name: $pod) { name } }`, { pod }, anonymous)).data.pod.name).toBe(pod);
      expect((await http("GET", `/pods/${pod}/actors/${actorId}/items`, undefined, anonymous)).status).toBe(200);
      const write = await http("POST", `/pods/${pod}/actors/${actorId}/items`, { title: "anon" }, anonymous);
      expect(write.status).toBe(401);
      // A key for another pod reads a public pod too, but cannot write to it.
      expect((await http("GET", `/pods/${pod}`, undefined, bearer(keys.otherPodAdmin))).status).toBe(200);
      expect((await http("POST", `/pods/${pod}/actors/${actorId}/items`, { title: "x" }, bearer(keys.otherPodAdmin))).status).toBe(403);
    } finally {
      await gql(`mutation($pod: String!) { setPodPublicRead(pod: $pod, enabled: false) { publicRead } }`, { pod });
    }
    expect((await http("GET", `/pods/${pod}`, undefined, anonymous)).status).toBe(401);
  });

  it("shows a key once and stores only its hash", async () => {
    const { key, id } = await createKey(pod, ["READ"]);
    const listed = await gql(`query($pod: String!) { pod(name: $pod) { apiKeys { id label scopes revokedAt } } }`, { pod });
    const entry = listed.data.pod.apiKeys.find((k: { id: string }) => k.id === id);
    expect(entry).toEqual({ id, label: "t", scopes: ["READ"], revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(key.split(".").pop());
  });
});

describe("GraphQL: a pod's typed endpoint", () => {
  it("needs read for queries and subscriptions, write for mutations", async () => {
    const query = `{ notes(first: 1) { totalCount } }`;
    const mutation = `mutation { createNotes(data: { title: "typed" }) { id } }`;
    for (const credential of ["none", "read", "write", "admin", "otherPodAdmin"] as const) {
      const headers = credential === "none" ? anonymous : bearer(keys[credential]);
      const q = await http("POST", `/pods/${pod}/graphql`, { query }, headers);
      if (allowed(credential, "read")) expect(q.json.errors, credential).toBeUndefined();
      else expect(q.status, credential).toBe(credential === "none" ? 401 : 403);
      const m = await typedGql(pod, mutation, {}, headers);
      if (allowed(credential, "write")) expect(m.errors, credential).toBeUndefined();
      else expect(m.errors?.[0]?.extensions?.code, credential).toBe(credential === "none" ? "UNAUTHENTICATED" : "FORBIDDEN");
    }
  });

  it("serves the GraphiQL page without revealing the pod's types to a browser with no key", async () => {
    const page = await http("GET", `/pods/${pod}/graphql`, undefined, { ...anonymous, accept: "text/html" });
    expect(page.status).toBe(200);
    expect(page.json).not.toContain("notes(first");
    expect(page.json).toContain("Authorization");
    const tailored = await http("GET", `/pods/${pod}/graphql`, undefined, { accept: "text/html" });
    expect(tailored.json).toContain("notes(first");
  });
});

describe("SSE subscriptions", () => {
  it("refuses a subscription without read access, with the error on the stream", async () => {
    // Yoga answers a subscription refused before its first event with the error's status.
    await expect(subscribe(`/graphql`, `subscription($ref: ID!) { itemAdded(actor: $ref) { cursor } }`, { ref: `${pod}/${actorId}` }, bearer(keys.otherPodAdmin))).rejects.toThrow(/403/);
    await expect(subscribe(`/pods/${pod}/graphql`, `subscription { notesAdded { cursor } }`, {}, anonymous)).rejects.toThrow(/401/);
    const sub = await subscribe(`/pods/${pod}/graphql`, `subscription { notesAdded { node { title } } }`, {}, bearer(keys.read));
    await untilSubscribed(pod, actorId);
    await http("POST", `/pods/${pod}/actors/${actorId}/items`, { title: "seen by the read key" });
    expect((await sub.next()).notesAdded.node.title).toBe("seen by the read key");
    await sub.close();
    // The tests share the actor: the next one counts its own subscriber on the feed.
    await untilUnsubscribed(pod, actorId);
  });

  it("opens an EventSource-style GET with a stream ticket, never with a key in the URL", async () => {
    const ticket = (await http("POST", `/pods/${pod}/stream-tickets`, undefined, bearer(keys.read))).json.ticket as string;
    expect(ticket).toMatch(/^gwt_/);
    const query = encodeURIComponent(`subscription { notesAdded { node { title } } }`);
    const open = (credential: string) =>
      exports.default.fetch(new Request(`http://gateway.test/pods/${pod}/graphql?query=${query}&ticket=${encodeURIComponent(credential)}`, { headers: { accept: "text/event-stream" } }));

    const keyInUrl = await open(keys.read);
    expect(keyInUrl.status).toBe(401);
    expect(await keyInUrl.json()).toMatchObject({ errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
    const forged = await open(ticket.slice(0, -3) + "abc");
    expect(forged.status).toBe(401);

    const controller = new AbortController();
    const stream = await exports.default.fetch(new Request(`http://gateway.test/pods/${pod}/graphql?query=${query}&ticket=${encodeURIComponent(ticket)}`, { headers: { accept: "text/event-stream" }, signal: controller.signal }));
    expect(stream.status).toBe(200);
    // Read from the start, as an EventSource does: an unread stream holds the subscription back.
    const reader = stream.body!.getReader();
    const parser = new SseParser();
    const first = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return undefined;
        for (const message of parser.push(value)) if (message.event === "next") return JSON.parse(message.data).data.notesAdded.node.title as string;
      }
    })();
    await untilSubscribed(pod, actorId);
    await http("POST", `/pods/${pod}/actors/${actorId}/items`, { title: "via ticket" });
    const title = await first;
    expect(title).toBe("via ticket");
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });

  it("voids a ticket when its key is revoked", async () => {
    const { key, id } = await createKey(pod, ["READ"]);
    const ticket = (await http("POST", `/pods/${pod}/stream-tickets`, undefined, bearer(key))).json.ticket as string;
    await gql(`mutation($pod: String!, $id: ID!) { revokeApiKey(pod: $pod, id: $id) { id } }`, { pod, id });
    const res = await exports.default.fetch(new Request(`http://gateway.test/pods/${pod}/graphql?query=${encodeURIComponent("{ _schemaVersion }")}&ticket=${encodeURIComponent(ticket)}`));
    expect(res.status).toBe(401);
  });
});

describe("CSRF prevention", () => {
  it("refuses a simple cross-site style GET without a credential or the CSRF header", async () => {
    const res = await http("GET", `/graphql?query=${encodeURIComponent("{ __typename }")}`, undefined, anonymous);
    expect(res.status).toBe(403);
    const withHeader = await http("GET", `/graphql?query=${encodeURIComponent("{ __typename }")}`, undefined, { ...anonymous, "x-graphql-yoga-csrf": "1" });
    expect(withHeader.json).toEqual({ data: { __typename: "Query" } });
  });
});
