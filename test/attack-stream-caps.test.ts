/**
 * Issue 11, finding 9, written as the attack: one READ key once held 300 of 300 concurrent
 * subscriptions. Open streams are capped per key (and per anonymous address) and per pod
 * (domain/stream-leases.ts); past a cap the stream's one event is TOO_MANY_STREAMS, other
 * credentials and requests are served meanwhile, and a stream that ends gives its place back.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../src/limits.js";
import { podStub } from "../src/objects/stubs.js";
import { gql, http, noteSchema, uniquePodName } from "./helpers.js";
import { SseParser } from "./sse-parser.js";
import { waitUntil } from "./sync.js";
import { streamLeases } from "./sync-objects.js";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
let pod = "";
let actorId = "";

beforeAll(async () => {
  pod = uniquePodName("caps");
  expect((await http("POST", "/pods", { name: pod })).status).toBe(201);
  actorId = (await http("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema: noteSchema } })).json.actorId;
});

/**
 * The live stream leases one key holds on the pod. Tests count their own key's, not the pod's:
 * a stream an earlier test closed gives its lease back only once the gateway notices (at the
 * stream's next keep-alive), which can be in the middle of the next test.
 */
async function leasesOf(keyId: string): Promise<number> {
  return (await streamLeases(pod)).filter((l) => l.holder === `key:${keyId}` && l.expiresAt > Date.now()).length;
}

async function createKey(): Promise<{ key: string; id: string }> {
  const res = await gql(`mutation($pod: String!) { createApiKey(pod: $pod, scopes: [READ], label: "caps") { key apiKey { id } } }`, { pod });
  return { key: res.data.createApiKey.key, id: res.data.createApiKey.apiKey.id };
}

/** Opens a typed subscription; `first` resolves with its first event (data or the error). */
async function open(headers: Record<string, string>) {
  const response = await exports.default.fetch(
    new Request(`http://gateway.test/pods/${pod}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", ...headers },
      body: JSON.stringify({ query: "subscription { notesAdded { node { title } } }" }),
    }),
  );
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const parser = new SseParser();
  const events: { data?: unknown; errors?: { message: string; extensions?: { code?: string; details?: unknown } }[] }[] = [];
  let ended = false;
  const pump = (async () => {
    for (;;) {
      const read = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (read.done) return void (ended = true);
      for (const message of parser.push(read.value)) if (message.event === "next") events.push(JSON.parse(message.data));
    }
  })();
  return { events, ended: () => ended, pump, close: () => reader.cancel().catch(() => undefined) };
}

describe("attack: many streams from one key", () => {
  it(`a READ key holds at most ${LIMITS.streamsPerKey} streams on a pod; the next is refused, and other keys and requests are served`, async () => {
    const { key, id } = await createKey();
    const streams: Awaited<ReturnType<typeof open>>[] = [];
    for (let i = 0; i < LIMITS.streamsPerKey; i++) streams.push(await open(bearer(key)));
    // Each has taken its lease once it reached its first read: an item reaches all of them.
    await http("POST", `/pods/${pod}/actors/${actorId}/items`, { title: "to all" });
    await expect.poll(() => streams.filter((s) => s.events.length === 1).length, { timeout: 20_000 }).toBe(LIMITS.streamsPerKey);
    expect(streams.every((s) => s.events[0]!.errors === undefined)).toBe(true);

    const refused = await open(bearer(key));
    await expect.poll(() => refused.ended(), { timeout: 10_000 }).toBe(true);
    expect(refused.events).toHaveLength(1);
    const error = refused.events[0]!.errors![0]!;
    expect(error.extensions?.code).toBe("TOO_MANY_STREAMS");
    expect(error.extensions?.details).toEqual({ limit: "perKey", max: LIMITS.streamsPerKey });
    expect(error.message).toMatch(/already holds 100 open streams/);

    // Another key of the same pod, and plain requests, are served meanwhile.
    const other = await open(bearer((await createKey()).key));
    expect((await http("GET", `/pods/${pod}`)).status).toBe(200);
    await http("POST", `/pods/${pod}/actors/${actorId}/items`, { title: "second" });
    await expect.poll(() => other.events.length, { timeout: 10_000 }).toBe(1);
    expect(other.events[0]!.errors).toBeUndefined();

    // Streams that end give their places back: revoking the key ends all 100 within the recheck.
    await gql(`mutation($pod: String!, $id: ID!) { revokeApiKey(pod: $pod, id: $id) { id } }`, { pod, id });
    await expect.poll(() => streams.every((s) => s.ended()), { timeout: 10_000 }).toBe(true);
    const leases = () => podStub(env, pod).countStreams();
    await expect.poll(leases, { timeout: 5_000 }).toBe(1); // the other key's
    await other.close();
    await Promise.all(streams.map((s) => s.close()));
  }, 120_000);
});

describe("attack: idle graphql-sse single connections", () => {
  it("count against the key's cap, the next one is a 429, and revoking the key closes them", async () => {
    const { key, id } = await createKey();
    const held: ReadableStreamDefaultReader<Uint8Array>[] = [];
    const connect = async () => {
      const put = await exports.default.fetch(new Request(`http://gateway.test/pods/${pod}/graphql`, { method: "PUT", headers: bearer(key) }));
      expect(put.status).toBe(201);
      const token = await put.text();
      return exports.default.fetch(new Request(`http://gateway.test/pods/${pod}/graphql?token=${token}`, { headers: { ...bearer(key), accept: "text/event-stream" } }));
    };
    const leasesOfKey = () => leasesOf(id);
    for (let i = 0; i < LIMITS.streamsPerKey; i++) {
      const res = await connect();
      expect(res.status).toBe(200);
      held.push(res.body!.getReader());
    }
    expect(await leasesOfKey()).toBe(LIMITS.streamsPerKey);
    const refused = await connect();
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toMatchObject({ code: "TOO_MANY_STREAMS", details: { limit: "perKey" } });

    await gql(`mutation($pod: String!, $id: ID!) { revokeApiKey(pod: $pod, id: $id) { id } }`, { pod, id });
    const ended = held.map(async (reader) => {
      for (;;) if ((await reader.read()).done) return true;
    });
    const started = Date.now();
    await Promise.all(ended);
    expect(Date.now() - started).toBeLessThan(LIMITS.streamAccessRecheckMs + 2000);
    await expect.poll(leasesOfKey, { timeout: 5_000 }).toBe(0);
  }, 60_000);
});

