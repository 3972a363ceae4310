/**
 * Open subscriptions keep their access only while their credential does.
 * Every LIMITS.streamAccessRecheckMs a subscription asks again (without the
 * request's cache) for each pod it read; once a key is revoked, a ticket
 * voided or a pod made private, the stream sends one last event carrying the
 * error (UNAUTHENTICATED or FORBIDDEN) and ends. Applied to every
 * subscription of both endpoints, so no resolver can forget it.
 */
import type { ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Authorizer } from "../auth/authorizer.js";
import { GatewayError } from "../errors/gateway-error.js";
import { LIMITS } from "../limits.js";

export function useStreamAccess(): Plugin<{ auth: Authorizer }> {
  return {
    onSubscribe({ args }) {
      const auth = args.contextValue.auth;
      return {
        onSubscribeResult({ result, setResult }) {
          if (Symbol.asyncIterator in result) setResult(whileAllowed(result, () => auth.recheck(), LIMITS.streamAccessRecheckMs));
        },
      };
    },
  };
}

/** `source`, ended with one error result as soon as `recheck` throws; `return()` stops both at once. */
export function whileAllowed(source: AsyncIterable<ExecutionResult>, recheck: () => Promise<void>, everyMs: number): AsyncIterableIterator<ExecutionResult> {
  const inner = source[Symbol.asyncIterator]();
  let denied: ((error: unknown) => void) | null = null;
  const denial = new Promise<{ denied: unknown }>((resolve) => (denied = (error) => resolve({ denied: error })));
  let finished = false;
  const timer = setInterval(() => {
    recheck().catch((error: unknown) => denied?.(error));
  }, everyMs);
  const finish = async () => {
    finished = true;
    clearInterval(timer);
    await inner.return?.();
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<ExecutionResult>> {
      if (finished) return { done: true, value: undefined };
      const next = await Promise.race([inner.next(), denial]);
      if ("denied" in next) {
        await finish();
        const error = next.denied instanceof GatewayError ? next.denied : new GatewayError("FORBIDDEN", "Access to this stream was withdrawn.");
        return { done: false, value: { errors: [error] } };
      }
      if (next.done) {
        finished = true;
        clearInterval(timer);
      }
      return next;
    },
    async return(): Promise<IteratorResult<ExecutionResult>> {
      await finish();
      return { done: true, value: undefined };
    },
  };
}
