/**
 * Index paths are dotted property paths into an item body (`metadata.type`).
 * They name rows in the index table and are never spliced into SQL.
 */
import { LIMITS } from "../limits.js";

const SEGMENT = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Returns why `path` is not a well-formed index path, or null when it is. */
export function indexPathProblem(path: unknown): string | null {
  if (typeof path !== "string") return "must be a string";
  if (path.length === 0) return "must not be empty";
  if (path.length > LIMITS.maxIndexPathLength) return `must be at most ${LIMITS.maxIndexPathLength} characters`;
  const segments = path.split(".");
  if (segments.length > LIMITS.maxIndexPathDepth) return `must be at most ${LIMITS.maxIndexPathDepth} segments deep`;
  const bad = segments.find((s) => !SEGMENT.test(s));
  if (bad !== undefined) {
    return `segment "${bad}" must start with a letter, "_" or "$" and contain only letters, digits, "_", "$" and "-"`;
  }
  return null;
}

/** An SQLite-storable scalar: what the index table holds for one path. */
export type IndexValue = string | number | null;

/**
 * The index values of `body` at `path`: one for a scalar, one per scalar
 * element for an array, none when the path is missing or holds an object.
 * Booleans are stored as 1/0, matching SQLite's own convention.
 */
export function indexValues(body: unknown, path: string): IndexValue[] {
  let node: unknown = body;
  for (const segment of path.split(".")) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return [];
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return [];
    node = (node as Record<string, unknown>)[segment];
  }
  if (Array.isArray(node)) return node.flatMap((v) => (isScalar(v) ? [toIndexValue(v)] : []));
  return isScalar(node) ? [toIndexValue(node)] : [];
}

function isScalar(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/**
 * A lone UTF-16 surrogate cannot be stored as UTF-8: SQLite keeps some bytes
 * and reads them back as U+FFFD, so a cursor made from what it read would
 * never equal the stored key again. Index values take U+FFFD from the start.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function toIndexValue(v: string | number | boolean | null): IndexValue {
  if (typeof v === "string") return v.replace(LONE_SURROGATE, "\uFFFD");
  return typeof v === "boolean" ? (v ? 1 : 0) : v;
}

/**
 * Values a REST query-string filter (`k_path=value`) may mean. Query strings
 * carry no types, so "42" matches the string "42" and the number 42, "true"
 * matches the string and the boolean, and "null" matches the string and null.
 */
export function queryStringCandidates(raw: string): IndexValue[] {
  const out: IndexValue[] = [raw];
  if (raw.trim() !== "" && Number.isFinite(Number(raw))) out.push(Number(raw));
  if (raw === "true") out.push(1);
  if (raw === "false") out.push(0);
  if (raw === "null") out.push(null);
  return out;
}
