/**
 * Item history for both schemas (`item.history` and `item(rev:, asOf:)` on
 * /graphql, `<actor>History` and `<actor>ById(rev:, asOf:)` on a pod's typed
 * endpoint). History pages are the one connection model, newest first; a
 * revision's cursor is its number as a string, and `after: "<rev>"` pages
 * on to the revisions below it.
 */
import { GatewayError } from "../errors/gateway-error.js";
import type { Revision } from "../store/revision.js";
import type { Page } from "./connection.js";

/** The revision number an `after` cursor names, or null for the first page; INVALID_CURSOR for anything else. */
export function historyAfter(after: string | null | undefined): number | null {
  if (after == null) return null;
  if (!/^[1-9]\d{0,14}$/.test(after)) throw new GatewayError("INVALID_CURSOR", `"after" must be a history cursor: a revision number, as a previous page's cursors are.`, { after });
  return Number(after);
}

/** One page of revisions, as the item history call answered it. */
export function historyPage(found: { revisions: Revision[]; nextBefore: number | null }, after: number | null): Page<Revision> {
  return { nodes: found.revisions, cursorOf: (r) => String(r.rev), hasNextPage: found.nextBefore !== null, hasPreviousPage: after !== null };
}

/** The item JSON characters of some revisions: what they take of the request's bytes budget (loaders `bounded`). */
export function revisionChars(revisions: readonly (Revision | null)[]): number {
  return revisions.reduce((n, r) => n + (r?.body?.length ?? 0), 0);
}

/** What a read resolves to, or null when it is NOT_FOUND: a nullable field's "no such item (then)". */
export async function nullWhenNotFound<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof GatewayError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}
