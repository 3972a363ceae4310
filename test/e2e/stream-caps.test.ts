/**
 * Stream caps against `wrangler dev` with real connections (issue 11, finding 9): one READ key
 * may hold LIMITS.streamsPerKey streams on a pod, the next gets TOO_MANY_STREAMS, and a client
 * that drops its connection (an aborted fetch, as a closed tab does) gives its place back.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/limits.js";
import { untilProbeArrives, waitUntil } from "../sync.js";
import { call, gatewayUrl } from "./gateway-client.js";

async function openStream(pod: string, key: string) {
  const controller = new AbortController();
  const response = await fetch(`${gatewayUrl()}/pods/${pod}/graphql`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ query: "subscription { notesAdded { node { title } } }" }),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  let text = "";
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body!) text += decoder.decode(chunk as Uint8Array, { stream: true });
    } catch {
      // aborted
    }
  })();
  return { text: () => text, abort: () => controller.abort(), reading };
}

/** A stream's first event waits for its lease (graphql/use-stream-access.ts): a TOO_MANY_STREAMS error, or an item once it holds one. */
const hasEvent = (stream: { text: () => string }) => stream.text().includes("event: next");

describe("stream caps (wrangler dev)", () => {
  it("one key's streams past the cap are refused, and an aborted connection frees its place", async () => {
    const pod = `caps-${Date.now().toString(36)}`;
    expect((await call("POST", "/pods", { name: pod })).status).toBe(201);
    const schema = { type: "object", properties: { title: { type: "string" } } };
    const actor = await call("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema } });
    expect(actor.status).toBe(201);
    const probe = async () => expect((await call("POST", `/pods/${pod}/actors/${actor.json.actorId}/items`, { title: "probe" })).status).toBe(201);
    const created = await call("POST", "/graphql", { query: `mutation($pod: String!) { createApiKey(pod: $pod, scopes: [READ]) { key } }`, variables: { pod } });
    const key = created.json.data.createApiKey.key as string;

    const streams: Awaited<ReturnType<typeof openStream>>[] = [];
    for (let i = 0; i < LIMITS.streamsPerKey; i++) streams.push(await openStream(pod, key));
    // Every stream has taken its lease once an item has reached it.
    await untilProbeArrives(probe, () => streams.every(hasEvent), { what: `all ${LIMITS.streamsPerKey} streams to deliver a probe item`, timeoutMs: 30_000, everyMs: 500 });
    expect(streams.filter((s) => s.text().includes("TOO_MANY_STREAMS")), "streams refused below the cap").toHaveLength(0);

    const refused = await openStream(pod, key);
    await refused.reading;
    expect(refused.text()).toContain('"code":"TOO_MANY_STREAMS"');
    expect(refused.text()).toContain("event: complete");

    // Drop one connection the way a closed tab does: the gateway notices at a later write to it
    // (a keep-alive comes every 12 s) and gives the lease back. Each attempt is judged by its
    // first event: TOO_MANY_STREAMS (not yet), or a probe item, which only a stream holding a lease gets.
    streams[0]!.abort();
    const reopened = await waitUntil(
      async () => {
        const attempt = await openStream(pod, key);
        await untilProbeArrives(probe, () => hasEvent(attempt), { what: "the attempt's first event", timeoutMs: 10_000, everyMs: 500 }).catch((error: unknown) => {
          attempt.abort();
          throw error;
        });
        if (attempt.text().includes("TOO_MANY_STREAMS")) return null; // not yet: try again
        attempt.abort();
        return attempt.text();
      },
      { what: "a place freed by the aborted connection", timeoutMs: 30_000, intervalMs: 1000 },
    );
    expect(reopened, "no place was freed within 30 s of the abort").not.toBe("");
    expect(reopened).toContain('"title":"probe"'); // it holds a lease: an item reached it
    for (const s of streams) s.abort();
  }, 90_000);
});
