/**
 * Item revisions: every write makes one (a deletion too, without a body), so
 * an item's history is the list of its revisions, numbered 1, 2, 3, ... in
 * the order they were written. Shapes that cross RPC; see objects/item-history.ts.
 */
import { GatewayError } from "../errors/gateway-error.js";
import type { ChangeOp } from "./change.js";
import { decodeTime } from "./item-id.js";
import type { StoredItem } from "./item.js";

/**
 * Who made a revision. Never a secret: a pod key by its id and label, the gateway's admin key,
 * or the actor's retention (LOCAL_OPEN_ACCESS counts as the admin).
 */
export type Author = { kind: "admin" } | { kind: "key"; keyId: string; label: string | null } | { kind: "retention" };

export interface Revision {
  id: string;
  rev: number;
  /** When this revision was written, ms since the epoch. */
  ts: number;
  op: ChangeOp;
  /** Null for revisions written before authors were recorded. */
  by: Author | null;
  schemaVersion: number;
  /** The item's JSON text at this revision; null for a deletion. */
  body: string | null;
}

/** What a write may require of the item it changes: the revision it was read at (`If-Match`, `ifRev`). */
export interface WriteOptions {
  by?: Author | null;
  ifRev?: number | null;
}

/** Which revision of an item to read: a number, n revisions before the latest, or the one current at a time (ms). */
export type RevisionSelector = { rev: number } | { back: number } | { at: number };

/** CONFLICT for a write whose `ifRev` is not the item's revision; `current` is the item as it now is (null once deleted), its body parsed. */
export function staleRevision(id: string, expected: number, current: StoredItem | null): GatewayError {
  const shown = current && { id: current.id, rev: current.rev, ts: current.ts, updatedTs: current.updatedTs, schemaVersion: current.schemaVersion, body: JSON.parse(current.body) as unknown };
  return new GatewayError("CONFLICT", `Item "${id}" is no longer at revision ${expected}: read it again and retry with its current revision.`, { reason: "stale_revision", id, expectedRev: expected, current: shown });
}

/** Checks a client's revision number (`ifRev`, `If-Match`, `@v`, `restore`). */
export function checkRev(value: unknown, argument: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new GatewayError("BAD_USER_INPUT", `"${argument}" must be a revision number: a whole number from 1.`, { argument });
  }
  return value;
}

/** Reads a time given as an ISO 8601 date-time or as ms since the epoch (`?at=`, `asOf`). */
export function parseInstant(value: string | number, argument: string): number {
  const ms = typeof value === "number" ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isSafeInteger(ms) || ms < 0 || (typeof value === "string" && !/^\d+$/.test(value) && !/^\d{4}-\d{2}-\d{2}(T|$)/.test(value))) {
    throw new GatewayError("BAD_USER_INPUT", `"${argument}" must be an ISO 8601 date-time or ms since the epoch.`, { argument, value });
  }
  return ms;
}

/** A revision as the item it was then (null for a deletion); its creation time is its id's. */
export function revisionItem(revision: Revision): StoredItem | null {
  if (revision.body === null) return null;
  return { id: revision.id, ts: decodeTime(revision.id), updatedTs: revision.ts, rev: revision.rev, schemaVersion: revision.schemaVersion, body: revision.body };
}
