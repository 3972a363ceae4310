/**
 * Properties c and d of the fuzz tests, against /graphql, a pod's typed
 * endpoint and the REST API:
 *
 *   c. random GraphQL operation strings (random tokens, random selections
 *      from the real schemas with random arguments, random variables, unicode
 *      with lone surrogates, emoji and NUL): a well-formed GraphQL answer
 *      (JSON with data and/or errors, each error with a message), never a 5xx;
 *   d. malformed HTTP bodies (truncated JSON, wrong content types, strings
 *      near the size limits of src/limits.ts, deeply nested JSON, odd text,
 *      wrong shapes): well-formed 4xx JSON errors, never a 5xx;
 *   e. afterwards, every pod and actor touched still answers.
 *
 * Truly invalid UTF-8 bytes cannot be sent: helpers.ts `http` takes bodies as
 * strings, which are always encoded as UTF-8 (lone surrogates become U+FFFD).
 * See fuzz/support.ts for why the properties are split over files.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../src/limits.js";
import { uniquePodName } from "./helpers.js";
import {
  count, expectRest, expectTouchedAnswer, gqlRequest, graphqlProblem, http, introspect, logSettings, logSummary, named, noteKnown, preview, runProperty, runs, sometimes,
  touched, UNICODE, vocabulary, withTimeout, type TypeRef, type Vocabulary,
} from "./fuzz/support.js";

// ---------------------------------------------------------------------------
// c. Random GraphQL operation strings
// ---------------------------------------------------------------------------

/** A GraphQL literal for an argument of type `ref`, or something else entirely; `pick(n)` chooses in [0, n). */
function literalFor(ref: TypeRef, v: Vocabulary, strings: string[], pick: (n: number) => number, depth: number): string {
  if (pick(12) === 0) return ["$v", "null", '"x"', "1", "[]", "{}", "true", "ENUM_X", "1e999", "-0", "2147483648"][pick(11)]!;
  if (ref.kind === "NON_NULL") return literalFor(ref.ofType!, v, strings, pick, depth);
  if (ref.kind === "LIST") return `[${Array.from({ length: pick(3) }, () => literalFor(ref.ofType!, v, strings, pick, depth + 1)).join(", ")}]`;
  const type = v.fields.get(ref.name ?? "");
  if (type?.kind === "ENUM") return type.enumValues![pick(type.enumValues!.length)]!.name;
  if (type?.kind === "INPUT_OBJECT" && depth < 3) {
    const fields = type.inputFields!.filter((f) => f.type.kind === "NON_NULL" || pick(2));
    return `{ ${fields.map((f) => `${f.name}: ${literalFor(f.type, v, strings, pick, depth + 1)}`).join(", ")} }`;
  }
  switch (ref.name) {
    case "Int":
      return String([0, 1, 2, -1, 3, 201, 2 ** 31 - 1][pick(7)]);
    case "Float":
      return ["0", "1.5", "-1e10", "1e308"][pick(4)]!;
    case "Boolean":
      return pick(2) ? "true" : "false";
    case "JSON":
      return ['{ a: 1, b: [true, null] }', '"s"', "1", "[{ }]", "null", `{ title: ${JSON.stringify(strings[pick(strings.length)])} }`][pick(6)]!;
    default: {
      const text = strings[pick(strings.length)]!;
      // GraphQL has no escape for a lone surrogate: such a literal is a (fine) syntax error, so mostly keep to well-formed ones.
      return JSON.stringify(/[\ud800-\udfff]/.test(text) && pick(4) !== 0 ? text.replace(/[\ud800-\udfff]/g, "?") : text);
    }
  }
}

