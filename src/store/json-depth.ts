/**
 * How deeply JSON nests, checked before a value crosses into a Durable Object:
 * Workers RPC serialises arguments recursively and overflows the stack a few
 * thousand levels down, which surfaced as a 500. Values deeper than
 * LIMITS.maxJsonDepth are refused up front, with the JSON Pointer of the
 * first level too deep.
 */
import { LIMITS } from "../limits.js";

/** The JSON Pointer of the first array or object nested deeper than `max` levels in `value`, or null. Iterative, so it never overflows itself. */
export function tooDeepAt(value: unknown, max: number = LIMITS.maxJsonDepth): string | null {
  type Entry = { node: unknown; depth: number; parent: Entry | null; key: string };
  const stack: Entry[] = [{ node: value, depth: 0, parent: null, key: "" }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { node, depth } = entry;
    if (node === null || typeof node !== "object") continue;
    if (depth >= max) return pointer(entry);
    const children: [string, unknown][] = Array.isArray(node) ? node.map((v, i) => [String(i), v]) : Object.entries(node);
    for (const [key, child] of children) if (child !== null && typeof child === "object") stack.push({ node: child, depth: depth + 1, parent: entry, key });
  }
  return null;
}

function pointer(entry: { parent: { parent: unknown; key: string } | null; key: string }): string {
  const keys: string[] = [];
  for (let e: typeof entry | null = entry; e?.parent; e = e.parent as typeof entry) keys.unshift(e.key.replace(/~/g, "~0").replace(/\//g, "~1"));
  return keys.map((k) => `/${k}`).join("");
}
