/**
 * Subscriptions over Apollo's multipart HTTP protocol (src/graphql/use-multipart-subscriptions.ts),
 * read as Apollo Client reads them: the parts between `--graphql` boundaries, `{}` heartbeats,
 * `{"payload": ...}` events. On both endpoints, with the accept header Apollo Client 4 sends.
 */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { asAdmin, createPodAndActor, http } from "./helpers.js";
import { untilSubscribed } from "./sync-objects.js";

const APOLLO_ACCEPT = 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json';

async function openMultipart(path: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await exports.default.fetch(
    new Request(`http://gateway.test${path}`, { method: "POST", headers: { ...asAdmin, "content-type": "application/json", accept: APOLLO_ACCEPT }, body: JSON.stringify({ query, variables }) }),
  );
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const parts: unknown[] = [];
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      // As Apollo Client reads it: a part is what lies between two boundaries.
      const chunks = buffer.split("\r\n--graphql");
      buffer = chunks.pop()!;
      for (const chunk of chunks) {
        const at = chunk.indexOf("\r\n\r\n");
        if (at >= 0) parts.push(JSON.parse(chunk.slice(at + 4)));
      }
      if (buffer.startsWith("--")) return; // the closing boundary
    }
  })();
  return { response, parts, pump, close: () => reader.cancel() };
}

describe("multipart subscriptions (Apollo Client's HTTP transport)", () => {
  it("the typed and the global endpoint stream events as {payload} parts after a heartbeat", async () => {
    const { podName, actorId, base } = await createPodAndActor({ actorType: "store", version: "v1", schema: { type: "object", properties: { title: { type: "string" } } } }, "notes");
    const typed = await openMultipart(`/pods/${podName}/graphql`, "subscription { notesAdded { node { title } } }");
    const global = await openMultipart("/graphql", "subscription($ref: ID!) { itemAdded(actor: $ref) { item { data } } }", { ref: `${podName}/${actorId}` });
    for (const { response } of [typed, global]) {
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe('multipart/mixed;boundary="graphql";subscriptionSpec="1.0"');
    }
    await expect.poll(() => typed.parts.length + global.parts.length).toBe(2);
    expect(typed.parts[0]).toEqual({}); // the first heartbeat
    await untilSubscribed(podName, actorId, 2); // both streams are on the actor's change feed
    expect((await http("POST", `${base}/items`, { title: "one" })).status).toBe(201);
    await expect.poll(() => typed.parts.length, { timeout: 5000 }).toBe(2);
    await expect.poll(() => global.parts.length, { timeout: 5000 }).toBe(2);
    expect(typed.parts[1]).toEqual({ payload: { data: { notesAdded: { node: { title: "one" } } } } });
    expect(global.parts[1]).toEqual({ payload: { data: { itemAdded: { item: { data: { title: "one" } } } } } });
    await typed.close();
    await global.close();
  });

  it("a query with Apollo's subscription accept header is answered as plain JSON, and plain multipart stays unsupported for subscriptions", async () => {
    const query = await exports.default.fetch(new Request("http://gateway.test/graphql", { method: "POST", headers: { ...asAdmin, "content-type": "application/json", accept: APOLLO_ACCEPT }, body: JSON.stringify({ query: "{ __typename }" }) }));
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { __typename: "Query" } });
  });
});
