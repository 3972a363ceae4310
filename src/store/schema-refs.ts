/**
 * Static checks on a user's JSON Schema that the meta-schema cannot make:
 * nesting stays bounded, every regex compiles and runs in linear time, or at
 * least cannot backtrack catastrophically (./pattern-engine.ts), and
 * references cannot make validation recurse for ever or multiply its work
 * (./schema-graph.ts). Whether each `$ref` resolves is the validator's own
 * answer (DocumentValidator.unresolvedRefs), so the two can never disagree.
 */
import { LIMITS } from "../limits.js";
import { compilePattern } from "./pattern-engine.js";
import { regexBudget } from "./regex-safety.js";
import { schemaGraphProblems, type SchemaProblem } from "./schema-graph.js";


/** Nesting and patterns, and, with `graph` (the default), the reference graph of this schema alone. */
export function schemaProblems(schema: unknown, { graph = true }: { graph?: boolean } = {}): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const budget = regexBudget();

  walk(schema, "", 0);
  // Cycles and amplification need nesting bounded first.
  if (graph && problems.length === 0) problems.push(...schemaGraphProblems(schema));
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
    const compiled = compilePattern(source, budget);
    const problem = compiled.ok ? null : compiled.problem;
    if (problem) problems.push({ path, message: `pattern "${source.length > 80 ? `${source.slice(0, 80)}...` : source}" refused: ${problem}` });
  }
}

function escape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
