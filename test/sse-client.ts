/**
 * A plain Server-Sent Events reader for tests: POSTs a GraphQL subscription
 * with `accept: text/event-stream` (Yoga's distinct-connection mode) and
 * yields each `next` payload. Parses the wire format itself, like an
 * EventSource would: `event:`/`data:` lines, blank-line separated, `:` comments ignored.
 */
import { exports } from "cloudflare:workers";
import { asAdmin } from "./helpers.js";
import { SseParser } from "./sse-parser.js";

export interface SseSubscription<T> {
  next(): Promise<T>;
  /** Events received so far, and comment lines (keep-alives) seen. */
  readonly comments: number;
  close(): Promise<void>;
}

export async function subscribe<T = any>(path: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = asAdmin): Promise<SseSubscription<T>> {
  const controller = new AbortController();
  const response = await exports.default.fetch(
    new Request(`http://gateway.test${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", ...headers },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    }),
  );
  if (!response.ok || !response.body) throw new Error(`subscription failed: ${response.status} ${await response.text()}`);
  const reader = response.body.getReader();
  const parser = new SseParser();
  const queue: T[] = [];
  const waiting: ((value: T) => void)[] = [];
  let failure: Error | null = null;
  (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const message of parser.push(value)) {
          if (message.event === "complete") continue;
          const payload = JSON.parse(message.data) as { data?: T; errors?: unknown };
          if (payload.errors) throw new Error(JSON.stringify(payload.errors));
          const waiter = waiting.shift();
          if (waiter) waiter(payload.data as T);
          else queue.push(payload.data as T);
        }
      }
    } catch (error) {
      failure = error as Error;
    }
  })();
  return {
    async next() {
      if (queue.length) return queue.shift()!;
      if (failure) throw failure;
      return new Promise<T>((resolve, reject) => {
        waiting.push(resolve);
        const timer = setTimeout(() => reject(failure ?? new Error("no event within 10 s")), 10_000);
        const original = waiting[waiting.length - 1]!;
        waiting[waiting.length - 1] = (v) => (clearTimeout(timer), original(v));
      });
    },
    get comments() {
      return parser.comments;
    },
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}
