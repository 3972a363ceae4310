/**
 * Results returned by Durable Object RPC methods. Workers RPC keeps only an
 * error's message across the boundary, so objects return failures as data and
 * the Worker turns them back into GatewayErrors with `unwrap`.
 */
import { GatewayError, type ErrorData } from "./gateway-error.js";

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Runs `fn`, turning a thrown GatewayError into a failed Result; anything else is a bug and is rethrown. */
export function capture<T>(fn: () => T): Result<T> {
  try {
    return ok(fn());
  } catch (error) {
    if (error instanceof GatewayError) return { ok: false, error: error.toData() };
    throw error;
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw GatewayError.from(result.error);
}
