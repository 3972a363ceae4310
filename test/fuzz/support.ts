/**
 * Shared pieces of the fuzz tests (test/fuzz*.test.ts): settings, a counted
 * `http` over helpers.ts, property runner, response checks, introspection.
 *
 * The fuzz tests are split over several files on purpose: under
 * @cloudflare/vitest-pool-workers every request through the Worker's own
 * fetch gets slower as the requests sent in the same test file add up
 * (cloudflare/workers-sdk#15446), and each file gets a fresh workerd.
 *
 * FUZZ_RUNS (cases per property) and FUZZ_SEED override the defaults, e.g.
 * `FUZZ_RUNS=300 FUZZ_SEED=7 npx vitest run --project workerd test/fuzz`
 * (vitest.config.ts passes them to workerd as bindings).
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { expect } from "vitest";
import { http as helperHttp } from "../helpers.js";

// ---------------------------------------------------------------------------
// Settings, bookkeeping and response checks
// ---------------------------------------------------------------------------

export const fuzzEnv = env as unknown as { FUZZ_RUNS?: string; FUZZ_SEED?: string };
export const RUNS_OVERRIDE = Number(fuzzEnv.FUZZ_RUNS) > 0 ? Math.floor(Number(fuzzEnv.FUZZ_RUNS)) : null;
export const SEED = Number.isInteger(Number(fuzzEnv.FUZZ_SEED)) && fuzzEnv.FUZZ_SEED ? Number(fuzzEnv.FUZZ_SEED) : 20260706;
export const runs = (byDefault: number) => RUNS_OVERRIDE ?? byDefault;

/** Every pod and actor a property created or wrote to, for property e. */
export const touched = { pods: new Set<string>(), actors: new Set<string>() };
/** Cases tried per property, printed at the end. */
export const tried: Record<string, number> = {};
/** Off-spec answers caused by code outside the fuzz work (pinned in fuzz-findings.test.ts), counted and printed rather than failed. */
export const known: Record<string, number> = {};
export const noteKnown = (what: string) => (known[what] = (known[what] ?? 0) + 1);
/** What the cases of a property ended up doing, printed after it (so a generator that never reaches the interesting code shows). */
export const outcomes: Record<string, Record<string, number>> = {};
export const count = (property: string, what: string) => ((outcomes[property] ??= {})[what] = (outcomes[property]![what] ?? 0) + 1);

/** Requests sent and time spent waiting for them, per property. */
export const traffic = { requests: 0, ms: 0 };

/** helpers.ts `http`, counted. */
export async function http(...args: Parameters<typeof helperHttp>): ReturnType<typeof helperHttp> {
  const started = Date.now();
  try {
    return await helperHttp(...args);
  } finally {
    traffic.requests++;
    traffic.ms += Date.now() - started;
  }
}

export type Res = Awaited<ReturnType<typeof http>>;

/** `promise`, or a failure naming `what` when it takes longer than `ms` (a hung request fails its case instead of the whole run). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `arbitrary` with probability `chance`, else null (which shrinks first). */
export const sometimes = <T>(arbitrary: fc.Arbitrary<T>, chance: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: Math.round((1 - chance) * 100), arbitrary: fc.constant(null) }, { weight: Math.round(chance * 100), arbitrary });

/** Runs a property with the fixed seed; logs how many cases it tried; fails with fast-check's report. */
export async function runProperty<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, numRuns: number): Promise<void> {
  let cases = 0;
  const started = Date.now();
  const before = { ...traffic };
  const property = fc.asyncProperty(arbitrary, async (value) => {
    cases++;
    await predicate(value);
  });
  const result = await fc.check(property, { numRuns, seed: SEED });
  tried[name] = result.numRuns;
  const requests = traffic.requests - before.requests;
  console.log(
    `[fuzz] ${name}: ${result.numRuns} cases passed of ${numRuns} asked, ${cases} executions incl. shrinking, seed ${SEED}, ` +
      `${Date.now() - started} ms, ${requests} requests (${requests ? Math.round((traffic.ms - before.ms) / requests) : 0} ms each)${result.failed ? " — FAILED" : ""}`,
  );
  if (outcomes[name]) console.log(`[fuzz] ${name} outcomes: ${JSON.stringify(outcomes[name])}`);
  if (result.failed) {
    const cause = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    throw new Error(`${fc.defaultReportMessage(result) ?? `property ${name} failed`}\nError: ${cause}`);
  }
}

