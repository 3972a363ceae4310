/**
 * Subscriptions with real clients against `wrangler dev`: the graphql-sse
 * client library in both of its modes, and a plain EventSource-style parser
 * over HTTP, each receiving a burst of writes in order; then a resume with
 * `after` after a forced disconnect, checked against the full change sequence.
 */
import { createClient } from "graphql-sse";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { SseParser } from "../sse-parser.js";
import { untilProbeArrives, waitUntil } from "../sync.js";

const url = inject("gatewayUrl");
const auth = { authorization: `Bearer ${inject("adminKey")}` };
const SCHEMA = { type: "object", required: ["n"], properties: { n: { type: "integer", minimum: 0, maximum: 100000 } } };
const CHANGES = `subscription($ref: ID!, $after: String) { itemChanges(actor: $ref, after: $after) { cursor seq op item { data } } }`;

async function json(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(url + path, { method, headers: { "content-type": "application/json", ...auth }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return res.json();
}

let pod = "";
let actorId = "";
beforeAll(async () => {
  pod = (await json("POST", "/pods", {})).podName;
  actorId = (await json("POST", `/pods/${pod}/actors`, { name: "counter", config: { actorType: "store", version: "v1", schema: SCHEMA } })).actorId;
});

async function burst(from: number, count: number) {
  for (let n = from; n < from + count; n++) {
    if (n % 2) await json("POST", `/pods/${pod}/actors/${actorId}/items`, { n });
    else await json("POST", `/pods/${pod}/graphql`, { query: `mutation($n: Int!) { createCounter(data: { n: $n }) { id } }`, variables: { n } });
  }
}

/** A probe item: subscriptions here skip it, and every test counts only the items of its bursts. */
const probe = () => json("POST", `/pods/${pod}/actors/${actorId}/items`, { n: 0, probe: true });
const isProbe = (change: any) => change?.item?.data?.probe === true;

/**
 * Collects `count` events from a graphql-sse client subscription. `started` resolves once a probe
 * item has come back on it: the server accepts the stream before the subscription reaches the
 * actor, so a write sent on acceptance alone could come before the subscription's "from now on".
 */
function collect(singleConnection: boolean, count: number, variables: Record<string, unknown>) {
  const client = createClient({ url: `${url}/graphql/stream`, singleConnection, retryAttempts: 0, headers: auth });
  const events: any[] = [];
  let probes = 0;
  let failed = false;
  const done = new Promise<any[]>((resolve, reject) => {
    const dispose = client.subscribe({ query: CHANGES, variables }, {
      next: (value) => {
        const change = (value.data as any).itemChanges;
        if (isProbe(change)) return void probes++;
        events.push(change);
        if (events.length === count) {
          dispose();
          client.dispose();
          resolve(events);
        }
      },
      error: (error) => {
        failed = true;
        reject(error);
      },
      complete: () => undefined,
    });
  });
  const started = untilProbeArrives(probe, () => probes > 0 || failed, { what: `the graphql-sse subscription (singleConnection: ${singleConnection}) to deliver a probe item` });
  return { started, done };
}

describe("SSE subscriptions with real clients", () => {
  it.each([false, true])("graphql-sse client (singleConnection: %s) receives every item of a burst, in order", async (singleConnection) => {
    const start = (await json("POST", "/graphql", { query: `{ pod(name: "${pod}") { actor(id: "counter") { items(first: 1) { nodes { id } } } } }` })) && 0;
    const sub = collect(singleConnection, 30, { ref: `${pod}/${actorId}` });
    await sub.started;
    await burst(start, 30);
    const events = await sub.done;
    expect(events.map((e) => e.item.data.n)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(30);
  });

  it("a plain EventSource-style reader resumes with after after a forced disconnect, with nothing missing or repeated", async () => {
    const open = async (after: string | null) => {
      const controller = new AbortController();
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream", ...auth },
        body: JSON.stringify({ query: CHANGES, variables: { ref: `${pod}/${actorId}`, after } }),
        signal: controller.signal,
      });
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      const reader = res.body!.getReader();
      const parser = new SseParser();
      const events: any[] = [];
      let probes = 0;
      void (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          for (const message of parser.push(value)) {
            if (message.event !== "next") continue;
            const change = JSON.parse(message.data).data.itemChanges;
            if (isProbe(change)) probes++;
            else events.push(change);
          }
        }
      })().catch(() => undefined); // ends with the abort
      const received = (count: number, what: string) => waitUntil(() => events.length >= count, { what, timeoutMs: 15_000 });
      return { events, probes: () => probes, received, close: () => controller.abort() };
    };

    const first = await open(null);
    await untilProbeArrives(probe, () => first.probes() > 0, { what: "the plain reader's subscription to deliver a probe item" });
    await burst(100, 5);
    await first.received(5, "the first reader's five events");
    first.close(); // the forced disconnect
    await burst(105, 5); // written while no one listens
    const rest = await open(first.events[4].cursor);
    // With a cursor, no write after it can be missed, whenever the stream reaches the actor. The last
    // five are written once the missed five are replayed, so they come live (or from the log, if the
    // stream has not gone live yet): either way, none may be missing or repeated.
    await rest.received(5, "the five events written while no one listened, replayed");
    await burst(110, 5);
    await rest.received(10, "the five events written after the replay");
    rest.close();
    const all = [...first.events.slice(0, 5), ...rest.events.slice(0, 10)];
    expect(all.map((e) => e.item.data.n)).toEqual(Array.from({ length: 15 }, (_, i) => 100 + i));
    const seqs = all.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 15 }, (_, i) => seqs[0] + i)); // contiguous: nothing missing, nothing repeated
  });
});
