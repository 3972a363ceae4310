/**
 * One actor's changes as an async iterator, for subscription resolvers. It
 * holds a byte stream of NDJSON events from the actor's object
 * (objects/change-feed.ts) and, when that stream ends, breaks or goes silent
 * past the heartbeat watchdog (the object was evicted, restarted or moved),
 * resubscribes from the last sequence number it delivered: nothing missed,
 * nothing repeated. With no cursor it starts at the actor's newest change, so
 * even a first reconnect has a cursor to resume from. `return()` cancels the
 * upstream at once, so a closed client releases the object's subscriber.
 */
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { unwrap } from "../errors/result.js";
import { storeStub } from "../objects/stubs.js";
import type { ChangeEvent } from "../store/change.js";
import { heartbeatMs } from "../objects/heartbeat.js";

/** Consecutive failed resubscriptions before the subscription ends with an error. */
const MAX_RETRIES = 8;

export function actorChanges(env: Env, pod: string, actorId: string, after: number | null): AsyncIterableIterator<ChangeEvent> {
  const store = () => storeStub(env, pod, actorId);
  const silenceLimit = heartbeatMs(env) * 3;
  const decoder = new TextDecoder();
  let cursor: number | null = after;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let buffer = "";
  let failures = 0;
  let closed = false;

  const drop = () => {
    reader?.cancel().catch(() => undefined);
    reader = null;
    buffer = "";
  };

  async function connect(): Promise<void> {
    cursor ??= unwrap(await store().latestChange());
    reader = unwrap(await store().subscribe(cursor)).getReader();
  }

  /** The next line of the upstream, or null when it ended, broke or went silent. */
  async function line(): Promise<string | null> {
    for (;;) {
      const newline = buffer.indexOf("\n");
      if (newline >= 0) {
        const text = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        return text;
      }
      const current = reader!;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const silence = new Promise<"silent">((resolve) => (timer = setTimeout(() => resolve("silent"), silenceLimit)));
      try {
        const chunk = await Promise.race([current.read(), silence]);
        if (chunk === "silent" || chunk.done) return null;
        buffer += decoder.decode(chunk.value, { stream: true });
      } catch {
        return null;
      } finally {
        clearTimeout(timer);
      }
    }
  }

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<ChangeEvent>> {
      while (!closed) {
        if (!reader) {
          try {
            await connect();
          } catch (error) {
            if (error instanceof GatewayError || ++failures > MAX_RETRIES) throw error;
            await backoff(failures);
            continue;
          }
        }
        const text = await line();
        if (closed) break;
        if (text === null) {
          drop();
          if (++failures > MAX_RETRIES) throw new GatewayError("NOT_FOUND", "The actor's change feed is unavailable.", { pod, actor: actorId });
          await backoff(failures);
          continue;
        }
        if (text.trim() === "") continue;
        const event = JSON.parse(text) as ChangeEvent | { heartbeat: number };
        failures = 0;
        if ("heartbeat" in event || event.seq <= cursor!) continue; // never deliver twice
        cursor = event.seq;
        return { done: false, value: event };
      }
      return { done: true, value: undefined };
    },
    async return(): Promise<IteratorResult<ChangeEvent>> {
      closed = true;
      drop();
      return { done: true, value: undefined };
    },
  };
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
}

/** Parses an `after` cursor of one actor's feed: a non-negative integer sequence number. */
export function parseSeqCursor(after: string | null | undefined): number | null {
  if (after === null || after === undefined || after === "") return null;
  if (!/^\d{1,15}$/.test(after)) throw new GatewayError("INVALID_CURSOR", `"after" must be a cursor from a previous event.`, { after });
  return Number(after);
}
