/** Change events: what subscribers receive, one per write to an actor's items. */
import type { StoredItem } from "./item.js";
export type ChangeOp = "created" | "replaced" | "patched" | "deleted" | "restored";

/** The change kinds as GraphQL enum values, for both schemas' `ChangeOp`. */
export const CHANGE_OP_VALUES = { CREATED: { value: "created" }, REPLACED: { value: "replaced" }, PATCHED: { value: "patched" }, DELETED: { value: "deleted" }, RESTORED: { value: "restored" } } as const satisfies Record<string, { value: ChangeOp }>;

export interface ChangeEvent {
  /** Per actor, strictly increasing; the resume cursor. */
  seq: number;
  op: ChangeOp;
  id: string;
  /** When the change was written, ms since the epoch. */
  ts: number;
  /** The item's revision after the change (for "deleted": the deletion's own revision, one past the last body). */
  rev: number;
  /** The actor config version the item was validated against. */
  schemaVersion: number;
  /** The item's JSON after the change; null for "deleted". */
  body: string | null;
}

/** One NDJSON line. The body travels as a JSON string, so the reader gets back the exact stored text. */
export function encodeChange(e: ChangeEvent): string {
  return JSON.stringify(e) + "\n";
}

/** The item a change leaves behind, in the stored shape; null for a deletion. Creation time comes from the time-ordered id. */
export function changedItem(e: ChangeEvent, createdAt: number): StoredItem | null {
  return e.body === null ? null : { id: e.id, ts: createdAt, updatedTs: e.ts, rev: e.rev, schemaVersion: e.schemaVersion, body: e.body };
}
