/**
 * How deeply JSON nests, checked before a value crosses into a Durable Object:
 * Workers RPC serialises arguments recursively and overflows the stack a few
 * thousand levels down, which surfaced as a 500. Values deeper than
 * LIMITS.maxJsonDepth are refused up front, with the JSON Pointer of the
 * first level too deep.
 */
import { LIMITS } from "../limits.js";
import { pointerOf, walkJson } from "./json-walk.js";

/** The JSON Pointer of the first array or object nested deeper than `max` levels in `value`, or null. */
export function tooDeepAt(value: unknown, max: number = LIMITS.maxJsonDepth): string | null {
  const at = walkJson(value, ({ node, depth }) => depth >= max && node !== null && typeof node === "object");
  return at === null ? null : pointerOf(at);
}
