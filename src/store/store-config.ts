/**
 * The store actor's config, as in Paseo Core:
 * `{ actorType: "store", version: "v1", schema, indexes?, params?: { retention_days?, history_days? } }`,
 * plus two keys of the gateway's own: `format` ("assert", the default, or
 * "annotate") and `resources` (schemas that `$ref` may name by absolute URI).
 *
 * `parseStoreConfig` accepts only a config whose schema is a valid JSON Schema
 * (checked against its draft's meta-schema, compiled ahead of time by ajv) with
 * resolvable references and well-formed index paths, that is bounded in size
 * and nesting and safe to run (./schema-refs.ts: linear-time patterns, no
 * `$ref` cycles). Creating and changing an actor go through it.
 *
 * `loadStoredConfig` reads back a config that an earlier version accepted. It
 * never refuses one for checks added since (a stored config must never brick
 * its actor); `storedConfigProblems` tells what today's checks would say.
 */
import { validate as validate2020 } from "../generated/meta-2020-12.js";
import { validate as validate07 } from "../generated/meta-draft-07.js";
import { GatewayError } from "../errors/gateway-error.js";
import { LIMITS } from "../limits.js";
import { indexPathProblem } from "./index-path.js";
import { schemaDraft, type SchemaDraft } from "./schema-draft.js";
import { schemaProblems } from "./schema-refs.js";
import type { SchemaProblem } from "./schema-graph.js";
import { configGraphProblems, reachableResources } from "./schema-graph.js";
import { DocumentValidator, type FormatMode } from "./document-validator.js";
import { itemValueProblem } from "./json-value.js";

export type JsonSchema = boolean | Record<string, unknown>;

export interface StoreConfig {
  actorType: "store";
  version: "v1";
  schema: JsonSchema;
  indexes: string[];
  /** retention_days: items live N days. history_days: superseded revisions are kept N days (forever when absent). */
  params: { retention_days?: number; history_days?: number };
  /** Absent means "assert". */
  format?: FormatMode;
  resources?: Record<string, JsonSchema>;
  /** Paths of strings (or arrays of strings) in the full-text search index; absent: no search. */
  search?: string[];
}

export interface ParsedStoreConfig {
  config: StoreConfig;
  draft: SchemaDraft;
  /** The validator for the config's schema, built once here. */
  validator: DocumentValidator;
}

/** A change to an actor's config: the keys given replace the current ones, the others stay. */
export interface ConfigChange {
  schema?: unknown;
  indexes?: unknown;
  params?: unknown;
  format?: unknown;
  resources?: unknown;
  search?: unknown;
}

/** The config with `change` applied, not yet checked (parseStoreConfig checks it). */
export function applyConfigChange(current: StoreConfig, change: ConfigChange): Record<string, unknown> {
  const next: Record<string, unknown> = { ...current };
  for (const key of ["schema", "indexes", "params", "format", "resources", "search"] as const) if (change[key] !== undefined) next[key] = change[key];
  return next;
}

const KNOWN_KEYS = new Set(["actorType", "version", "schema", "indexes", "params", "format", "resources", "search"]);

/** A config that an earlier version stored: no check added since may refuse it. */
export function loadStoredConfig(stored: StoreConfig): ParsedStoreConfig {
  const draft = schemaDraft(stored.schema, stored.resources) ?? "2020-12";
  return { config: stored, draft, validator: new DocumentValidator(stored.schema, draft, { format: stored.format, resources: stored.resources, patternBudget: 100_000_000 }) };
}

/** What today's checks say of a stored config: [] when it would be accepted as it is. */
export function storedConfigProblems(stored: StoreConfig): SchemaProblem[] {
  try {
    parseStoreConfig(stored);
    return [];
  } catch (error) {
    if (error instanceof GatewayError && Array.isArray(error.details)) return error.details as SchemaProblem[];
    return [{ path: "", message: error instanceof Error ? error.message : String(error) }];
  }
}

