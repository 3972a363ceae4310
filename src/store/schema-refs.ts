/**
 * Static checks on a user's JSON Schema that the meta-schema cannot make:
 * every `$ref` must resolve inside the schema (remote references are never
 * fetched), nesting stays bounded, every regex compiles and cannot backtrack
 * catastrophically (./regex-safety.ts), and references cannot make validation
 * recurse for ever or multiply its work (./schema-graph.ts).
 */
import { LIMITS } from "../limits.js";
import { regexBudget, regexProblem } from "./regex-safety.js";
import { schemaGraphProblems } from "./schema-graph.js";

export type SchemaProblem = {
  path: string;
  message: string;
};

export function schemaProblems(schema: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const ids = new Set<string>();
  const anchors = new Set<string>();
  const refs: { ref: string; path: string }[] = [];
  const budget = regexBudget();

  walk(schema, "", 0);
  for (const { ref, path } of refs) {
    if (!resolves(ref)) problems.push({ path, message: `$ref "${ref}" does not resolve inside the schema; remote references are not fetched` });
  }
  // Cycles and amplification need every reference resolved and nesting bounded first.
  if (problems.length === 0) problems.push(...schemaGraphProblems(schema));
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
    // Any object's `pattern` / `patternProperties`, wherever it sits ($defs, propertyNames, unknown keywords a $ref may reach).
    if (typeof obj.pattern === "string") checkRegex(obj.pattern, `${path}/pattern`);
    if (obj.patternProperties && typeof obj.patternProperties === "object") {
      for (const key of Object.keys(obj.patternProperties)) checkRegex(key, `${path}/patternProperties/${escape(key)}`);
    }
    for (const [key, child] of Object.entries(obj)) {
      // `enum`, `const`, `default` and `examples` hold data, not subschemas.
      if (key === "enum" || key === "const" || key === "default" || key === "examples") continue;
      walk(child, `${path}/${escape(key)}`, depth + 1);
    }
  }

  function checkRegex(source: string, path: string): void {
    const problem = regexProblem(source, budget);
    if (problem) problems.push({ path, message: `pattern "${source.length > 80 ? `${source.slice(0, 80)}...` : source}" refused: ${problem}` });
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
