/**
 * Validates item bodies against an actor's JSON Schema with
 * json-schema-library, an interpreter: Workers forbid the run-time code
 * generation ajv's compile() needs. It was chosen by measurement over
 * @cfworker/json-schema and @hyperjump/json-schema (docs/json-schema.md): it
 * passes the most of the official suite among the interpreters that keep no
 * state between schemas (hyperjump keeps a registry per isolate, shared by
 * every actor whose object runs there, and fetches unknown URIs) and
 * validates synchronously.
 *
 * What this module adds to the library:
 * - `pattern` and `patternProperties` run on ./pattern-engine.ts (RE2, linear
 *   time) instead of V8's backtracking RegExp;
 * - `format` asserts with the same checks as before the switch (the
 *   @cfworker/json-schema format functions), or is an annotation only when
 *   the actor's config says `format: "annotate"`;
 * - the draft 2020-12 and draft-07 meta-schemas, and the actor's own
 *   `resources`, are known by URL; nothing is ever fetched;
 * - every violation is reported with its instance path (a JSON Pointer into
 *   the item) and the JSON Schema keyword that failed.
 *
 * Each validator compiles its own copies: nothing is shared between actors.
 */
import { format as FORMATS } from "@cfworker/json-schema";
import { compileSchema, draft07, draft2020, extendDraft, type Draft, type JsonError, type SchemaNode } from "json-schema-library";
import { META_SCHEMAS } from "./meta-schemas.js";
import { compilePattern, type PatternMatcher } from "./pattern-engine.js";
import { regexBudget, type RegexBudget } from "./regex-safety.js";
import type { SchemaDraft } from "./schema-draft.js";

export type Violation = {
  /** JSON Pointer into the document, "" for the root. */
  path: string;
  keyword: string;
  message: string;
};

export type FormatMode = "assert" | "annotate";

export interface ValidatorOptions {
  format?: FormatMode;
  /** Schemas that `$ref` may name by absolute URI, besides the meta-schemas. */
  resources?: Record<string, unknown>;
}

/** A pattern the engine refused, found while compiling; only strict construction reports them. */
export interface PatternRefusal {
  /** JSON Pointer into the schema. */
  path: string;
  pattern: string;
  problem: string;
}

type Keyword = Draft["keywords"][number];
/**
 * The library's node as this module uses it: its `pattern` fields hold our
 * matchers (it only ever calls `.test`), and the root carries `schemaErrors`.
 * The one place the library's types are widened.
 */
type Node = Omit<SchemaNode, "pattern" | "patternProperties"> & { pattern?: PatternMatcher; patternProperties?: { name: string; pattern: PatternMatcher }[] };
type Root = SchemaNode & { schemaErrors?: JsonError[] };
type Error_ = { code: string; message: string; data?: { pointer?: unknown; message?: unknown } };

export class DocumentValidator {
  private readonly root: Root;
  private readonly draft: SchemaDraft;
  /** Patterns the linear-time engine and the backtracking analysis both refused (see `compileMatcher`). */
  readonly refusedPatterns: PatternRefusal[] = [];
  /** Problems the library found in the schema itself, such as a `$ref` to a missing `$defs` entry. */
  readonly schemaErrors: { path: string; message: string }[];

  constructor(schema: unknown, draft: SchemaDraft, options: ValidatorOptions = {}) {
    this.draft = draft;
    const budget = regexBudget();
    // The library picks a draft by `$schema`, else the last one: the actor's draft, for its schema and its resources alike.
    const drafts = (draft === "7" ? [draft2020, draft07] : [draft07, draft2020]).map((base) => this.customDraft(base, options.format ?? "assert", budget));
    const own = structuredClone(schema);
    // Remotes live in the root's context, so compile them first into a holder and hand it over.
    const holder = compileSchema(true, { drafts });
    for (const { url, schema: meta } of META_SCHEMAS) holder.addRemoteSchema(url, structuredClone(meta) as never);
    for (const [url, resource] of Object.entries(options.resources ?? {})) holder.addRemoteSchema(url, structuredClone(resource) as never);
    this.root = compileSchema(own as never, { drafts, remote: holder, formatAssertion: true }) as Root;
    this.schemaErrors = ((this.root.schemaErrors ?? []) as Error_[])
      .filter((e) => e.code === "schema-error")
      .map((e) => ({ path: pointerOf(e.data?.pointer), message: String(e.data?.message ?? e.message) }));
  }

  validate(document: unknown): Violation[] {
    let errors: Error_[];
    try {
      errors = this.root.validate(document).errors as Error_[];
    } catch (error) {
      // e.g. a stack overflow on a pathological recursive schema: report it, never crash the write.
      return [{ path: "", keyword: "$ref", message: error instanceof Error ? error.message.split("\n")[0]! : String(error) }];
    }
    return violations(errors, this.draft);
  }

