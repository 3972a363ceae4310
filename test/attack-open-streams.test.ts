/**
 * Issue 11, finding 5, written as the attack: a stream opened while access
 * was granted must not outlive it. After the key is revoked, its tickets
 * voided, or public read turned off, an open subscription ends within 5 s
 * with an error event naming the reason, on both endpoints.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../src/limits.js";
import { anonymous, asAdmin, gql, http, noteSchema, uniquePodName } from "./helpers.js";
import { SseParser } from "./sse-parser.js";
import { untilLeaseRenewed, untilSubscribed, untilUnsubscribed } from "./sync-objects.js";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
let pod = "";
let actorId = "";

beforeAll(async () => {
  pod = uniquePodName("streams");
  expect((await http("POST", "/pods", { name: pod })).status).toBe(201);
  actorId = (await http("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema: noteSchema } })).json.actorId;
});

async function createKey(): Promise<{ key: string; id: string }> {
  const res = await gql(`mutation($pod: String!) { createApiKey(pod: $pod, scopes: [READ], label: "stream") { key apiKey { id } } }`, { pod });
  return { key: res.data.createApiKey.key, id: res.data.createApiKey.apiKey.id };
}

/** Opens a subscription and collects its events; `ended` resolves with the first error event and when it came. */
async function open(path: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const response = await exports.default.fetch(
    new Request(`http://gateway.test${path}`, { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream", ...headers }, body: JSON.stringify({ query, variables }) }),
  );
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const parser = new SseParser();
  const events: unknown[] = [];
  const ended = (async () => {
    for (;;) {
      const read = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (read.done) return null;
      const { value } = read;
      for (const message of parser.push(value)) {
        if (message.event !== "next") continue;
        const payload = JSON.parse(message.data) as { data?: unknown; errors?: { extensions?: { code?: string }; message: string }[] };
        if (payload.errors) return { error: payload.errors[0]!, at: Date.now() };
        events.push(payload.data);
      }
    }
  })();
  return { events, ended, close: () => reader.cancel().catch(() => undefined) };
}

describe("attack: open streams after access is withdrawn", () => {
  it("a READ key's stream on the typed endpoint ends within 5 s of the key's revocation", async () => {
    const { key, id } = await createKey();
    const stream = await open(`/pods/${pod}/graphql`, "subscription { notesAdded { node { title } } }", {}, bearer(key));
    await untilSubscribed(pod, actorId);
    await http("POST", `/pods/${pod}/actors/${actorId}/items`, { title: "before" });
    await expect.poll(() => stream.events.length, { timeout: 5000 }).toBe(1);
    const revokedAt = Date.now();
    await gql(`mutation($pod: String!, $id: ID!) { revokeApiKey(pod: $pod, id: $id) { id } }`, { pod, id });
    const end = await stream.ended;
    expect(end?.error.extensions?.code).toBe("UNAUTHENTICATED");
    expect(end!.at - revokedAt).toBeLessThan(5000);
    await http("POST", `/pods/${pod}/actors/${actorId}/items`, { title: "after" });
    expect(stream.events).toHaveLength(1);
    await stream.close();
  });

  it("an anonymous stream on a public pod (global endpoint) ends once the pod is made private", async () => {
    await gql(`mutation($pod: String!) { setPodPublicRead(pod: $pod, enabled: true) { name } }`, { pod });
    const stream = await open("/graphql", "subscription($ref: ID!) { itemAdded(actor: $ref) { cursor } }", { ref: `${pod}/${actorId}` }, anonymous);
    const closedAt = Date.now();
    await gql(`mutation($pod: String!) { setPodPublicRead(pod: $pod, enabled: false) { name } }`, { pod });
    const end = await stream.ended;
    expect(["UNAUTHENTICATED", "FORBIDDEN"]).toContain(end?.error.extensions?.code);
    expect(end!.at - closedAt).toBeLessThan(5000);
    await stream.close();
  });

  it("a stream opened with the admin key is not cut off by these checks", async () => {
    await untilUnsubscribed(pod, actorId); // the streams the tests above ended have let go of the feed
    const stream = await open(`/pods/${pod}/graphql`, "subscription { notesAdded { node { title } } }", {}, asAdmin);
    await untilSubscribed(pod, actorId);
    // A recheck has run and passed: it renews the stream's lease only once the credential checked out.
    await untilLeaseRenewed(pod, "admin", LIMITS.streamAccessRecheckMs + 5000);
    await http("POST", `/pods/${pod}/actors/${actorId}/items`, { title: "still open" });
    await expect.poll(() => stream.events.length, { timeout: 5000 }).toBe(1);
    await stream.close();
  });
});