/** A selection on `typeName`, 1-3 fields chosen at random, with arguments. */
function selectionFor(typeName: string, v: Vocabulary, strings: string[], pick: (n: number) => number, depth: number): string {
  const type = v.fields.get(typeName);
  if (!type?.fields?.length || depth > 4) return "__typename";
  const parts: string[] = [];
  for (let i = 0, n = 1 + pick(3); i < n; i++) {
    const field = type.fields[pick(type.fields.length)]!;
    const args = field.args.filter((a) => a.type.kind === "NON_NULL" || pick(3) === 0);
    const argText = args.length ? `(${args.map((a) => `${a.name}: ${literalFor(a.type, v, strings, pick, 0)}`).join(", ")})` : "";
    const target = v.fields.get(named(field.type).name ?? "");
    // Two selections of one field need aliases, or they conflict whenever their arguments differ.
    const alias = pick(6) === 0 || parts.some((p) => p.startsWith(field.name)) ? `a${depth}_${i}: ` : "";
    const sub = target && (target.kind === "OBJECT" || target.kind === "INTERFACE" || target.kind === "UNION") ? ` { ${target.kind === "OBJECT" ? selectionFor(target.name, v, strings, pick, depth + 1) : "__typename"} }` : "";
    parts.push(`${alias}${field.name}${argText}${sub}`);
  }
  if (pick(5) === 0) parts.push("__typename");
  return parts.join(" ");
}

const PUNCTUATION = fc.constantFrom("{", "}", "(", ")", ":", "$", "...", "@", "[", "]", "=", "!", "|", "&", ",", "#");
const KEYWORD = fc.constantFrom("query", "mutation", "subscription", "fragment", "on", "true", "false", "null", "schema", "type", "input", "directive", "@include(if: true)", "@skip(if: $v)", "@deprecated", "@defer", "@stream", "__typename", "__schema", '__type(name: "Query")', "$v: JSON", "$v: String!");
const NUMBER = fc.constantFrom("0", "-0", "1e999", "-1.5e-3", "0x10", "01", "9007199254740993", "2147483648", "NaN", ".5", "1.");
const STRING_LITERAL = fc.oneof(UNICODE.map((s) => JSON.stringify(s)), UNICODE.map((s) => `"""${s}"""`), UNICODE.map((s) => `"${s}"`));

const VARIABLES = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(fc.constantFrom("v", "pod", "id", "name", "data", "where", "first", "a", "d"), fc.oneof(fc.jsonValue({ maxDepth: 3 }), UNICODE), { maxKeys: 3 }) as fc.Arbitrary<unknown> },
  { weight: 1, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 1 }), UNICODE) as fc.Arbitrary<unknown> },
);

// ---------------------------------------------------------------------------
// d. Malformed HTTP bodies
// ---------------------------------------------------------------------------

type BodyKind = "truncated" | "content-type" | "near-limit" | "over-limit" | "deep" | "odd-text" | "wrong-shape";
interface MalformedCase {
  endpoint: number;
  kind: BodyKind;
  cut: number;
  contentType: string;
  delta: number;
  char: string;
  depth: number;
  objects: boolean;
  text: string;
  shape: unknown;
}

const NON_JSON_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x", "application/xml", "text/json", "application/jsonx", "application/octet-stream", "", "text/html; charset=utf-8", "application/graphql"];

const C = "c. GraphQL operation strings";
const D = "d. malformed bodies";

