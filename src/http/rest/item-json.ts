/**
 * The Paseo item shape `{ id, ts, schema_version, body }`, plus its `rev`,
 * assembled around the stored JSON text so a list response never parses item
 * bodies; and a revision's shape in an item's history.
 */
import type { StoredItem } from "../../store/item.js";
import type { Revision } from "../../store/revision.js";

export function itemJson(item: StoredItem): string {
  return `{"id":${JSON.stringify(item.id)},"ts":${item.ts},"rev":${item.rev},"schema_version":${item.schemaVersion},"body":${item.body}}`;
}

/** `{ rev, ts, op, body, by }`: `body` null for a deletion, `by` null when not recorded. */
export function revisionJson(revision: Revision): string {
  return `{"rev":${revision.rev},"ts":${revision.ts},"op":${JSON.stringify(revision.op)},"body":${revision.body ?? "null"},"by":${JSON.stringify(revision.by)}}`;
}