describe("a stream the client closes", () => {
  it("gives its lease back", async () => {
    const { key, id } = await createKey();
    const stream = await open(bearer(key));
    await expect.poll(() => leasesOf(id), { timeout: 5_000 }).toBe(1);
    await stream.close();
    await expect.poll(() => leasesOf(id), { timeout: 20_000 }).toBe(0);
  }, 30_000);
});

describe("stream leases in the pod's object", () => {
  const lease = (id: string, holder: string, extra: Partial<{ ttlMs: number; perHolder: number | null; perPod: number }> = {}) => ({ id, holder, ttlMs: 60_000, perHolder: 2, perPod: 3, ...extra });

  it("caps per holder and per pod, gives places back on close, and lets unrenewed leases lapse", async () => {
    // A pod of its own: streams of the tests above may still be giving their leases back to theirs.
    const own = uniquePodName("leases");
    expect((await http("POST", "/pods", { name: own })).status).toBe(201);
    const stub = podStub(env, own);
    const base = await stub.countStreams();
    const perPod = base + 3;
    expect((await stub.openStream(own, lease("a1", "key:a", { perPod }))).ok).toBe(true);
    expect((await stub.openStream(own, lease("a2", "key:a", { perPod }))).ok).toBe(true);
    const third = await stub.openStream(own, lease("a3", "key:a", { perPod }));
    expect(third.ok || third.error).toMatchObject({ code: "TOO_MANY_STREAMS" });
    expect((await stub.openStream(own, lease("b1", "key:b", { perPod }))).ok).toBe(true);
    const full = await stub.openStream(own, lease("c1", "admin", { perHolder: null, perPod }));
    expect(full.ok ? null : JSON.parse(full.error.detailsJson!)).toEqual({ limit: "perPod", max: perPod });

    await stub.closeStream("a1");
    await stub.closeStream("a1"); // idempotent
    expect((await stub.openStream(own, lease("c1", "admin", { perHolder: null, perPod }))).ok).toBe(true);

    // A lease whose stream stopped renewing lapses, and renewing it then says so.
    expect((await stub.openStream(own, lease("short", "key:d", { ttlMs: 50, perPod: perPod + 1 }))).ok).toBe(true);
    expect(await stub.renewStream("short", 50)).toBe(true);
    // Lapsed: the pod no longer counts it (a2, b1 and c1 are left). Polling renewStream instead would keep it alive.
    await waitUntil(async () => (await stub.countStreams()) === base + 3, { what: "the unrenewed 50 ms lease to lapse", timeoutMs: 5_000 });
    expect(await stub.renewStream("short", 50)).toBe(false);
    for (const id of ["a2", "b1", "c1"]) await stub.closeStream(id);
    expect(await stub.countStreams()).toBe(base);
  });
});
