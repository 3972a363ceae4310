/**
 * Stream caps against `wrangler dev` with real connections (issue 11, finding 9): one READ key
 * may hold LIMITS.streamsPerKey streams on a pod, the next gets TOO_MANY_STREAMS, and a client
 * that drops its connection (an aborted fetch, as a closed tab does) gives its place back.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/limits.js";
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

describe("stream caps (wrangler dev)", () => {
  it("one key's streams past the cap are refused, and an aborted connection frees its place", async () => {
    const pod = `caps-${Date.now().toString(36)}`;
    expect((await call("POST", "/pods", { name: pod })).status).toBe(201);
    const schema = { type: "object", properties: { title: { type: "string" } } };
    expect((await call("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema } })).status).toBe(201);
    const created = await call("POST", "/graphql", { query: `mutation($pod: String!) { createApiKey(pod: $pod, scopes: [READ]) { key } }`, variables: { pod } });
    const key = created.json.data.createApiKey.key as string;

    const streams = [];
    for (let i = 0; i < LIMITS.streamsPerKey; i++) streams.push(await openStream(pod, key));
    await new Promise((r) => setTimeout(r, 1000)); // every stream has taken its lease

    const refused = await openStream(pod, key);
    await refused.reading;
    expect(refused.text()).toContain('"code":"TOO_MANY_STREAMS"');
    expect(refused.text()).toContain("event: complete");

    // Drop one connection the way a closed tab does: the gateway notices at its next write
    // (a keep-alive comes every 12 s) and gives the lease back.
    streams[0]!.abort();
    const started = Date.now();
    let reopened = "";
    while (Date.now() - started < 30_000) {
      const attempt = await openStream(pod, key);
      await Promise.race([attempt.reading, new Promise((r) => setTimeout(r, 1500))]);
      if (!attempt.text().includes("TOO_MANY_STREAMS")) {
        reopened = attempt.text();
        attempt.abort();
        break;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(reopened, "no place was freed within 30 s of the abort").not.toBe("");
    for (const s of streams) s.abort();
  }, 90_000);
});
