/**
 * Fan-out: `subscribers` concurrent SSE subscriptions on one actor over
 * loopback, then `writes` writes, one after another. Checks that every
 * subscriber gets every event in order, and measures delivery latency on one
 * clock: from the write's acknowledgement to receipt (negative when the event
 * arrives before the writer's HTTP response does) and from the write's send to
 * receipt; and the gateway's memory per subscriber (resident memory of the
 * workerd processes with the subscribers connected minus before, ÷ subscribers).
 */
import { execFileSync } from "node:child_process";
import { Agent, fetch } from "undici";
import { SseParser } from "../test/sse-parser.js";
import { Client } from "./client.js";
import { median, percentile } from "./stats.js";

function workerdRssBytes(): number {
  try {
    const out = execFileSync("ps", ["-C", "workerd", "-o", "rss="], { encoding: "utf8" });
    return out.split("\n").filter(Boolean).reduce((sum, kb) => sum + Number(kb) * 1024, 0);
  } catch {
    return 0;
  }
}

export async function benchSubscribers(client: Client, subscribers: number, writes: number) {
  const { podName: pod } = await client.json("POST", "/pods", {});
  const { actorId } = await client.json("POST", `/pods/${pod}/actors`, { name: "feed", config: { actorType: "store", version: "v1", schema: { type: "object", properties: { n: { type: "integer" } } } } });
  const query = `subscription($ref: ID!) { itemAdded(actor: $ref) { seq item { data } } }`;
  const dispatcher = new Agent({ connections: subscribers + 16, bodyTimeout: 0, headersTimeout: 0 });
  const rssBefore = workerdRssBytes();

  const received: number[][] = Array.from({ length: subscribers }, () => []);
  const receivedAt: number[][] = Array.from({ length: subscribers }, () => []);
  const sent: number[] = [];
  const acked: number[] = [];
  const controllers: AbortController[] = [];
  let openStreams = 0;
  /** Why streams ended early, by error: none should. */
  const endings = new Map<string, number>();
  const streams = Array.from({ length: subscribers }, async (_, s) => {
    const controller = new AbortController();
    controllers.push(controller);
    const res = await fetch(`${client.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", ...client.auth },
      body: JSON.stringify({ query, variables: { ref: `${pod}/${actorId}` } }),
      signal: controller.signal,
      dispatcher,
    });
    const reader = res.body!.getReader();
    const parser = new SseParser();
    openStreams++;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const now = performance.now();
        for (const message of parser.push(value)) {
          if (message.event !== "next") continue;
          const payload = JSON.parse(message.data) as { data?: { itemAdded: { item: { data: { n: number } } } }; errors?: { message: string; extensions?: { code?: string } }[] };
          if (!payload.data) {
            // The stream ended with an error: say which, so a shortfall is explained.
            const reason = `${payload.errors?.[0]?.extensions?.code ?? "?"}: ${payload.errors?.[0]?.message ?? message.data}`.slice(0, 160);
            endings.set(reason, (endings.get(reason) ?? 0) + 1);
            return;
          }
          const n = payload.data.itemAdded.item.data.n;
          received[s]!.push(n);
          receivedAt[s]!.push(now);
        }
      }
    } catch {
      // aborted at the end
    }
  });
  while (openStreams < subscribers) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1500)); // every subscription reaches the object
  const rssConnected = workerdRssBytes();

  const start = performance.now();
  for (let n = 0; n < writes; n++) {
    sent[n] = performance.now();
    await client.json("POST", `/pods/${pod}/actors/${actorId}/items`, { n });
    acked[n] = performance.now();
  }
  const writeMs = performance.now() - start;
  const deadline = Date.now() + 120_000;
  while (received.some((r) => r.length < writes) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const drainMs = performance.now() - start;
  for (const c of controllers) c.abort();
  await Promise.allSettled(streams);
  await dispatcher.close();

  const complete = received.filter((r) => r.length === writes && r.every((n, i) => n === i)).length;
  const fromAck: number[] = [];
  const fromSend: number[] = [];
  received.forEach((ns, s) =>
    ns.forEach((n, i) => {
      fromAck.push(receivedAt[s]![i]! - acked[n]!);
      fromSend.push(receivedAt[s]![i]! - sent[n]!);
    }),
  );
  return {
    subscribers,
    writes,
    subscribersWithEveryEventInOrder: complete,
    endedEarly: Object.fromEntries(endings),
    deliveries: fromAck.length,
    latencyP50Ms: median(fromAck),
    latencyP99Ms: percentile(fromAck, 99),
    latencyFromSendP50Ms: median(fromSend),
    latencyFromSendP99Ms: percentile(fromSend, 99),
    writeMs,
    allDeliveredMs: drainMs,
    memoryPerSubscriberKiB: rssBefore && rssConnected ? (rssConnected - rssBefore) / subscribers / 1024 : null,
  };
}
