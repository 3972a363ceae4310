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
import { LIMITS } from "../limits.js";
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
  /**
   * Steps the backtracking analysis may take for all the schema's patterns (regex-safety.ts). A config
   * being set gets the default; a stored one, whose patterns were accepted already, gets more, so a cold
   * start (no verdicts remembered) never refuses what a warm one accepted.
   */
  patternBudget?: number;
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
type Node = Omit<SchemaNode, "pattern" | "patternProperties"> & { pattern?: PatternMatcher; patternProperties?: { name: string; pattern: PatternMatcher; node: SchemaNode }[] };
type Root = SchemaNode & { schemaErrors?: JsonError[] };
type Error_ = { code: string; message: string; data?: { pointer?: unknown; message?: unknown } };

export class DocumentValidator {
  private readonly root: Root;
  private readonly draft: SchemaDraft;
  private readonly resourceUrls: string[];
  /** Patterns the linear-time engine and the backtracking analysis both refused (see `compileMatcher`). */
  readonly refusedPatterns: PatternRefusal[] = [];
  /** Problems the library found in the schema itself, such as a `$ref` to a missing `$defs` entry. */
  readonly schemaErrors: { path: string; message: string }[];

  constructor(schema: unknown, draft: SchemaDraft, options: ValidatorOptions = {}) {
    this.draft = draft;
    this.resourceUrls = Object.keys(options.resources ?? {});
    const budget = regexBudget(options.patternBudget);
    // The library picks a draft by `$schema`, else the last one: the actor's draft, for its schema and its resources alike.
    const drafts = (draft === "7" ? [draft2020, draft07] : [draft07, draft2020]).map((base) => this.customDraft(base, options.format ?? "assert", budget));
    // Objects without a prototype: the library looks properties up by name (`properties[key]`), and a
    // document property named "constructor" or "toString" would otherwise find Object.prototype's.
    const own = prototypeFree(schema);
    // Remotes live in the root's context, so compile them first into a holder and hand it over.
    const holder = compileSchema(true, { drafts });
    for (const { url, schema: meta } of META_SCHEMAS) holder.addRemoteSchema(url, structuredClone(meta) as never);
    for (const [url, resource] of Object.entries(options.resources ?? {})) holder.addRemoteSchema(url, prototypeFree(resource) as never);
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
  unresolvedRefs(resources: string[] = this.resourceUrls): { path: string; ref: string }[] {
    const out: { path: string; ref: string }[] = [];
    // The schema's own nodes, and those of its resources (paths there start at the resource's key).
    const remotes = (this.root.context as unknown as { remotes: Record<string, SchemaNode> }).remotes;
    const resourceNodes = resources.flatMap((url) => {
      const remote = remotes[url.replace(/#$/, "")];
      return remote ? remote.toSchemaNodes().map((node) => [node, `/../resources/${escapePointer(url)}`] as const) : [];
    });
    for (const [node, prefix] of [...this.root.toSchemaNodes().map((n) => [n, ""] as const), ...resourceNodes]) {
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
      if (!isNode) out.push({ path: `${prefix}${pointerOf(node.schemaLocation)}/$ref`, ref });
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
    const uniqueItemsKeyword = find("uniqueItems");
    // The library compares every pair and scans its list of duplicates for each (O(n³) on 3,000 zeros);
    // a canonical text per item in a map finds the same duplicates in one pass.
    const uniqueItems: Keyword = {
      ...uniqueItemsKeyword,
      validate({ node, data, pointer }) {
        if (!Array.isArray(data) || (node.schema as { uniqueItems?: unknown }).uniqueItems !== true) return undefined;
        const first = new Map<string, number>();
        const errors: unknown[] = [];
        data.forEach((item, i) => {
          const key = canonical(item);
          const earlier = first.get(key);
          if (earlier === undefined) first.set(key, i);
          else errors.push(node.createError("unique-items-error", { pointer: `${pointer}/${i}`, duplicatePointer: `${pointer}/${earlier}`, arrayPointer: pointer, value: item, schema: node.schema }));
        });
        return errors as ReturnType<NonNullable<Keyword["validate"]>>;
      },
    };
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
      // The library's own falls back to `{}` when there are no `properties`, where "constructor" is found.
      validate({ node: libraryNode, data, pointer, path }) {
        if (data === null || typeof data !== "object" || Array.isArray(data)) return undefined;
        const node = libraryNode as unknown as Node;
        const schema = node.schema as { properties?: Record<string, unknown>; additionalProperties?: unknown };
        const errors: unknown[] = [];
        for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
          const matching = (node.patternProperties ?? []).filter((p) => p.pattern.test(key));
          for (const p of matching) errors.push(...p.node.validate(value, `${pointer}/${key}`, path).errors);
          if (schema.properties && Object.prototype.hasOwnProperty.call(schema.properties, key)) continue;
          if (matching.length === 0 && schema.additionalProperties === false) {
            errors.push(libraryNode.createError("no-additional-properties-error", { key, pointer: `${pointer}/${key}`, schema: libraryNode.schema, value }));
          }
        }
        return errors as ReturnType<NonNullable<Keyword["validate"]>>;
      },
    };
    // The library checks multipleOf in decimal digits, so 19.99 is a multiple of 0.01 but
    // 57.870000000000005 (what 5787 * 0.01 gives in binary floating point) is not. A value whose
    // quotient is an integer up to binary rounding passes too.
    const multipleOf: Keyword = {
      ...multipleOfKeyword,
      validate(params) {
        const refused = multipleOfKeyword.validate!(params);
        const divisor = (params.node.schema as { multipleOf?: unknown }).multipleOf;
        if (!refused || typeof params.data !== "number" || typeof divisor !== "number") return refused;
        const quotient = params.data / divisor;
        // Rounding noise only: relative to the quotient, and never more than 1e-9 (1e15 + 0.5 is no multiple of 1).
        return Number.isFinite(quotient) && Math.abs(quotient - Math.round(quotient)) <= Math.min(1e-9, Math.abs(quotient) * 4 * Number.EPSILON) ? undefined : refused;
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
    // The maps the library builds from a schema (compiled `properties`, `$defs`, ...) are looked up by document names too.
    const byName = ["properties", "$defs", "definitions", "dependentSchemas", "dependentRequired", "dependencies"].map((name) => {
      const keyword = base.keywords.find((k) => k.keyword === name);
      if (!keyword?.parse) return null;
      const parse = keyword.parse;
      return {
        ...keyword,
        parse(libraryNode) {
          const result = parse(libraryNode);
          const target = libraryNode as unknown as Record<string, unknown>;
          for (const field of [name, name === "definitions" ? "$defs" : name]) {
            const map = target[field];
            if (!map || typeof map !== "object" || Array.isArray(map)) continue;
            // The library filled an ordinary object, so an entry named "__proto__" became its prototype: keep it as an entry.
            const fresh = Object.assign(Object.create(null) as Record<string, unknown>, map);
            const proto = Object.getPrototypeOf(map) as unknown;
            if (proto !== null && proto !== Object.prototype) fresh["__proto__"] = proto;
            target[field] = fresh;
          }
          return result;
        },
      } as Keyword;
    }).filter((k): k is Keyword => k !== null);
    const draft = extendDraft(base, { keywords: [...byName, ref, pattern, patternProperties, multipleOf, uniqueItems], errors: MESSAGES });
    draft.errors = boundedErrors(draft.errors);
    if (format === "annotate") draft.keywords = draft.keywords.filter((k) => k.keyword !== "format");
    // The library's draft-07 also knows `deprecated` (a 2019-09 keyword) and refuses a non-boolean one;
    // in draft-07 it is an unknown keyword, to be ignored (tools such as wrangler's schema use it for text).
    if (base === draft07) draft.keywords = draft.keywords.filter((k) => k.keyword !== "deprecated");
    draft.formats = Object.fromEntries(
      Object.entries({ ...FORMATS, ...LINEAR_FORMATS }).map(([name, check]) => [
        name,
        ({ node, data, pointer }: { node: SchemaNode; data: unknown; pointer: string }) =>
          typeof data !== "string" || check(data) ? undefined : node.createError("format-error" as never, { pointer, value: data, schema: node.schema }, `String does not match format "${name}".`),
      ]),
    ) as Draft["formats"];
    return draft;
  }
}

/**
 * Format checks that replace @cfworker/json-schema's where its regex can backtrack on document data:
 * `url` took 15 s on "http://" and 30 letters. And `regex` compiles the document's string, which costs
 * time per character, so a pattern there is bounded like one in a schema.
 */
const LINEAR_FORMATS: Record<string, (value: string) => boolean> = {
  url: (value) => {
    if (/\s/.test(value) || !URL.canParse(value)) return false;
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:" || url.protocol === "ftp:") && url.hostname !== "";
  },
  regex: (value) => value.length <= LIMITS.maxPatternLength && FORMATS.regex!(value),
};

/** The library's messages where they say the wrong thing (an exclusive bound is not a minimum) or misspell it. */
const MESSAGES = {
  "exclusive-maximum-error": "Value in `{{pointer}}` is `{{length}}`, but must be less than `{{maximum}}`",
  "exclusive-minimum-error": "Value in `{{pointer}}` is `{{length}}`, but must be greater than `{{minimum}}`",
  "additional-items-error": "Array at `{{pointer}}` may not have an item at index `{{key}}`: the schema allows no items past its tuple",
  "missing-dependency-error": "The property '{{missingProperty}}' in `{{pointer}}` is required when the properties it depends on are present",
};

/**
 * The library renders its messages from templates with the whole value, the whole `enum` and the
 * subschema in them: a 1,000-value enum against 5,000 items made 80 MB of messages. Here every template
 * is rendered with short excerpts, and an error keeps only its pointer.
 */
function boundedErrors(errors: Draft["errors"]): Draft["errors"] {
  const out: Record<string, unknown> = {};
  for (const [code, template] of Object.entries(errors)) {
    // Only document errors: warnings and schema-error are also made as annotations, whose type a function would lose.
    out[code] =
      typeof template !== "string" || !code.endsWith("-error") || code === "schema-error"
        ? template
        : (data: Record<string, unknown>) => ({
            type: "error",
            code,
            message: template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => (key === "pointer" ? String(data.pointer ?? "#") : excerpt(data[key]))),
            data: { pointer: data.pointer },
          });
  }
  return out as Draft["errors"];
}

/** A value as a message may show it: at most about 80 characters, never the whole of a large one. */
function excerpt(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value.length > 60 ? `${value.slice(0, 60)}…` : value;
  if (value === null || typeof value !== "object") return String(value);
  if (Array.isArray(value)) {
    const head = value.slice(0, 5).map((v) => (v !== null && typeof v === "object" ? (Array.isArray(v) ? "[…]" : "{…}") : JSON.stringify(v)?.slice(0, 20)));
    return `[${head.join(",")}${value.length > 5 ? `,… (${value.length} in all)` : ""}]`;
  }
  const keys = Object.keys(value);
  return `{${keys.slice(0, 5).join(",")}${keys.length > 5 ? ",…" : ""}}`;
}

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

/** A deep copy of JSON whose objects have no prototype, so a name never resolves to an Object.prototype member. */
function prototypeFree(value: unknown, inMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => prototypeFree(v));
  if (value === null || typeof value !== "object") return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, child] of Object.entries(value)) {
    // `const`, `enum`, `default` and `examples` hold data, compared as ordinary JSON values; under
    // `properties` and the like the same names are property names, whose values are schemas.
    if (!inMap && DATA_KEYWORDS.has(key)) out[key] = structuredClone(child);
    // `$ref: ""` names the current resource's root, as "#" does; the library resolved it to the node itself.
    else if (!inMap && key === "$ref" && child === "") out[key] = "#";
    else out[key] = prototypeFree(child, !inMap && SCHEMA_MAPS.has(key));
  }
  return out;
}

const DATA_KEYWORDS = new Set(["const", "enum", "default", "examples"]);
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"]);

/** JSON text with object keys sorted: equal for values JSON Schema calls equal (key order aside; 1 and 1.0 are one number). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
