/**
 * Reading JSON Schema nodes for ./map-schema.ts: local `$ref`s (JSON
 * Pointers and anchors), type lists, consts and the checks a mapping asks of
 * a node. A schema is untyped JSON, so nodes are narrowed with guards, never
 * cast; a node that is not what the mapping expects reads as absent.
 */
import type { Shape } from "./shape.js";
import { isJsonObject, type JsonObject } from "./values.js";

/** A JSON Schema object (boolean schemas and everything else are not nodes). */
export type Node = JsonObject;
export const isNode = isJsonObject;

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** The node a local `$ref` names in `root`: `#`, a JSON Pointer `#/...`, or an anchor `#name`; null for anything else. */
export function resolveRef(root: Node, ref: string): Node | null {
  if (ref === "#") return root;
  if (ref.startsWith("#/")) {
    let node: unknown = root;
    for (const raw of ref.slice(2).split("/")) {
      const token = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      if (!node || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, token)) return null;
      node = Reflect.get(node, token);
    }
    return isNode(node) ? node : null;
  }
  if (ref.startsWith("#")) return findAnchor(root, ref.slice(1), 0);
  return null;
}

/** `node`, or what its `$ref` chain leads to (at most 16 steps). */
export function deref(root: Node, node: unknown): Node | null {
  let current = node;
  for (let i = 0; i < 16 && isNode(current) && typeof current.$ref === "string"; i++) current = resolveRef(root, current.$ref);
  return isNode(current) ? current : null;
}

function findAnchor(node: unknown, anchor: string, depth: number): Node | null {
  if (!node || typeof node !== "object" || depth > 64) return null;
  if (isNode(node) && (node.$anchor === anchor || node.$dynamicAnchor === anchor)) return node;
  for (const child of Object.values(node)) {
    const found = findAnchor(child, anchor, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The last segment of a `$ref`, to name its type after: `#/$defs/person` → `person`. */
export function refLabel(ref: string): string {
  const tail = ref.slice(ref.lastIndexOf("/") + 1).replace(/^#/, "");
  return decodeURIComponent(tail) || "Ref";
}

/** `type` as a list: `"string"` → `["string"]`; null when absent or malformed. */
export function typeList(type: unknown): string[] | null {
  if (typeof type === "string") return [type];
  if (Array.isArray(type) && type.every((t): t is string => typeof t === "string")) return type;
  return null;
}

/** The strings of a list (`required`); empty for anything else. */
export function stringsOf(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === "string") : [];
}

/** A node's `properties`; empty when it has none. */
export function propertiesOf(n: Node): Node {
  return isNode(n.properties) ? n.properties : {};
}

/** Whether `minimum`/`maximum` (or their exclusive forms) keep an integer inside 32 bits. */
export function fitsInt32(n: Node): boolean {
  const low = typeof n.minimum === "number" ? n.minimum : typeof n.exclusiveMinimum === "number" ? n.exclusiveMinimum : -Infinity;
  const high = typeof n.maximum === "number" ? n.maximum : typeof n.exclusiveMaximum === "number" ? n.exclusiveMaximum : Infinity;
  return low >= INT32.min && high <= INT32.max;
}

export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= INT32.min && value <= INT32.max;
}

/** The scalar shape of a `const`. */
export function constShape(value: unknown): Shape {
  if (typeof value === "string") return { kind: "scalar", scalar: "String" };
  if (typeof value === "boolean") return { kind: "scalar", scalar: "Boolean" };
  if (typeof value === "number") return { kind: "scalar", scalar: isInt32(value) ? "Int" : "Float" };
  return { kind: "json" };
}

/** The one string a node allows (`const`, or an `enum` of one); null otherwise. */
export function constOf(node: unknown): string | null {
  if (!isNode(node)) return null;
  if (typeof node.const === "string") return node.const;
  if (Array.isArray(node.enum) && node.enum.length === 1 && typeof node.enum[0] === "string") return node.enum[0];
  return null;
}

/** A required property whose `const` differs in every member. */
export function findDiscriminator(members: Node[]): string | null {
  const first = members[0]!;
  for (const key of Object.keys(propertiesOf(first))) {
    const values = members.map((m) => constOf(propertiesOf(m)[key]));
    const required = members.every((m) => stringsOf(m.required).includes(key));
    if (required && values.every((v) => v !== null) && new Set(values).size === values.length) return key;
  }
  return null;
}

/** `title` and `description`, joined, as a GraphQL description. */
export function describe(n: Node): string | undefined {
  const parts = [n.title, n.description].filter((p): p is string => typeof p === "string" && p.trim() !== "");
  return parts.length ? parts.join(": ") : undefined;
}
