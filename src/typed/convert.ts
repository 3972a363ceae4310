/**
 * Turns typed GraphQL input back into the stored JSON: GraphQL field names
 * back to property keys, `_extra` keys merged in. Enum values arrive already
 * mapped to the stored strings by graphql-js. In patch mode a null stays null,
 * which JSON Merge Patch reads as "remove".
 */
import type { Shape } from "./shape.js";
import { isJsonObject } from "./values.js";

/** The stored JSON for a typed input. Its depth is checked where every write is, in domain/items.ts. */
export function toDocument(shape: Shape, value: unknown, mode: "input" | "patch"): unknown {
  return convert(shape, value, mode);
}

function convert(shape: Shape, value: unknown, mode: "input" | "patch"): unknown {
  if (value === null || value === undefined) return value;
  if (shape.kind === "list") return Array.isArray(value) ? value.map((v) => convert(shape.of, v, mode)) : value;
  if (shape.kind !== "object" || !isJsonObject(value)) return value;
  const input = value;
  const out: Record<string, unknown> = {};
  const extra = input._extra;
  if (shape.def.open && extra && typeof extra === "object" && !Array.isArray(extra)) {
    for (const [key, v] of Object.entries(extra)) Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  }
  for (const field of shape.def.fields) {
    if (!(field.name in input)) continue;
    Object.defineProperty(out, field.key, { value: convert(field.shape, input[field.name], mode), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The keys of `value` not declared by the object shape, or null when there are none. */
export function extraKeys(shape: Shape, value: unknown): Record<string, unknown> | null {
  if (shape.kind !== "object" || !value || typeof value !== "object" || Array.isArray(value)) return null;
  const declared = new Set(shape.def.fields.map((f) => f.key));
  const extra = Object.entries(value).filter(([key]) => !declared.has(key));
  return extra.length ? Object.fromEntries(extra) : null;
}