export const preview = (value: unknown, max = 400) => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
};

/** Why `res` is not a well-formed REST error (4xx, JSON `{ error, code, message }`), or null. */
export function restErrorProblem(res: Res): string | null {
  if (res.status < 400 || res.status > 499) return `status ${res.status} is not 4xx`;
  const body = res.json;
  if (body === null || typeof body !== "object" || Array.isArray(body)) return `error body is not a JSON object: ${preview(body)}`;
  for (const key of ["error", "code", "message"]) if (typeof body[key] !== "string") return `error body has no string "${key}": ${preview(body)}`;
  return null;
}

/** A REST answer is a success with one of `okStatuses`, or a well-formed 4xx error. */
export function expectRest(res: Res, okStatuses: number[], what: string): void {
  if (okStatuses.includes(res.status)) return;
  const problem = restErrorProblem(res);
  if (problem) throw new Error(`${what}: ${problem} (status ${res.status}, body ${preview(res.json)})`);
}

/** Why `res` is not a well-formed GraphQL response (status < 500, JSON with data and/or errors, each error with a message), or null. */
export function graphqlProblem(res: Res): string | null {
  if (res.status >= 500) return `status ${res.status}`;
  const body = res.json;
  // A batched request gets one answer per operation; each must be well-formed.
  if (Array.isArray(body)) {
    for (const answer of body) {
      const problem = graphqlProblem({ ...res, json: answer });
      if (problem) return `in a batched answer: ${problem}`;
    }
    return null;
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) return `body is not a JSON object: ${preview(body)}`;
  if (!("data" in body) && !("errors" in body)) return `neither data nor errors: ${preview(body)}`;
  if ("errors" in body) {
    if (!Array.isArray(body.errors) || body.errors.length === 0) return `errors is not a non-empty list: ${preview(body)}`;
    for (const error of body.errors) {
      if (error === null || typeof error !== "object" || typeof error.message !== "string") return `an error without a message: ${preview(body)}`;
      if (error.extensions?.code === "INTERNAL_SERVER_ERROR") return `INTERNAL_SERVER_ERROR: ${preview(body)}`;
    }
  }
  return null;
}

export function expectGraphql(res: Res, what: string): void {
  const problem = graphqlProblem(res);
  if (problem) throw new Error(`${what}: ${problem} (status ${res.status})`);
}

/** Every error of a GraphQL answer carries `extensions.code`, and none is INTERNAL_SERVER_ERROR. */
export function expectCodedErrors(res: Res, what: string): void {
  expectGraphql(res, what);
  for (const error of res.json.errors ?? []) {
    if (typeof error.extensions?.code !== "string") throw new Error(`${what}: an error without extensions.code: ${preview(error)}`);
  }
}

export const errorCodes = (res: Res): string[] => (res.json?.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code ?? "(none)");

export const gqlRequest = (path: string, query: string, variables?: unknown, extra: Record<string, unknown> = {}) =>
  http("POST", path, { query, ...(variables === undefined ? {} : { variables }), ...extra }, { accept: "application/graphql-response+json, application/json" });

/** GraphQL answers for errors that graphql-js raises while coercing variables carry no extensions.code (Yoga leaves them bare). */
export const isBareCoercionError = (e: { message?: string; extensions?: { code?: string } }) => e.extensions?.code === undefined && /^Variable "\$\w+"/.test(e.message ?? "");

/** A JSON value through JSON: what the gateway stores and returns. */
export const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

