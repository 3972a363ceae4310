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

export interface ValueProblem {
  /** JSON Pointer of the offending value. */
  path: string;
  message: string;
}

/**
 * The first value that breaks a rule above, or null; turns every `-0` into
 * `0` in place. Iterative, so deep documents cannot overflow it.
 */
export function itemValueProblem(value: unknown): ValueProblem | null {
  const stack: { node: unknown; path: string; set: ((v: unknown) => void) | null }[] = [{ node: value, path: "", set: null }];
  while (stack.length > 0) {
    const { node, path, set } = stack.pop()!;
    switch (typeof node) {
      case "number":
        if (!Number.isFinite(node)) return { path, message: `the number is too large to store (${node > 0 ? "" : "-"}Infinity after parsing); JSON numbers must be finite` };
        if (Object.is(node, -0)) set?.(0);
        break;
      case "object":
        if (node === null) break;
        if (Array.isArray(node)) {
          node.forEach((child, i) => stack.push({ node: child, path: `${path}/${i}`, set: (v) => (node[i] = v) }));
        } else {
          const record = node as Record<string, unknown>;
          for (const key of Object.keys(record)) {
            const at = `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
            stack.push({ node: record[key], path: at, set: (v) => (record[key] = v) });
          }
        }
        break;
    }
  }
  return null;
}