export function parseStoreConfig(input: unknown): ParsedStoreConfig {
  const problems: SchemaProblem[] = [];
  const fail = (): never => {
    throw new GatewayError("INVALID_CONFIG", `Invalid actor config: ${problems.map((p) => `${p.path || "/"}: ${p.message}`).join("; ")}`, problems.slice(0, 50));
  };
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    problems.push({ path: "", message: "config must be an object" });
    fail();
  }
  const raw = input as Record<string, unknown>;
  const bytes = new TextEncoder().encode(JSON.stringify(raw)).length;
  if (bytes > LIMITS.maxConfigBytes) {
    problems.push({ path: "", message: `config must be at most ${LIMITS.maxConfigBytes} bytes of JSON; this one is ${bytes}` });
    fail();
  }
  for (const key of Object.keys(raw)) if (!KNOWN_KEYS.has(key)) problems.push({ path: `/${key}`, message: "unknown config key" });
  // A `maximum: 1e400` would be stored as null and mean something else after a reload.
  const nonFinite = itemValueProblem(structuredClone(raw));
  if (nonFinite) problems.push(nonFinite);
  if (raw.actorType !== "store") problems.push({ path: "/actorType", message: `must be "store"` });
  if (raw.version !== "v1") problems.push({ path: "/version", message: `must be "v1"` });

  const indexes = pathList(raw.indexes, "indexes", "index", LIMITS.maxIndexes, problems);
  const search = pathList(raw.search, "search", "search", LIMITS.maxSearchPaths, problems);

  const params = raw.params ?? {};
  if (params === null || typeof params !== "object" || Array.isArray(params)) problems.push({ path: "/params", message: "must be an object" });
  else {
    for (const [key, value] of Object.entries(params)) {
      if (key !== "retention_days" && key !== "history_days") problems.push({ path: `/params/${key}`, message: "unknown parameter" });
      else if (!Number.isInteger(value) || (value as number) < 1) problems.push({ path: `/params/${key}`, message: "must be a positive integer" });
    }
  }

  if (raw.format !== undefined && raw.format !== "assert" && raw.format !== "annotate") problems.push({ path: "/format", message: `must be "assert" (the default) or "annotate"` });
  const resources = raw.resources ?? {};
  if (resources === null || typeof resources !== "object" || Array.isArray(resources)) problems.push({ path: "/resources", message: "must be an object mapping absolute URIs to JSON Schemas" });
  else {
    for (const [uri, resource] of Object.entries(resources)) {
      const at = `/resources/${uri.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(uri)) problems.push({ path: at, message: "must be keyed by an absolute URI (with a scheme, such as https: or urn:)" });
      if (typeof resource !== "boolean" && (resource === null || typeof resource !== "object" || Array.isArray(resource))) problems.push({ path: at, message: "must be a JSON Schema" });
      else problems.push(...schemaProblems(resource, { graph: false }).map((p) => ({ path: `${at}${p.path}`, message: p.message })));
    }
  }

  const schema = raw.schema;
  const draft = schemaDraft(schema, isRecord(resources) ? resources : {});
  if (schema === undefined) problems.push({ path: "/schema", message: "is required" });
  else if (typeof schema !== "boolean" && (schema === null || typeof schema !== "object" || Array.isArray(schema))) {
    problems.push({ path: "/schema", message: "must be a JSON Schema object" });
  } else if (draft === null) {
    problems.push({
      path: "/schema/$schema",
      message: `unsupported $schema ${JSON.stringify((schema as { $schema?: unknown }).$schema)}: use "https://json-schema.org/draft/2020-12/schema" (the default) or "http://json-schema.org/draft-07/schema#", exactly so, or a meta-schema given in "resources" that is built on one of them`,
    });
  } else {
    // The reference graph is checked once over the schema and its resources together (schema-graph.ts).
    const structural = schemaProblems(schema, { graph: false });
    problems.push(...structural.map((p) => ({ path: `/schema${p.path}`, message: p.message })));
    if (problems.length === 0) problems.push(...configGraphProblems(schema, isRecord(resources) ? resources : {}));
    if (structural.length === 0) {
      const meta = draft === "7" ? validate07 : validate2020;
      if (!meta(schema)) {
        for (const error of meta.errors ?? []) problems.push({ path: `/schema${error.instancePath}`, message: `${error.keyword}: ${error.message ?? "invalid"}` });
      }
    }
  }
  if (problems.length > 0) fail();
  const config: StoreConfig = {
    actorType: "store",
    version: "v1",
    schema: schema as JsonSchema,
    indexes,
    params: params as StoreConfig["params"],
    ...(raw.format === undefined ? {} : { format: raw.format as FormatMode }),
    ...(raw.resources === undefined ? {} : { resources: resources as Record<string, JsonSchema> }),
    ...(search.length > 0 ? { search } : {}),
  };
  const validator = new DocumentValidator(config.schema, draft!, { format: config.format, resources: config.resources });
  for (const e of validator.schemaErrors) problems.push({ path: `/schema${e.path}`, message: e.message });
  // Patterns the static walk cannot see (reached only through a `$ref` into data, say) are refused here.
  for (const r of validator.refusedPatterns) problems.push({ path: `/schema${r.path}`, message: `pattern "${r.pattern.slice(0, 80)}" refused: ${r.problem}` });
  // Only the resources the schema reaches: one nothing references is never applied.
  const reached = isRecord(config.schema) ? reachableResources(config.schema, config.resources ?? {}).map(([uri]) => uri) : [];
  for (const { path, ref } of validator.unresolvedRefs(reached)) {
    problems.push({ path: path.startsWith("/../") ? path.slice(3) : `/schema${path}`, message: `$ref "${ref}" resolves to nothing: name a subschema of this schema (a JSON Pointer, an $anchor or an $id), a draft meta-schema, or a schema in "resources"; nothing is fetched` });
  }
  if (problems.length > 0) fail();
  return { config, draft: draft!, validator };
}

/** A config list of dotted paths (`indexes`, `search`): at most `max`, each well formed, none twice. */
function pathList(value: unknown, key: string, noun: string, max: number, problems: { path: string; message: string }[]): string[] {
  const list = value ?? [];
  if (!Array.isArray(list)) {
    problems.push({ path: `/${key}`, message: "must be an array of dotted paths" });
    return [];
  }
  if (list.length > max) problems.push({ path: `/${key}`, message: `at most ${max} ${key === "indexes" ? "indexes" : "paths"}` });
  list.forEach((path, i) => {
    const problem = indexPathProblem(path);
    if (problem) problems.push({ path: `/${key}/${i}`, message: `${noun} path ${problem}` });
  });
  if (new Set(list).size !== list.length) problems.push({ path: `/${key}`, message: `${noun} paths must be unique` });
  return list as string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
