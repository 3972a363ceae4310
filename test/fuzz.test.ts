/**
 * Property-based fuzzing of the gateway with fast-check, inside workerd, over
 * HTTP through the helpers (requests carry whatever helpers.ts adds):
 *
 *   a. random JSON Schemas as actor configs over REST and GraphQL: a success
 *      or a well-formed error, never a 5xx, both APIs agreeing; accepted ones
 *      also build the pod's typed schema, take documents and read them back;
 *   e. afterwards, every pod and actor touched still answers.
 *
 * b (a model-based test of one actor) is in fuzz-model.test.ts, c (random
 * GraphQL operations) and d (malformed HTTP bodies) in fuzz-requests.test.ts:
 * see fuzz/support.ts for why the properties are split over files. Every property runs with a fixed seed,
 * printed with the number of cases it tried; `npx vitest run --project workerd test/fuzz`
 * runs them all.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniquePodName } from "./helpers.js";
import {
  count, expectCodedErrors, expectGraphql, expectRest, expectTouchedAnswer, gqlRequest, http, introspect, isPlainObject, logSettings, logSummary, named, preview,
  runProperty, runs, selectAll, sometimes, touched, vocabulary, type Res,
} from "./fuzz/support.js";

// ---------------------------------------------------------------------------
// a. Random JSON Schemas as actor configs
// ---------------------------------------------------------------------------

const PROP_NAME = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("title", "name", "count", "tags", "meta", "status", "price", "createdAt", "owner", "items", "a", "b") },
  { weight: 3, arbitrary: fc.constantFrom("id", "_meta", "_extra", "__proto__", "constructor", "toString", "__typename", "a-b", "a_b", "1st", "", " ", "with space", "é", "🙂", "a.b", "$ref", "Title", "TITLE", "true", "null", "node", "edges", "authorId", "reviewerIds", "owner_id") },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const ENUM_STRING = fc.constantFrom("a", "b", "in-progress", "in_progress", "a-b", "a_b", "true", "false", "null", "", "1x", "é", "A", "a b", "__x", "Query", "🙂");
const ENUM_VALUE = fc.oneof(ENUM_STRING, fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }));
const FORMAT = fc.constantFrom("email", "date-time", "date", "time", "uri", "uuid", "ipv4", "ipv6", "hostname", "regex", "duration", "json-pointer", "bogus-format");
// Mostly safe patterns (documents are validated against them); some, like "^\\S+@\\S+$" and backreferences, are refused by store/regex-safety.ts, and the property accepts refusals.
const PATTERN = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom("^[a-z]*$", "^\\d{1,3}$", "a|b", "^.{0,3}$", "\\p{L}+", "^\\S+@\\S+$", "(?<n>x)\\k<n>", "(?=a)", "^$", "é") },
  { weight: 1, arbitrary: fc.constantFrom("[", "\\", "*", "(?<", "a{2,1}") },
);
const BOUND = fc.constantFrom(0, 1, -1, 5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, 1e308, 0.5, -2.5);
const ANNOTATIONS = fc.record(
  {
    title: fc.string({ maxLength: 10 }),
    description: fc.constantFrom("plain", '"""', "*/ end", "line\nbreak", "\\", "🙂", "\u0000"),
    deprecated: fc.boolean(),
    default: fc.jsonValue({ maxDepth: 1 }),
    examples: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }),
    "x-ref": fc.constantFrom("a", "a_g", "missing", "", "Query"),
  },
  { requiredKeys: [] },
);

