/**
 * Open subscriptions keep their access only while their credential does, and
 * count against the stream caps while they run. Applied to every subscription
 * of both endpoints, so no resolver can forget either:
 * - when the stream starts it takes a lease on each pod it reads
 *   (domain/stream-leases.ts); past a cap it sends one event carrying
 *   TOO_MANY_STREAMS and ends;
 * - every LIMITS.streamAccessRecheckMs it asks again (without the request's
 *   cache) for each pod it read, and renews its leases; once a key is revoked,
 *   a ticket voided or a pod made private, it sends one last event carrying
 *   the error (UNAUTHENTICATED or FORBIDDEN) and ends;
 * - however it ends (done, denied, or cancelled by the client) it gives its
 *   leases back.
 */
import type { ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Authorizer } from "../domain/authorizer.js";
import { StreamLeases } from "../domain/stream-leases.js";
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { LIMITS } from "../limits.js";

export function useStreamAccess(): Plugin<{ auth: Authorizer; env: Env }> {
  return {
    onSubscribe({ args }) {
      const { auth, env } = args.contextValue;
      return {
        onSubscribeResult({ result, setResult }) {
          if (!(Symbol.asyncIterator in result)) return;
          let leases: StreamLeases | null = null;
          setResult(
            whileAllowed(result, {
              open: async () => void (leases = await StreamLeases.open(env, auth)),
              recheck: async () => {
                await auth.recheck();
                await leases?.renew();
              },
              close: async () => leases?.close(),
              everyMs: LIMITS.streamAccessRecheckMs,
            }),
          );
        },
      };
    },
  };
}

export interface StreamGuard {
  /** Runs before the first event; a throw ends the stream with that error. */
  open?: () => Promise<void>;
  /** Runs every `everyMs`; a throw ends the stream with that error. */
  recheck: () => Promise<void>;
  /** Runs once when the stream ends, however it ends. */
  close?: () => Promise<void>;
  everyMs: number;
}

/** `source`, ended with one error result as soon as the guard throws; `return()` stops both at once. */
export function whileAllowed(source: AsyncIterable<ExecutionResult>, guard: StreamGuard): AsyncIterableIterator<ExecutionResult> {
  const inner = source[Symbol.asyncIterator]();
  let denied: ((error: unknown) => void) | null = null;
  const denial = new Promise<{ denied: unknown }>((resolve) => (denied = (error) => resolve({ denied: error })));
  let opened: Promise<void> | null = null;
  let finished = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let closed: Promise<void> | null = null;
  const close = () => (closed ??= guard.close?.() ?? Promise.resolve());
  const finish = async () => {
    finished = true;
    clearInterval(timer);
    await Promise.all([inner.return?.(), opened?.then(close, close)]);
  };
  const refusal = async (error: unknown): Promise<IteratorResult<ExecutionResult>> => {
    await finish();
    const gatewayError = error instanceof GatewayError ? error : new GatewayError("FORBIDDEN", "Access to this stream was withdrawn.");
    return { done: false, value: { errors: [gatewayError] } };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<ExecutionResult>> {
      if (finished) return { done: true, value: undefined };
      let pending: Promise<IteratorResult<ExecutionResult>> | null = null;
      if (!opened) {
        // The source starts at once, as it would unguarded, so it misses nothing written while the leases are taken.
        pending = inner.next();
        pending.catch(() => undefined); // observed below, unless the stream is refused first
        opened = guard.open?.() ?? Promise.resolve();
        try {
          await opened;
        } catch (error) {
          return refusal(error);
        }
        if (finished) return { done: true, value: undefined }; // returned while opening
        timer = setInterval(() => {
          guard.recheck().catch((error: unknown) => denied?.(error));
        }, guard.everyMs);
      }
      const next = await Promise.race([pending ?? inner.next(), denial]);
      if ("denied" in next) return refusal(next.denied);
      if (next.done) {
        finished = true;
        clearInterval(timer);
        await close();
      }
      return next;
    },
    async return(): Promise<IteratorResult<ExecutionResult>> {
      await finish();
      return { done: true, value: undefined };
    },
  };
}
