/**
 * The rules an item body's values follow before it is validated and stored,
 * so that what is stored reads back exactly as it was written (the I-JSON
 * profile, RFC 7493, which JSON Schema's data model assumes):
 *
 * - numbers are finite: `1e400` parses to Infinity, which JSON cannot write
 *   back (it would be stored as `null`); it is refused;
 * - `-0` is stored as `0` (JSON.stringify writes it so; indexes follow).
 *
 * Lone surrogates (`"\ud800"`) are kept: JSON can carry them, and the stored
 * text writes them back as the same `\uXXXX` escapes.
 *
 * Repeated property names and integer literals past ±(2^53 − 1) can only be
 * seen in the JSON text, so they are refused where REST reads it
 * (http/json-text.ts): once parsed, the value has already changed.
 */

import { pointerOf, walkJson } from "./json-walk.js";

export interface ValueProblem {
  /** JSON Pointer of the offending value. */
  path: string;
  message: string;
}

/** The first value that breaks a rule above, or null; turns every `-0` into `0` in place. */
export function itemValueProblem(value: unknown): ValueProblem | null {
  const at = walkJson(value, (entry) => {
    const { node, parent, key } = entry;
    if (typeof node !== "number") return false;
    if (!Number.isFinite(node)) return true;
    if (Object.is(node, -0) && parent) (parent.node as Record<string, unknown>)[key] = 0;
    return false;
  });
  if (at === null) return null;
  const n = at.node as number;
  return { path: pointerOf(at), message: `the number is too large to store (${n > 0 ? "" : "-"}Infinity after parsing); JSON numbers must be finite` };
}