export const INTROSPECTION = `{ __schema { queryType { name } mutationType { name }
  types { name kind enumValues { name } inputFields { name type { ...T } } fields { name args { name type { ...T } } type { ...T } } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

export interface TypeRef { kind: string; name: string | null; ofType: TypeRef | null }
export interface IntrospectedType {
  name: string;
  kind: string;
  enumValues: { name: string }[] | null;
  inputFields: { name: string; type: TypeRef }[] | null;
  fields: { name: string; args: { name: string; type: TypeRef }[]; type: TypeRef }[] | null;
}
export interface Introspection { queryType: { name: string }; mutationType: { name: string } | null; types: IntrospectedType[] }

export const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);

export async function introspect(path: string): Promise<Introspection> {
  const res = await gqlRequest(path, INTROSPECTION);
  if (!res.json?.data?.__schema) throw new Error(`introspection of ${path} failed: ${preview(res.json)}`);
  return res.json.data.__schema as Introspection;
}

/** A selection set for `typeName` reaching every field without required arguments, `depth` levels deep. */
export function selectAll(schema: Map<string, IntrospectedType>, typeName: string, depth: number): string {
  const type = schema.get(typeName);
  if (!type?.fields) return "__typename";
  const parts = ["__typename"];
  for (const field of type.fields) {
    if (field.args.some((a) => a.type.kind === "NON_NULL")) continue;
    const target = schema.get(named(field.type).name!);
    if (!target || target.kind === "SCALAR" || target.kind === "ENUM") parts.push(field.name);
    else if (target.kind === "OBJECT" && depth > 0) parts.push(`${field.name} { ${selectAll(schema, target.name, depth - 1)} }`);
    else if (target.kind === "UNION" || target.kind === "INTERFACE") parts.push(`${field.name} { __typename }`);
  }
  return parts.join(" ");
}

export interface Vocabulary {
  names: string[];
  fields: Map<string, IntrospectedType>;
  root: { query: string; mutation: string | null };
}

export function vocabulary(schema: Introspection): Vocabulary {
  const names = new Set<string>();
  const types = new Map<string, IntrospectedType>();
  for (const type of schema.types) {
    types.set(type.name, type);
    if (type.name.startsWith("__")) continue;
    names.add(type.name);
    for (const f of type.fields ?? []) {
      names.add(f.name);
      for (const a of f.args) names.add(a.name);
    }
    for (const f of type.inputFields ?? []) names.add(f.name);
    for (const v of type.enumValues ?? []) names.add(v.name);
  }
  return { names: [...names], fields: types, root: { query: schema.queryType.name, mutation: schema.mutationType?.name ?? null } };
}

export const UNICODE = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("\u0000", "\ud800", "\udfff", "\ud83d", "🙂", "🧨\u202e", "\uFEFF", "\uFFFD", "é", "\n", "\\", '"', "\u2028"),
);

/** Logs the seed and any FUZZ_RUNS override; call from beforeAll. */
export function logSettings(file: string): void {
  console.log(`[fuzz] ${file}: seed ${SEED}${RUNS_OVERRIDE ? `, ${RUNS_OVERRIDE} runs per property (FUZZ_RUNS)` : ""}`);
}

/** Logs the cases tried per property and the known off-spec answers counted; call from afterAll. */
export function logSummary(file: string): void {
  console.log(`[fuzz] ${file}: cases tried per property: ${JSON.stringify(tried)}`);
  if (Object.keys(known).length) console.log(`[fuzz] ${file}: known off-spec answers (from code outside the fuzz tests), counted: ${JSON.stringify(known)}`);
}

/** Property e: every pod and actor the properties touched still answers (a GET of the pod, a GET of the actor's items). */
export async function expectTouchedAnswer(): Promise<void> {
  expect(touched.actors.size).toBeGreaterThan(0);
  for (const pod of touched.pods) {
    const res = await http("GET", `/pods/${pod}`);
    expect(res.status, `GET /pods/${pod}: ${preview(res.json)}`).toBe(200);
  }
  for (const base of touched.actors) {
    const res = await http("GET", `${base}/items?limit=1`);
    expect(res.status, `GET ${base}/items: ${preview(res.json)}`).toBe(200);
    expect(Array.isArray(res.json.items)).toBe(true);
  }
  console.log(`[fuzz] e. ${touched.pods.size} pods and ${touched.actors.size} actors answer`);
}
