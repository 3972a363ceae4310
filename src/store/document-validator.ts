/**
 * Validates item bodies against an actor's JSON Schema with
 * @cfworker/json-schema, an interpreter: Workers forbid the run-time code
 * generation ajv's compile() needs. Reports every violation with its instance
 * path (a JSON Pointer into the item) and the keyword that failed.
 */
import { Validator, type OutputUnit, type Schema } from "@cfworker/json-schema";
import { META_SCHEMAS } from "./meta-schemas.js";
import type { SchemaDraft } from "./schema-draft.js";

export type Violation = {
  /** JSON Pointer into the document, "" for the root. */
  path: string;
  keyword: string;
  message: string;
};

/** Keywords that apply a subschema to a child value, most specific first: the owner of a `false` subschema error. */
const FALSE_OWNERS = ["additionalProperties", "unevaluatedProperties", "additionalItems", "unevaluatedItems", "items", "prefixItems", "patternProperties", "properties", "propertyNames", "contains"];

/** Keywords whose errors only say "something below failed". */
const WRAPPERS = new Set(["properties", "items", "prefixItems", "$ref", "$dynamicRef", "$recursiveRef", "allOf", "dependentSchemas", "then", "else", "contains", "unevaluatedItems", "unevaluatedProperties", "additionalProperties", "additionalItems", "patternProperties", "propertyNames"]);

export class DocumentValidator {
  private readonly validator: Validator;

  /** `known` preloads schemas that `$ref`s may name by URL; nothing is ever fetched. */
  constructor(schema: unknown, draft: SchemaDraft, known: { url: string; schema: unknown }[] = []) {
    this.validator = new Validator(schema as Schema | boolean, draft, false);
    for (const { url, schema: extra } of [...META_SCHEMAS, ...known]) this.validator.addSchema(extra as Schema, url);
  }

  validate(document: unknown): Violation[] {
    let units: OutputUnit[];
    try {
      const result = this.validator.validate(document);
      if (result.valid) return [];
      units = result.errors;
    } catch (error) {
      // The interpreter throws on a reference it cannot resolve; report it as a violation, not a crash.
      return [{ path: "", keyword: "$ref", message: error instanceof Error ? error.message.split("\n")[0]! : String(error) }];
    }
    return leafViolations(units);
  }
}

/**
 * Keeps the errors that name a cause. A wrapper error ("property x does not
 * match") is dropped when a more specific error explains it; a `false`
 * subschema error is reported under the keyword that applied it, e.g. a
 * property refused by `additionalProperties: false`.
 */
function leafViolations(units: OutputUnit[]): Violation[] {
  const pointer = (u: OutputUnit) => u.instanceLocation.replace(/^#/, "");
  const explained = (unit: OutputUnit) =>
    units.some(
      (other) =>
        other !== unit &&
        (other.keywordLocation.startsWith(unit.keywordLocation + "/") ||
          (other.keyword === "false" && pointer(other).startsWith(pointer(unit) + "/"))),
    );
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const unit of units) {
    const path = pointer(unit);
    let violation: Violation;
    if (unit.keyword === "false") {
      const parent = path.slice(0, path.lastIndexOf("/"));
      const owner = FALSE_OWNERS.map((k) => units.find((u) => u.keyword === k && pointer(u) === parent)).find((u) => u !== undefined);
      violation = { path, keyword: owner?.keyword ?? "false", message: owner ? `Value is not allowed by ${owner.keyword}.` : "No value is allowed here (false schema)." };
    } else if (WRAPPERS.has(unit.keyword) && explained(unit)) {
      continue;
    } else {
      violation = { path, keyword: unit.keyword, message: unit.error };
    }
    const key = `${violation.path}\u0000${violation.keyword}\u0000${violation.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(violation);
    }
  }
  return out;
}