  /** `$ref`s that resolve to nothing, with their schema paths: each would fail every document that reaches it. */
  unresolvedRefs(): { path: string; ref: string }[] {
    const out: { path: string; ref: string }[] = [];
    for (const node of this.root.toSchemaNodes()) {
      const ref = typeof node.schema === "object" && node.schema ? (node.schema as { $ref?: unknown }).$ref : undefined;
      if (typeof ref !== "string") continue;
      let target: unknown;
      try {
        target = node.resolveRef();
      } catch {
        target = undefined;
      }
      // The library answers an unresolvable reference with an error object rather than a node.
      const isNode = typeof target === "object" && target !== null && (target as { type?: unknown }).type !== "error";
      if (!isNode) out.push({ path: `${pointerOf(node.schemaLocation)}/$ref`, ref });
    }
    return out;
  }

  private matcherFor(source: string, at: string, budget: RegexBudget): PatternMatcher {
    const compiled = compilePattern(source, budget);
    if (compiled.ok) return compiled.matcher;
    this.refusedPatterns.push({ path: at, pattern: source, problem: compiled.problem });
    // Never run a refused pattern on V8's backtracking engine. New configs are refused before they get
    // here; a subschema compiled only when a document reaches it (a `$ref` into data) fails that document.
    return {
      test: () => {
        throw new Error(`pattern "${source.slice(0, 80)}" at ${at || "/"} is not run: ${compiled.problem}`);
      },
    };
  }

  /** The base draft with this actor's pattern engine and format mode. */
  private customDraft(base: Draft, format: FormatMode, budget: RegexBudget): Draft {
    const find = (name: string) => base.keywords.find((k) => k.keyword === name)!;
    const patternKeyword = find("pattern");
    const multipleOfKeyword = find("multipleOf");
    const refKeyword = find("$ref");
    const patternPropertiesKeyword = find("patternProperties");
    // The library recompiles subschemas while it validates (to merge `$ref` siblings, `if`/`then`...): compile each pattern once.
    const matchers = new Map<string, PatternMatcher>();
    const compileMatcher = (source: string, at: string): PatternMatcher => {
      const known = matchers.get(source);
      if (known) return known;
      const matcher = this.matcherFor(source, at, budget);
      matchers.set(source, matcher);
      return matcher;
    };
    const pattern: Keyword = {
      ...patternKeyword,
      parse(libraryNode) {
        const node = libraryNode as unknown as Node;
        const source = (node.schema as { pattern?: unknown }).pattern;
        if (typeof source !== "string") return patternKeyword.parse?.(libraryNode);
        try {
          node.pattern = compileMatcher(source, `${pointerOf(node.schemaLocation)}/pattern`);
        } catch (error) {
          return node.createError("schema-error", { pointer: node.schemaLocation, schema: node.schema, value: source, message: (error as Error).message });
        }
      },
    };
    const patternProperties: Keyword = {
      ...patternPropertiesKeyword,
      parse(libraryNode) {
        const node = libraryNode as unknown as Node;
        let result: ReturnType<NonNullable<Keyword["parse"]>>;
        try {
          result = patternPropertiesKeyword.parse?.(libraryNode);
        } catch (error) {
          return node.createError("schema-error", { pointer: node.schemaLocation, schema: node.schema, value: undefined, message: (error as Error).message });
        }
        for (const entry of node.patternProperties ?? []) entry.pattern = compileMatcher(entry.name, `${pointerOf(node.schemaLocation)}/patternProperties/${escapePointer(entry.name)}`);
        return result;
      },
    };
    // The library checks multipleOf in decimal digits, so 19.99 is a multiple of 0.01 but
    // 57.870000000000005 (what 5787 * 0.01 gives in binary floating point) is not. A value whose
    // quotient is an integer up to rounding passes too, as ajv and zod let it.
    const multipleOf: Keyword = {
      ...multipleOfKeyword,
      validate(params) {
        const refused = multipleOfKeyword.validate!(params);
        const divisor = (params.node.schema as { multipleOf?: unknown }).multipleOf;
        if (!refused || typeof params.data !== "number" || typeof divisor !== "number") return refused;
        const quotient = params.data / divisor;
        return Number.isFinite(quotient) && Math.abs(quotient - Math.round(quotient)) <= Math.abs(quotient) * 4 * Number.EPSILON ? undefined : refused;
      },
    };
    // The library compiles a `$ref`'s target anew each time a document reaches it (to merge the
    // referring schema's title and the like into it): most of the time spent on a schema with
    // `$defs`. A plain `$ref` resolves to the same target every time, so each node keeps the first
    // one it compiled. `$dynamicRef` depends on the path taken, and is resolved every time.
    const resolved = new WeakMap<object, unknown>();
    const ref: Keyword = {
      ...refKeyword,
      parse(libraryNode) {
        const result = refKeyword.parse?.(libraryNode);
        const node = libraryNode as unknown as { schema: { $dynamicRef?: unknown }; resolveRef: (args?: { pointer?: string; path?: { pointer?: string; node: unknown }[] }) => unknown };
        const resolve = node.resolveRef;
        if (typeof resolve === "function" && node.schema?.$dynamicRef === undefined) {
          node.resolveRef = function (this: object, args) {
            if (!resolved.has(this)) {
              resolved.set(this, resolve.call(this, args));
              return resolved.get(this);
            }
            const target = resolved.get(this) as { type?: unknown } | undefined;
            // The library records each resolved target in the validation path: do the same.
            if (target && target !== this && target.type !== "error" && args?.path) args.path.push({ pointer: args.pointer, node: target });
            return target;
          };
        }
        return result;
      },
    };
    const draft = extendDraft(base, { keywords: [ref, pattern, patternProperties, multipleOf], errors: MESSAGES });
    if (format === "annotate") draft.keywords = draft.keywords.filter((k) => k.keyword !== "format");
    // The library's draft-07 also knows `deprecated` (a 2019-09 keyword) and refuses a non-boolean one;
    // in draft-07 it is an unknown keyword, to be ignored (tools such as wrangler's schema use it for text).
    if (base === draft07) draft.keywords = draft.keywords.filter((k) => k.keyword !== "deprecated");
    draft.formats = Object.fromEntries(
      Object.entries(FORMATS).map(([name, check]) => [
        name,
        ({ node, data, pointer }: { node: SchemaNode; data: unknown; pointer: string }) =>
          typeof data !== "string" || check(data) ? undefined : node.createError("format-error" as never, { pointer, value: data, schema: node.schema }, `String does not match format "${name}".`),
      ]),
    ) as Draft["formats"];
    return draft;
  }
}