describe("fuzz: GraphQL operations and malformed bodies (fast-check, fixed seed)", () => {
  let typedPod = "";
  let opsActor = "";
  let globalVocabulary: Vocabulary;
  let typedVocabulary: Vocabulary;
  let strings: string[] = [];

  beforeAll(async () => {
    logSettings("fuzz-requests.test.ts");
    typedPod = uniquePodName("fz");
    expect((await http("POST", "/pods", { name: typedPod })).status).toBe(201);
    const notes = await http("POST", `/pods/${typedPod}/actors`, {
      name: "notes",
      config: { actorType: "store", version: "v1", schema: { type: "object", required: ["title"], properties: { title: { type: "string" }, done: { type: "boolean" }, n: { type: "integer" }, authorId: { type: "string", "x-ref": "people" }, meta: { type: "object", properties: { type: { type: "string", enum: ["a", "b-c"] } } } } }, indexes: ["title", "done", "n", "meta.type"] },
    });
    expect(notes.status).toBe(201);
    const people = await http("POST", `/pods/${typedPod}/actors`, { name: "people", config: { actorType: "store", version: "v1", schema: { type: "object", properties: { name: { type: "string" } } } } });
    expect(people.status).toBe(201);
    opsActor = `/pods/${typedPod}/actors/${notes.json.actorId}`;
    touched.pods.add(typedPod);
    touched.actors.add(opsActor);
    touched.actors.add(`/pods/${typedPod}/actors/${people.json.actorId}`);
    const ids: string[] = [];
    for (const title of ["one", "two", "🙂"]) ids.push((await http("POST", `${opsActor}/items`, { title, n: ids.length, meta: { type: "a" } })).json.id);
    strings = [typedPod, "notes", "people", notes.json.actorId, `${typedPod}/${notes.json.actorId}`, ...ids, "title", "meta.type", "", "\u0000", "\ud800", "🙂", "nope", "01JZZZZZZZZZZZZZZZZZZZZZZZ"];
    globalVocabulary = vocabulary(await introspect("/graphql"));
    typedVocabulary = vocabulary(await introspect(`/pods/${typedPod}/graphql`));
  });

  afterAll(() => logSummary("fuzz-requests.test.ts"));

  it("c. random GraphQL operation strings get a well-formed GraphQL answer, never a 5xx", async () => {
    const tokens = (v: Vocabulary) =>
      fc.array(fc.oneof({ weight: 3, arbitrary: PUNCTUATION }, { weight: 2, arbitrary: KEYWORD }, { weight: 4, arbitrary: fc.constantFrom(...v.names) }, { weight: 1, arbitrary: NUMBER }, { weight: 1, arbitrary: STRING_LITERAL }, { weight: 1, arbitrary: UNICODE }), { maxLength: 40 });
    const arbitrary = fc.record({
      typed: fc.boolean(),
      shape: fc.constantFrom("tokens", "structured", "structured", "wrapped"),
      separator: fc.constantFrom(" ", "", "\n", ",", "\u0000", "\t"),
      choices: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
      globalTokens: tokens(globalVocabulary),
      typedTokens: tokens(typedVocabulary),
      mutation: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      variables: sometimes(VARIABLES, 0.6),
      operationName: sometimes(fc.oneof(fc.constantFrom("Op", "Op", "Other", ""), UNICODE), 0.25),
      declare: sometimes(fc.constantFrom("($v: JSON)", "($v: String!)", "($v: [ID!], $pod: String = \"x\")", "($v: Int)", "($v: NotAType)"), 0.4),
    });
    const check = async (c: typeof arbitrary extends fc.Arbitrary<infer T> ? T : never) => {
      let cursor = 0;
      const pick = (n: number) => (n <= 0 ? 0 : c.choices[cursor++ % c.choices.length]! % n);
      const v = c.typed ? typedVocabulary : globalVocabulary;
      let query: string;
      if (c.shape === "tokens") query = (c.typed ? c.typedTokens : c.globalTokens).join(c.separator);
      else {
        const root = c.mutation && v.root.mutation ? v.root.mutation : v.root.query;
        const keyword = root === v.root.query ? "query" : "mutation";
        const body = selectionFor(root, v, strings, pick, 0);
        // Structured operations are meant to run: variables declared only when used, no stray operation name.
        const declare = c.shape === "wrapped" || body.includes("$v") ? (c.declare ?? "") : "";
        query = c.shape === "wrapped" ? `${keyword} ${c.operationName ?? "Op"}${declare} { ${body} } ${(c.typed ? c.typedTokens : c.globalTokens).slice(0, 5).join(" ")}` : `${keyword}${declare ? ` Op${declare}` : ""} { ${body} }`;
      }
      const operationName = c.shape === "structured" ? null : c.operationName;
      const path = c.typed ? `/pods/${typedPod}/graphql` : "/graphql";
      const res = await withTimeout(gqlRequest(path, query, c.variables ?? undefined, operationName === null ? {} : { operationName }), 15_000, `${path} ${JSON.stringify(query)} variables ${preview(c.variables)}`);
      if (res.status === 406 && res.json === null && /subscription/.test(query)) {
        noteKnown("406 with an empty body for a subscription over a non-SSE accept");
        return;
      }
      const problem = graphqlProblem(res);
      if (problem) throw new Error(`${path} ${JSON.stringify(query)} variables ${preview(c.variables)}: ${problem}`);
      count(C, `${c.shape}: ${res.status} ${res.json.data ? (res.json.errors ? "data and errors" : "data") : "errors"}`);
    };
    await runProperty(C, arbitrary, check, runs(120));
    // The same, four requests at once: answers stay well-formed whatever runs beside them.
    await runProperty(`${C}, 4 at once`, fc.array(arbitrary, { minLength: 4, maxLength: 4 }), async (cases) => void (await Promise.all(cases.map(check))), runs(15));
  }, 180_000);

  it("d. malformed HTTP bodies get well-formed 4xx JSON errors, never a 5xx", async () => {
    const itemId = (await http("POST", `${opsActor}/items`, { title: "target" })).json.id as string;
    const actorPath = opsActor;
    const endpoints: { method: string; path: string; graphql: boolean; valid: unknown; limit: "item" | "config" | "request" }[] = [
      { method: "POST", path: "/pods", graphql: false, valid: { name: "zz-never-created" }, limit: "request" },
      { method: "POST", path: `/pods/${typedPod}/actors`, graphql: false, valid: { name: "zz", config: { actorType: "store", version: "v1", schema: { type: "object", description: "x" } } }, limit: "config" },
      { method: "PATCH", path: actorPath, graphql: false, valid: { params: { retention_days: 3 } }, limit: "config" },
      { method: "POST", path: `${actorPath}/items`, graphql: false, valid: { title: "x" }, limit: "item" },
      { method: "POST", path: `${actorPath}/items/batch`, graphql: false, valid: [{ title: "x" }], limit: "item" },
      { method: "PUT", path: `${actorPath}/items/${itemId}`, graphql: false, valid: { title: "x" }, limit: "item" },
      { method: "PATCH", path: `${actorPath}/items/${itemId}`, graphql: false, valid: { title: "x" }, limit: "item" },
      { method: "POST", path: "/graphql", graphql: true, valid: { query: `mutation($d: JSON!) { createItem(actor: "${typedPod}/notes", data: $d) { id } }`, variables: { d: { title: "x" } } }, limit: "request" },
      { method: "POST", path: `/pods/${typedPod}/graphql`, graphql: true, valid: { query: "mutation($d: NotesInput!) { createNotes(data: $d) { id } }", variables: { d: { title: "x" } } }, limit: "request" },
    ];
    const arbitrary: fc.Arbitrary<MalformedCase> = fc.record({
      endpoint: fc.nat(endpoints.length - 1),
      kind: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom<BodyKind>("truncated", "content-type", "deep", "odd-text", "wrong-shape") },
        { weight: 1, arbitrary: fc.constantFrom<BodyKind>("near-limit", "over-limit") },
      ),
      cut: fc.nat(),
      contentType: fc.oneof(fc.constantFrom(...NON_JSON_TYPES), fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n\u0000]/g, "") || "x/y")),
      delta: fc.integer({ min: -4, max: 4 }),
      char: fc.constantFrom("x", "é", "€", "🙂", "\\u0000", '\\"'),
      depth: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 100, max: 3000 }), fc.constantFrom(10_000, 100_000)),
      objects: fc.boolean(),
      text: fc.oneof(
        fc.constantFrom("\uFEFF{}", "{\u0000}", '{"title":"\ud800"}', "\ud800\udc00", '{"title":"a"}\u0000', "\uFFFD\uFFFD", "{'title':'x'}", '{"title":"x",}', "[1,]", "NaN", "undefined", '{"__proto__":{"polluted":1},"title":"x"}', "1".repeat(400), '{"a":1e999}', '"\\ud800"'),
        fc.string({ unit: "binary", maxLength: 30 }),
      ),
      shape: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<unknown>([], {}, null, 0, "", { config: 5 }, { items: "x" }, { query: 5 }, { query: "{ __typename }", variables: [] })),
    });
    const check = async (c: typeof arbitrary extends fc.Arbitrary<infer T> ? T : never) => {
      const endpoint = endpoints[c.endpoint]!;
      const valid = JSON.stringify(endpoint.valid);
      let body: string;
      let headers: Record<string, string> = {};
      let mustRefuse = true;
      switch (c.kind) {
        case "truncated":
          body = valid.slice(0, 1 + (c.cut % (valid.length - 1)));
          break;
        case "content-type":
          body = valid;
          headers = { "content-type": c.contentType };
          // Declared JSON after all (e.g. "application/foo+json"): then anything goes but a 5xx.
          mustRefuse = !/^application\/([\w.+-]+\+)?json\b/i.test(c.contentType);
          break;
        case "near-limit":
        case "over-limit": {
          const limit = c.kind === "over-limit" ? LIMITS.maxRequestBytes : endpoint.limit === "item" ? LIMITS.maxItemBytes : endpoint.limit === "config" ? LIMITS.maxConfigBytes : LIMITS.maxRequestBytes;
          const unit = c.char.startsWith("\\") ? c.char.length : new TextEncoder().encode(c.char).length;
          const filler = c.char.repeat(Math.max(0, Math.floor((limit - valid.length) / unit)));
          // A huge string in the place the endpoint reads: the title, the schema's description, or the variables.
          body = valid.replace(/"x"/, `"x${filler}"`);
          if (body === valid) body = valid.replace(/^\{/, `{"pad":"${filler}",`);
          const bytes = new TextEncoder().encode(body).length;
          // Near: a few bytes either side of the limit's mark; over: past the request limit by 1 to 5 bytes.
          body += " ".repeat(c.kind === "over-limit" ? Math.max(0, LIMITS.maxRequestBytes - bytes) + 1 + Math.abs(c.delta) : Math.max(0, c.delta + 4));
          mustRefuse = c.kind === "over-limit";
          break;
        }
        case "deep": {
          const open = c.objects ? '{"a":'.repeat(c.depth) : "[".repeat(c.depth);
          const close = c.objects ? "}".repeat(c.depth) : "]".repeat(c.depth);
          body = valid.replace(/"x"/, `${open}"x"${close}`);
          if (body === valid) body = valid.replace(/^\{/, `{"deep":${open}1${close},`);
          mustRefuse = false;
          break;
        }
        case "odd-text":
          body = c.text;
          mustRefuse = false;
          break;
        case "wrong-shape":
          body = JSON.stringify(c.shape) ?? "null";
          mustRefuse = false;
          break;
      }
      const res = await http(endpoint.method, endpoint.path, body, headers);
      const what = `${endpoint.method} ${endpoint.path} ${c.kind} ${headers["content-type"] !== undefined ? `content-type ${JSON.stringify(headers["content-type"])} ` : ""}body ${preview(body, 200)}`;
      if (endpoint.path === "/pods" && res.status === 201) touched.pods.add(res.json.podName);
      count(D, `${c.kind} ${endpoint.graphql ? "graphql" : "rest"}: ${res.status}`);
      if (res.status >= 500) throw new Error(`${what}: status ${res.status} ${preview(res.json)}`);
      if (mustRefuse && res.status < 400) throw new Error(`${what}: accepted with ${res.status} ${preview(res.json)}`);
      if (!endpoint.graphql) {
        if (res.status >= 400) expectRest(res, [], what);
        return;
      }
      if (res.json === null && (res.status === 415 || res.status === 406)) {
        noteKnown(`${res.status} with an empty body from a GraphQL endpoint`);
        return;
      }
      const problem = graphqlProblem(res);
      if (problem) throw new Error(`${what}: ${problem}`);
    };
    await runProperty(D, arbitrary, check, runs(80));
    // The same, four requests at once: answers stay well-formed whatever runs beside them.
    await runProperty(`${D}, 4 at once`, fc.array(arbitrary, { minLength: 4, maxLength: 4 }), async (cases) => void (await Promise.all(cases.map(check))), runs(10));
  }, 180_000);

  it("e. every pod and actor touched still answers", async () => {
    await expectTouchedAnswer();
  }, 300_000);
});