const LEAF = fc
  .tuple(
    fc.oneof(
      fc.record({ type: fc.constant("string"), minLength: fc.nat(4), maxLength: fc.nat(30), pattern: PATTERN, format: FORMAT }, { requiredKeys: ["type"] }),
      fc.record({ type: fc.constantFrom("integer", "number"), minimum: BOUND, maximum: BOUND, exclusiveMinimum: BOUND, exclusiveMaximum: BOUND, multipleOf: fc.oneof({ weight: 40, arbitrary: fc.constantFrom(1, 2, 0.5, 0.01) }, { weight: 1, arbitrary: fc.constantFrom(0, -1) }) }, { requiredKeys: ["type"] }),
      fc.constantFrom<unknown>({ type: "boolean" }, { type: "null" }, {}, true, false),
      fc.uniqueArray(ENUM_VALUE, { minLength: 1, maxLength: 6, selector: (v) => JSON.stringify(v) }).map((values) => ({ enum: values })),
      fc.uniqueArray(ENUM_STRING, { minLength: 1, maxLength: 5 }).map((values) => ({ type: "string", enum: values })),
      fc.constantFrom({ enum: [] }, { enum: ["a", "a"] }),
      fc.jsonValue({ maxDepth: 2 }).map((value) => ({ const: value })),
      fc.subarray(["string", "number", "integer", "boolean", "null", "object", "array"], { minLength: 1 }).map((type) => ({ type })),
    ),
    sometimes(ANNOTATIONS, 0.4),
  )
  .map(([schema, annotations]) => (annotations && isPlainObject(schema) ? { ...schema, ...annotations } : schema));

const REF = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom({ $ref: "#" }, { $ref: "#/$defs/d0" }, { $ref: "#/$defs/d1" }, { $ref: "#/$defs/d0" }, { $ref: "#/$defs/d1" }) },
  { weight: 1, arbitrary: fc.constantFrom({ $ref: "#/$defs/missing" }, { $ref: "#/definitions/d0" }, { $ref: "https://json-schema.org/draft/2020-12/schema" }, { $ref: "http://example.com/remote.json" }, { $ref: "#/properties/title" }, { $ref: "#/$defs/d0/properties/a" }) },
);

function objectSchema(parts: { type?: string; properties: Record<string, unknown>; requiredMask?: boolean[]; extraRequired?: string; rest?: Record<string, unknown> }) {
  const keys = Object.keys(parts.properties);
  const required = keys.filter((_, i) => parts.requiredMask?.[i]);
  if (parts.extraRequired !== undefined) required.push(parts.extraRequired);
  const out: Record<string, unknown> = {};
  if (parts.type !== undefined) out.type = parts.type;
  out.properties = parts.properties;
  if (required.length > 0) out.required = [...new Set(required)];
  return { ...out, ...(parts.rest ?? {}) };
}

const SCHEMAS = fc.letrec<{ schema: unknown; object: unknown; array: unknown; combo: unknown }>((tie) => ({
  schema: fc.oneof({ depthSize: "small", maxDepth: 3, withCrossShrink: true }, { weight: 6, arbitrary: LEAF }, { weight: 3, arbitrary: tie("object") }, { weight: 2, arbitrary: tie("array") }, { weight: 2, arbitrary: tie("combo") }, { weight: 1, arbitrary: REF }),
  object: fc
    .record(
      {
        type: fc.constantFrom("object", "object", "object", undefined),
        properties: fc.dictionary(PROP_NAME, tie("schema"), { maxKeys: 5 }),
        requiredMask: fc.array(fc.boolean(), { maxLength: 6 }),
        extraRequired: PROP_NAME,
        rest: fc.record(
          {
            additionalProperties: fc.oneof(fc.boolean(), tie("schema")),
            patternProperties: fc.dictionary(fc.constantFrom("^x_", "^[0-9]+$"), tie("schema"), { maxKeys: 2 }),
            minProperties: fc.nat(3),
            maxProperties: fc.nat(6),
            propertyNames: fc.constant({ maxLength: 10 }),
            unevaluatedProperties: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ["properties"] },
    )
    .map(objectSchema),
  array: fc.record(
    {
      type: fc.constant("array"),
      items: tie("schema"),
      prefixItems: fc.array(tie("schema"), { minLength: 1, maxLength: 2 }),
      minItems: fc.nat(3),
      maxItems: fc.nat(5),
      uniqueItems: fc.boolean(),
      contains: tie("schema"),
    },
    { requiredKeys: ["type"] },
  ),
  combo: fc.oneof(
    fc.array(tie("schema"), { minLength: 1, maxLength: 3 }).map((list) => ({ anyOf: list })),
    fc.array(tie("schema"), { minLength: 1, maxLength: 3 }).map((list) => ({ oneOf: list })),
    fc.array(tie("object"), { minLength: 1, maxLength: 3 }).map((list) => ({ allOf: list })),
    tie("schema").map((schema) => ({ not: schema })),
    fc.tuple(tie("schema"), tie("schema"), tie("schema")).map(([i, t, e]) => ({ if: i, then: t, else: e })),
    tie("schema").map((schema) => ({ anyOf: [schema, { type: "null" }] })),
    fc
      .array(fc.tuple(fc.constantFrom("cat", "dog", "in-progress", "1", "Cat", ""), fc.dictionary(PROP_NAME, tie("schema"), { maxKeys: 2 })), { minLength: 1, maxLength: 3 })
      .map((members) => ({ oneOf: members.map(([kind, props]) => ({ type: "object", required: ["kind"], properties: { ...props, kind: { const: kind } } })) })),
  ),
}));

/** Keywords or values that make a schema (or config) invalid, or valid but unusual. */
const MUTATION = fc.constantFrom<Record<string, unknown>>(
  { type: "objekt" },
  { minLength: -1 },
  { required: "title" },
  { properties: [] },
  { enum: "x" },
  { minimum: "1" },
  { $schema: "http://json-schema.org/draft-04/schema#" },
  { $schema: "https://json-schema.org/draft/2020-12/schema" },
  { type: 7 },
  { type: [] },
  { items: 5 },
  { pattern: "([" },
  { $defs: 5 },
  { $id: "http://remote.example/x.json" },
  { additionalProperties: "no" },
  { unknownKeyword: { x: 1 } },
  { format: 5 },
  { $anchor: "bad anchor" },
  { $dynamicRef: "#meta" },
  { dependentRequired: { a: ["b"] } },
  { $comment: 1 },
);

const ACTOR_NAME = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom("notes", "a", "Query", "Mutation", "Subscription", "JSON", "PageInfo", "StringFilter", "ItemMeta", "node", "x", "Notes_2", "DateTime", "Boolean", "ID", "Notes") },
  { weight: 1, arbitrary: fc.constantFrom("_bad", "1bad", "sp ace", "éa") },
);

