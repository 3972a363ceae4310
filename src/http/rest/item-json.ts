/**
 * The Paseo item shape `{ id, ts, schema_version, body }`, assembled around
 * the stored JSON text so a list response never parses item bodies.
 */
import type { StoredItem } from "../../store/item.js";

export function itemJson(item: StoredItem): string {
  return `{"id":${JSON.stringify(item.id)},"ts":${item.ts},"schema_version":${item.schemaVersion},"body":${item.body}}`;
}
