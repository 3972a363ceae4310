/**
 * Static checks on a user's JSON Schema that the meta-schema cannot make:
 * every `$ref` must resolve inside the schema (remote references are never
 * fetched), every regex must compile, and nesting stays bounded.
 */
import { LIMITS } from "../limits.js";

export type SchemaProblem = {
  path: string;
  message: string;
};

export function schemaProblems(schema: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const ids = new Set<string>();
  const anchors = new Set<string>();
  const refs: { ref: string; path: string }[] = [];

  walk(schema, "", 0);
  for (const { ref, path } of refs) {
    if (!resolves(ref)) problems.push({ path, message: `$ref "${ref}" does not resolve inside the schema; remote references are not fetched` });
  }
  return problems;

  function walk(node: unknown, path: string, depth: number): void {
    if (depth > LIMITS.maxSchemaDepth) {
      problems.push({ path, message: `schema nests deeper than ${LIMITS.maxSchemaDepth} levels` });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${path}/${i}`, depth + 1));
      return;
    }
    if (node === null || typeof node !== "object") return;
    const obj = node as Record<string, unknown>;
    if (typeof obj.$id === "string") ids.add(obj.$id.replace(/#$/, ""));
    if (typeof obj.$anchor === "string") anchors.add(obj.$anchor);
    if (typeof obj.$dynamicAnchor === "string") anchors.add(obj.$dynamicAnchor);
    for (const key of ["$ref", "$dynamicRef"] as const) {
      if (typeof obj[key] === "string") refs.push({ ref: obj[key] as string, path: `${path}/${key}` });
    }
    if (typeof obj.pattern === "string") checkRegex(obj.pattern, `${path}/pattern`);
    if (obj.patternProperties && typeof obj.patternProperties === "object") {
      for (const key of Object.keys(obj.patternProperties)) checkRegex(key, `${path}/patternProperties`);
    }
    for (const [key, child] of Object.entries(obj)) {
      // `enum`, `const`, `default` and `examples` hold data, not subschemas.
      if (key === "enum" || key === "const" || key === "default" || key === "examples") continue;
      walk(child, `${path}/${escape(key)}`, depth + 1);
    }
  }

  function checkRegex(source: string, path: string): void {
    try {
      new RegExp(source, "u");
    } catch (error) {
      problems.push({ path, message: `invalid regular expression: ${(error as Error).message}` });
    }
  }

  function resolves(ref: string): boolean {
    const hash = ref.indexOf("#");
    const base = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? "" : ref.slice(hash + 1);
    if (base !== "" && ![...ids].some((id) => id === base || id.endsWith("/" + base) || base.endsWith(id))) return false;
    if (fragment === "") return true;
    if (!fragment.startsWith("/")) return anchors.has(decodeURIComponent(fragment));
    // Pointers are checked against the root when the ref is local; pointers into an embedded $id resource are accepted.
    return base !== "" || pointerResolves(schema, fragment);
  }
}

function pointerResolves(root: unknown, pointer: string): boolean {
  let node = root;
  for (const raw of pointer.split("/").slice(1)) {
    const token = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, token)) return false;
    node = (node as Record<string, unknown>)[token];
  }
  return true;
}

function escape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