const CONFIG = fc
  .record({
    root: fc.oneof({ weight: 6, arbitrary: SCHEMAS.object }, { weight: 1, arbitrary: SCHEMAS.schema }),
    defs: sometimes(fc.record({ d0: SCHEMAS.schema, d1: SCHEMAS.schema, D0: SCHEMAS.schema, item: SCHEMAS.schema, Query: SCHEMAS.schema }, { requiredKeys: ["d0", "d1"] }), 0.95),
    draft07: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
    mutation: sometimes(MUTATION, 0.15),
    mutateInProperty: fc.boolean(),
    indexes: sometimes(fc.oneof({ weight: 12, arbitrary: fc.subarray(["title", "meta.type", "tags", "count", "a.b.c", "kind", "status", "_x", "$x", "a-b", "name", "owner.name"], { maxLength: 4 }) }, { weight: 1, arbitrary: fc.subarray(["title", "bad..path", "1a", "x.y.z.w.v.u.t.s.r", "", "title"], { minLength: 1 }) }), 0.6),
    params: sometimes(fc.oneof({ weight: 6, arbitrary: fc.constantFrom<unknown>({ retention_days: 7 }, {}) }, { weight: 1, arbitrary: fc.constantFrom<unknown>({ retention_days: -1 }, { retention_days: "7" }, { other: 1 }, []) }), 0.2),
    configExtra: sometimes(fc.constantFrom<Record<string, unknown>>({ actorType: "queue" }, { version: "v2" }, { extra: true }), 0.05),
  })
  .map((c) => {
    let schema: unknown = c.root;
    // Draft-07 keeps its subschemas under "definitions".
    if (c.draft07) schema = JSON.parse(JSON.stringify(schema).replace(/"#\/\$defs\//g, '"#/definitions/'));
    if (isPlainObject(schema)) {
      schema = { ...schema };
      const s = schema as Record<string, unknown>;
      if (c.defs) s[c.draft07 ? "definitions" : "$defs"] = c.draft07 ? JSON.parse(JSON.stringify(c.defs).replace(/"#\/\$defs\//g, '"#/definitions/')) : c.defs;
      if (c.draft07) s.$schema = "http://json-schema.org/draft-07/schema#";
      if (c.mutation) {
        const props = s.properties;
        const first = isPlainObject(props) ? Object.keys(props)[0] : undefined;
        if (c.mutateInProperty && first !== undefined && isPlainObject((props as Record<string, unknown>)[first])) {
          s.properties = { ...(props as object), [first]: { ...((props as Record<string, object>)[first] as object), ...c.mutation } };
        } else Object.assign(s, c.mutation);
      }
    }
    return {
      actorType: "store",
      version: "v1",
      schema,
      ...(c.indexes ? { indexes: c.indexes } : {}),
      ...(c.params !== null ? { params: c.params } : {}),
      ...(c.configExtra ?? {}),
    } as Record<string, unknown>;
  });

/** Strings that match the valid patterns above. */
const PATTERN_SAMPLES: Record<string, string> = { "^[a-z]*$": "abc", "^\\d{1,3}$": "12", "a|b": "a", "^.{0,3}$": "ab", "\\p{L}+": "é", "^\\S+@\\S+$": "a@b", "(?<n>x)\\k<n>": "xx", "(?=a)": "a", "^$": "", "é": "é" };
const FORMAT_SAMPLES: Record<string, string> = { email: "a@b.co", "date-time": "2024-01-02T03:04:05Z", date: "2024-01-02", time: "03:04:05Z", uri: "https://example.com/x", uuid: "123e4567-e89b-12d3-a456-426614174000", ipv4: "10.0.0.1", ipv6: "::1", hostname: "example.com", regex: "a+", duration: "P1D", "json-pointer": "/a" };

/** A best-effort instance of `schema`, usually valid; `pick(n)` chooses in [0, n). */
function sampleInstance(schema: unknown, root: unknown, pick: (n: number) => number, depth = 0): unknown {
  if (depth > 6) return null;
  if (schema === true || schema === undefined) return [1, "x", null, true, {}][pick(5)];
  if (!isPlainObject(schema)) return null;
  const s = schema;
  if (typeof s.$ref === "string" && s.$ref.startsWith("#")) {
    let target: unknown = root;
    for (const part of s.$ref.slice(1).split("/").filter(Boolean)) target = isPlainObject(target) ? target[part] : undefined;
    return sampleInstance(target, root, pick, depth + 1);
  }
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum.length ? s.enum[pick(s.enum.length)] : null;
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    const list = s[key];
    if (Array.isArray(list) && list.length) return sampleInstance(list[key === "allOf" ? 0 : pick(list.length)], root, pick, depth + 1);
  }
  const types = Array.isArray(s.type) ? s.type : typeof s.type === "string" ? [s.type] : [s.properties ? "object" : s.items ? "array" : ["object", "string", "number"][pick(3)]];
  const type = types[pick(types.length)];
  const num = (key: string) => (typeof s[key] === "number" ? (s[key] as number) : undefined);
  switch (type) {
    case "string": {
      if (typeof s.format === "string" && FORMAT_SAMPLES[s.format]) return FORMAT_SAMPLES[s.format];
      if (typeof s.pattern === "string" && s.pattern in PATTERN_SAMPLES) return PATTERN_SAMPLES[s.pattern];
      const length = Math.min(Math.max(num("minLength") ?? 0, 1 + pick(4)), num("maxLength") ?? 100);
      return ["a", "é", "🙂", "\u0000", "x"][pick(5)]!.repeat(Math.max(0, length));
    }
    case "integer":
    case "number": {
      const step = num("multipleOf") ?? (type === "integer" ? 1 : 0.5);
      const fits = (v: number) =>
        Number.isFinite(v) && (type === "number" || Number.isInteger(v)) && (num("minimum") === undefined || v >= num("minimum")!) && (num("maximum") === undefined || v <= num("maximum")!) &&
        (num("exclusiveMinimum") === undefined || v > num("exclusiveMinimum")!) && (num("exclusiveMaximum") === undefined || v < num("exclusiveMaximum")!) && (step <= 0 || Math.abs(v / step - Math.round(v / step)) < 1e-9);
      const anchors = [0, 1, -1, 10, num("minimum"), num("maximum"), num("exclusiveMinimum"), num("exclusiveMaximum")].filter((v): v is number => v !== undefined && Number.isFinite(v));
      const candidates = anchors.flatMap((v) => (step > 0 ? [Math.ceil(v / step) * step, Math.floor(v / step) * step, (Math.ceil(v / step) + 1) * step, (Math.floor(v / step) - 1) * step] : [v]));
      const valid = candidates.filter(fits);
      return valid.length ? valid[pick(valid.length)]! : candidates[pick(candidates.length)] ?? 0;
    }
    case "boolean":
      return pick(2) === 1;
    case "null":
      return null;
    case "array": {
      const length = Math.min(Math.max(num("minItems") ?? 0, pick(3)), num("maxItems") ?? 10);
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
      const items = Array.from({ length }, (_, i) => sampleInstance(i < prefix.length ? prefix[i] : (s.items ?? true), root, pick, depth + 1));
      if (s.contains !== undefined) items.push(sampleInstance(s.contains, root, pick, depth + 1));
      return s.uniqueItems === true ? [...new Map(items.map((v) => [JSON.stringify(v), v])).values()] : items;
    }
    default: {
      const out: Record<string, unknown> = {};
      const set = (key: string, value: unknown) => Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      const required = (Array.isArray(s.required) ? s.required : []).filter((k): k is string => typeof k === "string");
      const properties = isPlainObject(s.properties) ? s.properties : {};
      const extra = s.additionalProperties === undefined ? true : s.additionalProperties;
      const wanted = num("minProperties") ?? 0;
      for (const [key, sub] of Object.entries(properties)) if (required.includes(key) || pick(2) || wanted > 0) set(key, sampleInstance(sub, root, pick, depth + 1));
      for (const key of required) if (!Object.prototype.hasOwnProperty.call(out, key)) set(key, sampleInstance(extra, root, pick, depth + 1));
      for (let i = 0; Object.keys(out).length < wanted && i < 10; i++) set(`x_${i}`, sampleInstance(isPlainObject(s.patternProperties) && s.patternProperties["^x_"] !== undefined ? s.patternProperties["^x_"] : extra, root, pick, depth + 1));
      const most = num("maxProperties");
      if (most !== undefined) for (const key of Object.keys(out)) if (Object.keys(out).length > most && !required.includes(key)) delete out[key];
      return out;
    }
  }
}

const CREATE_ACTOR = `mutation($pod: String!, $config: JSON!, $name: String) { createActor(pod: $pod, config: $config, name: $name) { id name indexes configVersion } }`;

const A = "a. JSON Schema configs";

describe("fuzz: JSON Schema configs (fast-check, fixed seed)", () => {
  beforeAll(() => logSettings("fuzz.test.ts"));

  afterAll(() => logSummary("fuzz.test.ts"));

  it("a. random JSON Schemas as actor configs: success or a well-formed error, over REST and GraphQL alike, never a 5xx", async () => {
    // Refused configs create no object, so configs go first, unnamed, to one shared pod; only accepted
    // ones get a pod of their own (this environment slows down with every Durable Object created).
    const shared = uniquePodName("fa");
    expect((await http("POST", "/pods", { name: shared })).status).toBe(201);
    touched.pods.add(shared);
    type Created = { ok: true; id: string } | { ok: false; code: string; nameProblem: boolean; body: unknown };
    const viaRest = async (pod: string, config: unknown, name: string | null): Promise<Created> => {
      const res = await http("POST", `/pods/${pod}/actors`, { config, ...(name === null ? {} : { name }) });
      expectRest(res, [201], `REST createActor ${preview(config)}`);
      if (res.status === 201) return { ok: true, id: res.json.actorId };
      return { ok: false, code: res.json.code, nameProblem: res.json.details?.field === "name", body: res.json };
    };
    const viaGraphql = async (pod: string, config: unknown, name: string | null): Promise<Created> => {
      const res = await gqlRequest("/graphql", CREATE_ACTOR, { pod, config, name });
      expectCodedErrors(res, `GraphQL createActor ${preview(config)}`);
      if (res.json.data?.createActor) return { ok: true, id: res.json.data.createActor.id };
      const error = res.json.errors[0];
      return { ok: false, code: error.extensions.code, nameProblem: error.extensions.details?.field === "name", body: res.json };
    };
    const arbitrary = fc.record({ config: CONFIG, name: ACTOR_NAME, restFirst: fc.boolean(), choices: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }) });
    await runProperty(
      A,
      arbitrary,
      async ({ config, name, restFirst, choices }) => {
        let cursor = 0;
        const pick = (n: number) => (n <= 0 ? 0 : choices[cursor++ % choices.length]! % n);
        const [first, second] = restFirst ? [viaRest, viaGraphql] : [viaGraphql, viaRest];
        const unnamed = await first(shared, config, null);
        if (!unnamed.ok) {
          // A refusal names a reason a client can act on, and the other API refuses too.
          expect(["INVALID_CONFIG", "BAD_USER_INPUT", "PAYLOAD_TOO_LARGE"], preview(unnamed.body)).toContain(unnamed.code);
          const again = await second(shared, config, null);
          if (again.ok) throw new Error(`${restFirst ? "REST refused, GraphQL accepted" : "GraphQL refused, REST accepted"} ${preview(config)}: ${preview(unnamed.body)}`);
          count(A, `config refused (${unnamed.code})`);
          return;
        }
        count(A, "config accepted");
        touched.actors.add(`/pods/${shared}/actors/${unnamed.id}`);
        // Accepted: the other API creates it again, named, in a pod of its own, for the typed endpoint.
        const pod = uniquePodName("fa");
        expect((await http("POST", "/pods", { name: pod })).status).toBe(201);
        touched.pods.add(pod);
        const actor = await second(pod, config, name);
        if (!actor.ok) {
          if (actor.nameProblem) return void count(A, "name refused");
          throw new Error(`${restFirst ? "REST accepted, GraphQL refused" : "GraphQL accepted, REST refused"} ${preview(config)}: ${preview(actor.body)}`);
        }
        const base = `/pods/${pod}/actors/${actor.id}`;
        touched.actors.add(base);
        // The typed endpoint builds its schema from whatever was accepted.
        const typed = await gqlRequest(`/pods/${pod}/graphql`, "{ _schemaVersion }");
        expectGraphql(typed, `typed endpoint of actor ${JSON.stringify(name)} with ${preview(config)}`);
        if (typeof typed.json.data?._schemaVersion !== "number") throw new Error(`typed endpoint did not build for ${preview(config)}: ${preview(typed.json)}`);
        // Documents shaped after the schema (a few tries): stored or refused with reasons; stored ones read back through the typed API.
        let doc: unknown;
        let created: Res | null = null;
        for (let attempt = 0; attempt < 3 && created?.status !== 201; attempt++) {
          doc = sampleInstance(config.schema, config.schema, pick);
          created = await http("POST", `${base}/items`, JSON.stringify(doc) ?? "null");
          expectRest(created, [201], `document ${preview(doc)} for ${preview(config)}`);
        }
        created = created!;
        count(A, created.status === 201 ? "document stored" : `document refused (${created.json.code})`);
        if (created.status !== 201) {
          expect(["SCHEMA_VALIDATION_FAILED", "PAYLOAD_TOO_LARGE", "BAD_USER_INPUT"]).toContain(created.json.code);
          return;
        }
        const schema = vocabulary(await introspect(`/pods/${pod}/graphql`));
        const query = schema.fields.get(schema.root.query)!;
        for (const field of query.fields!) {
          const connection = schema.fields.get(named(field.type).name!);
          const nodes = connection?.fields?.find((f) => f.name === "nodes");
          if (!nodes || field.args.some((a) => a.type.kind === "NON_NULL")) continue;
          const read = await gqlRequest(`/pods/${pod}/graphql`, `{ list: ${field.name}(first: 5) { totalCount nodes { ${selectAll(schema.fields, named(nodes.type).name!, 3)} } } }`);
          expectGraphql(read, `typed read of ${field.name} holding ${preview(doc)} under ${preview(config)}`);
          count(A, "typed reads");
          if (read.json.errors) throw new Error(`typed read of ${field.name} failed on a stored, valid document ${preview(doc)} under ${preview(config)}: ${preview(read.json.errors)}`);
        }
      },
      runs(40),
    );
  }, 180_000);

  it("e. every pod and actor touched still answers", async () => {
    await expectTouchedAnswer();
  }, 300_000);
});
