/**
 * Test helpers that speak a typed pod schema from the client side, using the
 * same mapping the gateway builds (src/typed/map-schema.ts): a JSON document
 * to GraphQL input, a selection set for a type, and a GraphQL result back to
 * the JSON document.
 */
import type { Shape } from "../src/typed/shape.js";

const MAX_DEPTH = 8;

/** A JSON document as the typed mutation's input: GraphQL field names, enum names, undeclared keys under `_extra`. */
export function toInput(shape: Shape, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (shape.kind === "list") return Array.isArray(value) ? value.map((v) => toInput(shape.of, v)) : value;
  if (shape.kind === "enum") return shape.def.values.find((v) => v.value === value)?.name ?? value;
  if (shape.kind !== "object" || typeof value !== "object" || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = shape.def.fields.find((f) => f.key === key);
    if (field) out[field.name] = toInput(field.shape, v);
    else extra[key] = v;
  }
  if (Object.keys(extra).length) out._extra = extra;
  return out;
}

/** A selection set that reads every field of the shape, `depth` levels deep. */
export function selection(shape: Shape, depth = 0): string {
  if (depth > MAX_DEPTH) return "";
  if (shape.kind === "list") return selection(shape.of, depth);
  if (shape.kind === "union") {
    return `{ __typename ${shape.def.members.map((m) => `... on ${m.def.name} ${selection({ kind: "object", def: m.def }, depth + 1)}`).join(" ")} }`;
  }
  if (shape.kind !== "object") return "";
  const fields = shape.def.fields.flatMap((f) => {
    const leaf = inner(f.shape).kind !== "object" && inner(f.shape).kind !== "union";
    const sub = selection(f.shape, depth + 1);
    return leaf || sub ? [`${f.name} ${sub}`] : []; // past the depth limit, composite fields are left out
  });
  if (shape.def.open) fields.push("_extra");
  return `{ ${fields.join(" ")} }`;
}

/** A GraphQL result back to the stored JSON: property keys, enum values, `_extra` merged; nulls dropped. */
export function fromOutput(shape: Shape, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (shape.kind === "list") return Array.isArray(value) ? value.map((v) => fromOutput(shape.of, v) ?? null) : value;
  if (shape.kind === "enum") return shape.def.values.find((v) => v.name === value)?.value ?? value;
  if (shape.kind === "union") {
    const typename = (value as { __typename: string }).__typename;
    const member = shape.def.members.find((m) => m.def.name === typename);
    const { __typename: _, ...rest } = value as Record<string, unknown>;
    return member ? fromOutput({ kind: "object", def: member.def }, rest) : rest;
  }
  if (shape.kind !== "object" || typeof value !== "object" || Array.isArray(value)) return value;
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of shape.def.fields) {
    const v = fromOutput(field.shape, input[field.name]);
    if (v !== undefined) out[field.key] = v;
  }
  if (input._extra && typeof input._extra === "object") Object.assign(out, input._extra);
  return out;
}

/** The document with every null-valued object key removed (GraphQL reads a missing key as null). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === null ? null : withoutNulls(v)));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

function inner(shape: Shape): Shape {
  return shape.kind === "list" ? inner(shape.of) : shape;
}
