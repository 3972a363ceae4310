/**
 * HTTP preconditions on items (RFC 9110 §13): an item's ETag is its revision,
 * `"<rev>"`. `If-Match` on a write becomes the store's `ifRev`, so the check
 * and the write happen in one step in the actor's object; a stale one is a
 * 412 with the current item. `If-None-Match` on a read answers 304 when the
 * item is unchanged. Every other precondition header is refused with a 400,
 * never ignored: a client that sends one relies on it.
 */
import { GatewayError } from "../../errors/gateway-error.js";
import type { StoredItem } from "../../store/item.js";

const UNSUPPORTED = ["if-unmodified-since", "if-modified-since", "if-range"];

export function etag(rev: number): string {
  return `"${rev}"`;
}

/** The revision a write must find (from `If-Match`), or null when the request sets none. */
export function ifMatchRev(request: Request, write: boolean): number | "any" | null {
  for (const name of UNSUPPORTED) {
    if (request.headers.has(name)) throw new GatewayError("BAD_USER_INPUT", `The "${name}" precondition is not supported here: send If-Match with the item's ETag instead.`, { header: name });
  }
  if (write && request.headers.has("if-none-match")) {
    throw new GatewayError("BAD_USER_INPUT", `"If-None-Match" is not supported on writes: send If-Match with the item's ETag.`, { header: "if-none-match" });
  }
  const value = request.headers.get("if-match");
  if (value === null) return null;
  if (value.trim() === "*") return "any";
  const tags = value.split(",").map((t) => t.trim());
  // One strong tag: a write checks one revision. Weak tags never match under If-Match (strong comparison).
  const match = tags.length === 1 ? /^"(\d{1,15})"$/.exec(tags[0]!) : null;
  if (!match) throw new GatewayError("BAD_USER_INPUT", `"If-Match" must be one ETag as the item's GET returned it, such as "3" (with its quotes), or *.`, { header: "if-match", value });
  return Number(match[1]);
}

/** A 400 when a route that has no ETag (lists, creates, actors, pods, history) gets a precondition header. */
export function refusePreconditions(request: Request): void {
  for (const name of ["if-match", "if-none-match", ...UNSUPPORTED]) {
    if (request.headers.has(name)) throw new GatewayError("BAD_USER_INPUT", `The "${name}" precondition applies to an item's own URL only (GET, PUT, PATCH, DELETE, restore); this route has no ETag.`, { header: name });
  }
}

/** True when `If-None-Match` lists the item's current ETag (or is *): a GET answers 304. */
export function notModified(request: Request, item: StoredItem): boolean {
  const value = request.headers.get("if-none-match");
  if (value === null) return false;
  if (value.trim() === "*") return true;
  // Weak comparison for If-None-Match: W/"3" matches "3".
  return value.split(",").some((t) => t.trim().replace(/^W\//, "") === etag(item.rev));
}

/** A 412's body: the store's CONFLICT for a stale revision, with the current item. */
export function preconditionFailed(error: GatewayError): GatewayError {
  return new GatewayError("PRECONDITION_FAILED", error.message, error.details);
}

export function isStaleRevision(error: unknown): error is GatewayError {
  return error instanceof GatewayError && error.code === "CONFLICT" && (error.details as { reason?: string } | undefined)?.reason === "stale_revision";
}
