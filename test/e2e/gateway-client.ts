/**
 * The end-to-end tests' HTTP client for the gateway that test/e2e/setup.ts
 * starts with `wrangler dev`: admin key, JSON bodies, and an answer that
 * never throws, so a test can count a refused or broken request as data.
 */
import { inject } from "vitest";

export interface Answer {
  /** 0 when the request itself failed (connection refused, time-out). */
  status: number;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

export const gatewayUrl = (): string => inject("gatewayUrl");
export const adminHeaders = (): Record<string, string> => ({ authorization: `Bearer ${inject("adminKey")}`, "content-type": "application/json" });

/** Sends `text` as the body, as it is (for bodies JSON.stringify could not write, such as duplicate names). */
export async function callRaw(method: string, path: string, text?: string, timeoutMs = 60_000): Promise<Answer> {
  try {
    const res = await fetch(gatewayUrl() + path, { method, headers: adminHeaders(), ...(text === undefined ? {} : { body: text }), signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    return { status: res.status, text: body, json };
  } catch (error) {
    return { status: 0, text: `request failed: ${String(error)}`, json: undefined };
  }
}

/** Sends `body` as JSON (any JSON value, strings included); no body when it is undefined. */
export async function call(method: string, path: string, body?: unknown, timeoutMs?: number): Promise<Answer> {
  return callRaw(method, path, body === undefined ? undefined : JSON.stringify(body), timeoutMs);
}
