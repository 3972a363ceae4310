/**
 * Subscriptions with real clients against `wrangler dev`: the graphql-sse
 * client library in both of its modes, and a plain EventSource-style parser
 * over HTTP, each receiving a burst of writes in order; then a resume with
 * `after` after a forced disconnect, checked against the full change sequence.
 */
import { createClient } from "graphql-sse";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { SseParser } from "../sse-parser.js";

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

/** Collects `count` events from a graphql-sse client subscription. */
function collect(singleConnection: boolean, count: number, variables: Record<string, unknown>) {
  const client = createClient({ url: `${url}/graphql/stream`, singleConnection, retryAttempts: 0, headers: auth });
  const events: any[] = [];
  let ready!: () => void;
  const started = new Promise<void>((r) => (ready = r));
  const done = new Promise<any[]>((resolve, reject) => {
    const dispose = client.subscribe({ query: CHANGES, variables }, {
      next: (value) => {
        events.push((value.data as any).itemChanges);
        if (events.length === count) {
          dispose();
          client.dispose();
          resolve(events);
        }
      },
      error: reject,
      complete: () => undefined,
    });
    setTimeout(ready, 300); // the stream is open once the server has accepted it
  });
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
    const read = async (after: string | null, count: number, onOpen: () => Promise<void>) => {
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
      await new Promise((r) => setTimeout(r, 300));
      await onOpen();
      while (events.length < count) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const message of parser.push(value)) if (message.event === "next") events.push(JSON.parse(message.data).data.itemChanges);
      }
      controller.abort(); // the forced disconnect
      return events.slice(0, count);
    };
    const first = await read(null, 5, () => burst(100, 5));
    await burst(105, 5); // written while no one listens
    const rest = await read(first[4].cursor, 10, () => burst(110, 5));
    const all = [...first, ...rest];
    expect(all.map((e) => e.item.data.n)).toEqual(Array.from({ length: 15 }, (_, i) => 100 + i));
    const seqs = all.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 15 }, (_, i) => seqs[0] + i)); // contiguous: nothing missing, nothing repeated
  });
});
