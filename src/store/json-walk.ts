/**
 * One iterative walk over a JSON value, for the checks that must visit every
 * value of a request body (./json-depth.ts, ./json-value.ts). Iterative, so a
 * deep document cannot overflow the stack; the JSON Pointer of a value is
 * built only when asked for, from the parent links.
 */

export interface JsonEntry {
  node: unknown;
  /** 0 for the root. */
  depth: number;
  parent: JsonEntry | null;
  /** The name or index under which the parent holds this value ("" for the root). */
  key: string;
}

/** Calls `visit` on every value, parents before children; stops when it returns true. Returns the entry it stopped at, or null. */
export function walkJson(value: unknown, visit: (entry: JsonEntry) => boolean | void): JsonEntry | null {
  const stack: JsonEntry[] = [{ node: value, depth: 0, parent: null, key: "" }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (visit(entry)) return entry;
    const { node, depth } = entry;
    if (node === null || typeof node !== "object") continue;
    if (Array.isArray(node)) node.forEach((child, i) => stack.push({ node: child, depth: depth + 1, parent: entry, key: String(i) }));
    else for (const [key, child] of Object.entries(node)) stack.push({ node: child, depth: depth + 1, parent: entry, key });
  }
  return null;
}

/** The JSON Pointer of an entry ("" for the root). */
export function pointerOf(entry: JsonEntry): string {
  const keys: string[] = [];
  for (let e: JsonEntry | null = entry; e?.parent; e = e.parent) keys.unshift(e.key.replace(/~/g, "~0").replace(/\//g, "~1"));
  return keys.map((k) => `/${k}`).join("");
}
