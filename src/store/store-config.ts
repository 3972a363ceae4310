/**
 * The store actor's config, as in Paseo Core:
 * `{ actorType: "store", version: "v1", schema, indexes?, params?: { retention_days? } }`.
 * `parseStoreConfig` accepts only a config whose schema is a valid JSON Schema
 * (checked against its draft's meta-schema, compiled ahead of time by ajv) with
 * resolvable references and well-formed index paths, that is bounded in size
 * and nesting and safe to run (./schema-refs.ts: patterns that cannot
 * backtrack catastrophically, no `$ref` cycles). Every path that sets a schema
 * (create, update, and loading a stored config) goes through it.
 */
import { validate as validate2020 } from "../generated/meta-2020-12.js";
import { validate as validate07 } from "../generated/meta-draft-07.js";
import { GatewayError } from "../errors/gateway-error.js";
import { LIMITS } from "../limits.js";
import { indexPathProblem } from "./index-path.js";
import { schemaDraft, type SchemaDraft } from "./schema-draft.js";
import { schemaProblems, type SchemaProblem } from "./schema-refs.js";

export type JsonSchema = boolean | Record<string, unknown>;

export interface StoreConfig {
  actorType: "store";
  version: "v1";
  schema: JsonSchema;
  indexes: string[];
  params: { retention_days?: number };
}

export interface ParsedStoreConfig {
  config: StoreConfig;
  draft: SchemaDraft;
}

const KNOWN_KEYS = new Set(["actorType", "version", "schema", "indexes", "params"]);

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
  if (raw.actorType !== "store") problems.push({ path: "/actorType", message: `must be "store"` });
  if (raw.version !== "v1") problems.push({ path: "/version", message: `must be "v1"` });

  const indexes = raw.indexes ?? [];
  if (!Array.isArray(indexes)) problems.push({ path: "/indexes", message: "must be an array of dotted paths" });
  else {
    if (indexes.length > LIMITS.maxIndexes) problems.push({ path: "/indexes", message: `at most ${LIMITS.maxIndexes} indexes` });
    indexes.forEach((path, i) => {
      const problem = indexPathProblem(path);
      if (problem) problems.push({ path: `/indexes/${i}`, message: `index path ${problem}` });
    });
    if (new Set(indexes).size !== indexes.length) problems.push({ path: "/indexes", message: "index paths must be unique" });
  }

  const params = raw.params ?? {};
  if (params === null || typeof params !== "object" || Array.isArray(params)) problems.push({ path: "/params", message: "must be an object" });
  else {
    for (const [key, value] of Object.entries(params)) {
      if (key !== "retention_days") problems.push({ path: `/params/${key}`, message: "unknown parameter" });
      else if (!Number.isInteger(value) || (value as number) < 1) problems.push({ path: "/params/retention_days", message: "must be a positive integer" });
    }
  }

  const schema = raw.schema;
  const draft = schemaDraft(schema);
  if (schema === undefined) problems.push({ path: "/schema", message: "is required" });
  else if (typeof schema !== "boolean" && (schema === null || typeof schema !== "object" || Array.isArray(schema))) {
    problems.push({ path: "/schema", message: "must be a JSON Schema object" });
  } else if (draft === null) {
    problems.push({ path: "/schema/$schema", message: "unsupported $schema: use draft 2020-12 (the default) or draft-07" });
  } else {
    const structural = schemaProblems(schema);
    problems.push(...structural.map((p) => ({ path: `/schema${p.path}`, message: p.message })));
    if (structural.length === 0) {
      const meta = draft === "7" ? validate07 : validate2020;
      if (!meta(schema)) {
        for (const error of meta.errors ?? []) problems.push({ path: `/schema${error.instancePath}`, message: `${error.keyword}: ${error.message ?? "invalid"}` });
      }
    }
  }
  if (problems.length > 0) fail();
  return {
    config: { actorType: "store", version: "v1", schema: schema as JsonSchema, indexes: indexes as string[], params: params as StoreConfig["params"] },
    draft: draft!,
  };
}