/** The library's messages where they say the wrong thing (an exclusive bound is not a minimum) or misspell it. */
const MESSAGES = {
  "exclusive-maximum-error": "Value in `{{pointer}}` is `{{length}}`, but must be less than `{{maximum}}`",
  "exclusive-minimum-error": "Value in `{{pointer}}` is `{{length}}`, but must be greater than `{{minimum}}`",
  "additional-items-error": "Array at `{{pointer}}` may not have an item at index `{{key}}`: the schema allows no items past its tuple",
  "missing-dependency-error": "The property '{{missingProperty}}' in `{{pointer}}` is required when the properties it depends on are present",
};

/** The library's error codes, by the JSON Schema keyword each one reports. */
const KEYWORDS: Record<string, string> = {
  "additional-items-error": "additionalItems",
  "additional-properties-error": "additionalProperties",
  "no-additional-properties-error": "additionalProperties",
  "all-of-error": "allOf",
  "any-of-error": "anyOf",
  "const-error": "const",
  "contains-error": "contains",
  "contains-any-error": "contains",
  "contains-array-error": "contains",
  "contains-min-error": "minContains",
  "contains-max-error": "maxContains",
  "enum-error": "enum",
  "exclusive-maximum-error": "exclusiveMaximum",
  "exclusive-minimum-error": "exclusiveMinimum",
  "format-error": "format",
  "invalid-property-name-error": "propertyNames",
  "max-items-error": "maxItems",
  "max-length-error": "maxLength",
  "max-properties-error": "maxProperties",
  "maximum-error": "maximum",
  "min-items-error": "minItems",
  "min-items-one-error": "minItems",
  "min-length-error": "minLength",
  "min-length-one-error": "minLength",
  "min-properties-error": "minProperties",
  "minimum-error": "minimum",
  "missing-dependency-error": "dependentRequired",
  "multiple-of-error": "multipleOf",
  "multiple-one-of-error": "oneOf",
  "not-error": "not",
  "one-of-error": "oneOf",
  "pattern-error": "pattern",
  "pattern-properties-error": "patternProperties",
  "ref-error": "$ref",
  "required-property-error": "required",
  "type-error": "type",
  "unevaluated-items-error": "unevaluatedItems",
  "unevaluated-property-error": "unevaluatedProperties",
  "unique-items-error": "uniqueItems",
  "invalid-data-error": "false",
};

function violations(errors: Error_[], draft: SchemaDraft): Violation[] {
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const error of errors) {
    const path = pointerOf(error.data?.pointer);
    let keyword = KEYWORDS[error.code] ?? error.code.replace(/-error$/, "");
    // Draft-07 has one keyword, `dependencies`, for what 2020-12 splits in two.
    if (draft === "7" && (keyword === "dependentRequired" || keyword === "dependentSchemas")) keyword = "dependencies";
    const message = keyword === "false" ? "No value is allowed here (false schema)." : error.message;
    const key = `${path}\u0000${keyword}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, keyword, message });
  }
  return out;
}

/** The library's "#/a/b" pointers as plain JSON Pointers ("/a/b", "" for the root). */
function pointerOf(pointer: unknown): string {
  if (typeof pointer !== "string") return "";
  return pointer.startsWith("#") ? pointer.slice(1) : pointer;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
