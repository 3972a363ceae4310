/**
 * What the typed resolvers hold at run time: items with their parsed
 * documents, and plain JSON read from them. GraphQL types are chosen from the
 * schema, but the values are only ever JSON, so they are checked with the
 * guards here rather than cast.
 */
import type { StoredItem } from "../store/item.js";

export type JsonObject = Record<string, unknown>;

/** An item as the item types resolve it: the stored record and its parsed document. */
export interface TypedItem {
  item: StoredItem;
  doc: unknown;
}

export function toTypedItem(item: StoredItem): TypedItem {
  const doc: unknown = JSON.parse(item.body);
  return { item, doc };
}

/** A JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The own property `key` of a JSON object; null for anything else (a stored value that is not an object, a missing key). */
export function readKey(source: unknown, key: string): unknown {
  if (!isJsonObject(source)) return null;
  return Object.prototype.hasOwnProperty.call(source, key) ? source[key] : null;
}
