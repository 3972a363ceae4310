/**
 * Hostile JSON Schemas, through the real HTTP surfaces: REST
 * `POST /pods/{pod}/actors` and `PATCH /pods/{pod}/actors/{actor}`, GraphQL
 * `createActor` and `updateActor`. Each refusal is a 400 `INVALID_CONFIG`
 * (`invalid_config`) whose details and message name the JSON Pointer of the
 * offending keyword and the reason; nothing is created or changed. What is
 * refused and why: docs/json-schema.md, "Hostile schemas".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../src/limits.js";
import { gql, http, typedGql, uniquePodName } from "./helpers.js";

const config = (schema: unknown) => ({ actorType: "store", version: "v1", schema });
const CREATE = `mutation($pod: String!, $config: JSON!, $name: String) { createActor(pod: $pod, config: $config, name: $name) { id } }`;
const UPDATE = `mutation($pod: String!, $actor: ID!, $schema: JSON) { updateActor(pod: $pod, actor: $actor, schema: $schema) { id configVersion } }`;

let pod = "";
beforeAll(async () => {
  pod = uniquePodName("hostile");
  expect((await http("POST", "/pods", { name: pod })).status).toBe(201);
});

interface Refusal {
  schema: unknown;
  /** JSON Pointer into the config, as `details[].path` reports it. */
  path: string;
  /** Words of the reason the message must contain. */
  reason: string | RegExp;
}

/** Creating an actor with `schema` fails over REST and over GraphQL with the pointer and the reason; no actor is created. */
async function expectRefusedOnCreate({ schema, path, reason }: Refusal): Promise<void> {
  const before = (await http("GET", `/pods/${pod}`)).json.actorCount;
  const rest = await http("POST", `/pods/${pod}/actors`, { config: config(schema) });
  expect(rest.status, JSON.stringify(rest.json)).toBe(400);
  expect(rest.json).toMatchObject({ error: "invalid_config", code: "INVALID_CONFIG" });
  expect(rest.json.details.map((d: { path: string }) => d.path)).toContain(path);
  const detail = rest.json.details.find((d: { path: string }) => d.path === path);
  expect(detail.message).toMatch(reason);
  expect(rest.json.message).toContain(path);

  const graphql = await gql(CREATE, { pod, config: config(schema) });
  expect(graphql.data?.createActor ?? null).toBeNull();
  expect(graphql.errors?.[0]?.extensions?.code).toBe("INVALID_CONFIG");
  expect(graphql.errors![0]!.message).toContain(path);
  expect(graphql.errors![0]!.message).toMatch(reason);
  expect(graphql.errors![0]!.extensions!.details.map((d: { path: string }) => d.path)).toContain(path);
  expect((await http("GET", `/pods/${pod}`)).json.actorCount).toBe(before);
}

/** Changing an existing actor's schema to `schema` fails over REST and GraphQL; its config version stays. */
async function expectRefusedOnUpdate({ schema, path, reason }: Refusal): Promise<void> {
  const created = await http("POST", `/pods/${pod}/actors`, { config: config({ type: "object" }) });
  expect(created.status).toBe(201);
  const id = created.json.actorId as string;
  const rest = await http("PATCH", `/pods/${pod}/actors/${id}`, { schema });
  expect(rest.status, JSON.stringify(rest.json)).toBe(400);
  expect(rest.json.error).toBe("invalid_config");
  expect(rest.json.details.map((d: { path: string }) => d.path)).toContain(path);
  expect(rest.json.message).toMatch(reason);
  const graphql = await gql(UPDATE, { pod, actor: id, schema });
  expect(graphql.errors?.[0]?.extensions?.code).toBe("INVALID_CONFIG");
  expect(graphql.errors![0]!.message).toContain(path);
  expect(graphql.errors![0]!.message).toMatch(reason);
  expect((await http("GET", `/pods/${pod}/actors/${id}`)).json.configVersion).toBe(1);
}

describe("hostile schemas: regexes that backtrack catastrophically", () => {
  // Patterns RE2 runs are accepted whatever their shape (linear time); these need a backtracking
  // engine (lookaround, backreferences, counts past RE2's 1000) and could blow up there.
  const evil = "^(?=(\\w+\\s?)*$)";
  const backtracking = /only a backtracking engine can run/;
  const cases: [string, Refusal][] = [
    ["pattern on a property", { schema: { type: "object", properties: { name: { type: "string", pattern: evil } } }, path: "/schema/properties/name/pattern", reason: /lookahead.*nested repetition/ }],
    ["pattern under $defs", { schema: { $defs: { code: { type: "string", pattern: "^(?=(a|aa)+$)" } }, properties: { code: { $ref: "#/$defs/code" } } }, path: "/schema/$defs/code/pattern", reason: /alternation inside repetition/ }],
    ["a patternProperties key", { schema: { type: "object", patternProperties: { "^(?!(\\d+)*$)": { type: "string" } } }, path: "/schema/patternProperties/^(?!(\\d+)*$)", reason: /nested repetition/ }],
    ["a propertyNames pattern", { schema: { type: "object", propertyNames: { pattern: "^(?=.*.*=.*$)" } }, path: "/schema/propertyNames/pattern", reason: /adjacent repetitions/ }],
    ["an unanchored pattern on array items", { schema: { type: "array", items: { type: "string", pattern: "(?<=x)\\s+$" } }, path: "/schema/items/pattern", reason: backtracking }],
    ["a backreference", { schema: { type: "string", pattern: "^(a+)\\1$" } , path: "/schema/pattern", reason: /backreferences/ }],
    ["a pattern past the length limit", { schema: { type: "string", pattern: `^${"a".repeat(LIMITS.maxPatternLength)}$` }, path: "/schema/pattern", reason: new RegExp(`at most ${LIMITS.maxPatternLength}`) }],
    ["a pattern that does not compile with the u flag", { schema: { type: "string", pattern: "\\-" }, path: "/schema/pattern", reason: /invalid regular expression/ }],
    ["a key with a slash, escaped in the pointer", { schema: { patternProperties: { "a/(?=(b+)+)": {} } }, path: "/schema/patternProperties/a~1(?=(b+)+)", reason: /nested repetition/ }],
  ];
  it.each(cases)("refuses %s on create, over REST and GraphQL", async (_, refusal) => expectRefusedOnCreate(refusal));
  it.each(cases.slice(0, 4))("refuses %s on a schema update, over REST and GraphQL", async (_, refusal) => expectRefusedOnUpdate(refusal));

  it("accepts the classic ReDoS patterns, which RE2 runs in linear time: 100 KB adversarial values are answered at once", async () => {
    const shapes = { a: "^(\\w+\\s?)*$", b: "^(a|aa)+$", c: "^(\\d+)*$", d: "^.*.*=.*$", e: "\\s+$", f: "f.*o", g: "\\b\\w+\\b" };
    const schema = { type: "object", properties: Object.fromEntries(Object.entries(shapes).map(([k, pattern]) => [k, { type: "string", pattern }])) };
    const res = await http("POST", `/pods/${pod}/actors`, { config: config(schema) });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const base = `/pods/${pod}/actors/${res.json.actorId}`;
    const evilValues = { a: `${"a ".repeat(50_000)}!`, b: `${"a".repeat(100_000)}!`, c: `${"1".repeat(100_000)}x`, d: `${"=".repeat(100_000)}`, e: `${" ".repeat(100_000)}x`, f: "x".repeat(100_000), g: "!".repeat(100_000) };
    for (const [key, value] of Object.entries(evilValues)) {
      const started = Date.now();
      const item = await http("POST", `${base}/items`, { [key]: value });
      // Each refused or stored; the point is that it is answered (a backtracking engine would not finish).
      expect([201, 400], `${key}: ${JSON.stringify(item.json).slice(0, 200)}`).toContain(item.status);
      expect(Date.now() - started, key).toBeLessThan(20_000);
    }
    expect((await http("POST", `${base}/items`, { a: "hello world", b: "aaaa", c: "123", d: "x=y", e: "x ", f: "foo", g: "word" })).status).toBe(201);
  });

  it("accepts ordinary patterns, and a 100 KB adversarial value is refused or stored at once", async () => {
    const schema = {
      type: "object",
      properties: {
        slug: { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" },
        email: { type: "string", pattern: "^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$" },
        ip: { type: "string", pattern: "^(?:\\d{1,3}\\.){3}\\d{1,3}$" },
      },
      patternProperties: { "^x-[a-z]+(?:-[a-z]+)*$": { type: "string" } },
      additionalProperties: false,
    };
    const res = await http("POST", `/pods/${pod}/actors`, { config: config(schema) });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const base = `/pods/${pod}/actors/${res.json.actorId}`;
    const long = "a-".repeat(50_000);
    for (const body of [{ slug: `${long}-` }, { email: `a@${"a.".repeat(50_000)}!` }, { ip: `${"1".repeat(100_000)}.` }, { [`x-${long}-`]: 1 }]) {
      const item = await http("POST", `${base}/items`, body);
      expect(item.status).toBe(400);
      expect(item.json.error).toBe("invalid_document");
    }
    expect((await http("POST", `${base}/items`, { slug: `${long}a`, [`x-${long}a`]: "ok" })).status).toBe(201);
  });
});

/** A tree: each node's children are nodes, through `properties` and `items`. */
const treeSchema = {
  $defs: {
    node: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string", minLength: 1 }, children: { type: "array", items: { $ref: "#/$defs/node" } } },
      additionalProperties: false,
    },
  },
  $ref: "#/$defs/node",
};

/** A tree `levels` nodes deep; the deepest node's name is `leafName`. */
function tree(levels: number, leafName = "leaf"): Record<string, unknown> {
  let node: Record<string, unknown> = { name: leafName, children: [] };
  for (let i = 1; i < levels; i++) node = { name: `n${i}`, children: [node] };
  return node;
}

describe("hostile schemas: $ref cycles and repeated references", () => {
  const cases: [string, Refusal][] = [
    ["a schema that is only a $ref to itself", { schema: { $ref: "#" }, path: "/schema/$ref", reason: /\$ref cycle: \/\$ref → back to the start/ }],
    ["a $ref to itself beside real constraints", { schema: { type: "object", required: ["a"], $ref: "#" }, path: "/schema/$ref", reason: /validation would never end/ }],
    [
      "$defs a → b → a",
      { schema: { $defs: { a: { $ref: "#/$defs/b" }, b: { $ref: "#/$defs/a" } }, $ref: "#/$defs/a" }, path: "/schema/$defs/a/$ref", reason: /\/\$defs\/a\/\$ref → \/\$defs\/b\/\$ref → back to the start/ },
    ],
    ["a cycle through allOf", { schema: { $defs: { a: { allOf: [{ $ref: "#/$defs/a" }], type: "object" } } }, path: "/schema/$defs/a/allOf/0", reason: /\$ref cycle/ }],
    ["a cycle through if/then", { schema: { if: { type: "object" }, then: { $ref: "#" } }, path: "/schema/then", reason: /\$ref cycle/ }],
    ["a cycle through an $anchor", { schema: { $defs: { a: { $anchor: "loop", not: { $ref: "#loop" } } } }, path: "/schema/$defs/a/not", reason: /\$ref cycle/ }],
    [
      "references that double at every step (no cycle)",
      {
        schema: { $defs: Object.fromEntries([["a0", { type: "string" }], ...Array.from({ length: 30 }, (_, i) => [`a${i + 1}`, { allOf: [{ $ref: `#/$defs/a${i}` }, { $ref: `#/$defs/a${i}` }] }])]), $ref: "#/$defs/a30" },
        // a_k applies 2·(1 + a_(k-1)) + 1 schemas: a8 is the first past 1,000 (1,021).
        path: "/schema/$defs/a8",
        reason: new RegExp(`would apply \\d+ subschemas \\(at most ${LIMITS.maxSubschemasPerValue}\\)`),
      },
    ],
    [
      "a recursion that applies itself twice per level",
      {
        schema: { $defs: { s: { allOf: [{ properties: { x: { $ref: "#/$defs/s" } } }, { properties: { x: { $ref: "#/$defs/s" } } }] } }, $ref: "#/$defs/s" },
        path: "/schema/$defs/s/allOf/1/properties/x",
        reason: /the value at \/x\/x\/x\/x\/x\/x\/x\/x of a document would apply 1024 or more subschemas/,
      },
    ],
    ["a $ref into data", { schema: { examples: [{ pattern: "(a+)+$" }], $ref: "#/examples/0" }, path: "/schema/$ref", reason: /points into data/ }],
    ["two subschemas with one $id", { schema: { $defs: { a: { $id: "https://example.com/a" }, b: { $id: "https://example.com/a" } } }, path: "/schema", reason: /Duplicate schema URI/ }],
  ];
  it.each(cases)("refuses %s on create, over REST and GraphQL", async (_, refusal) => expectRefusedOnCreate(refusal));
  it.each(cases.slice(0, 3))("refuses %s on a schema update, over REST and GraphQL", async (_, refusal) => expectRefusedOnUpdate(refusal));

  it("accepts recursive schemas whose recursion goes down the document: a tree, a linked list, a binary tree", async () => {
    const list = { type: "object", properties: { value: { type: "integer" }, next: { $ref: "#" } } };
    const binary = { $defs: { t: { type: ["object", "null"], properties: { left: { $ref: "#/$defs/t" }, right: { $ref: "#/$defs/t" } } } }, $ref: "#/$defs/t" };
    for (const schema of [treeSchema, list, binary]) {
      const res = await http("POST", `/pods/${pod}/actors`, { config: config(schema) });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
  });

  it(`validates a tree at the nesting limit, points at the fault deep inside one, and refuses one nested past ${LIMITS.maxJsonDepth} levels`, async () => {
    const res = await http("POST", `/pods/${pod}/actors`, { config: config(treeSchema) });
    const base = `/pods/${pod}/actors/${res.json.actorId}`;
    // Each level is an object and its "children" array: maxJsonDepth / 2 levels fill the limit.
    const levels = LIMITS.maxJsonDepth / 2;
    expect((await http("POST", `${base}/items`, tree(levels))).status).toBe(201);
    const bad = await http("POST", `${base}/items`, tree(levels, ""));
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe("invalid_document");
    const leafPath = "/children/0".repeat(levels - 1) + "/name";
    expect(bad.json.details).toContainEqual(expect.objectContaining({ path: leafPath, keyword: "minLength" }));
    const deep = await http("POST", `${base}/items`, tree(levels + 1));
    expect(deep.status).toBe(400);
    expect(deep.json).toMatchObject({ error: "bad_request", code: "BAD_USER_INPUT", details: { maxDepth: LIMITS.maxJsonDepth } });
    const far = await http("POST", `${base}/items`, tree(20_000));
    expect(far.status).toBe(400);
    expect(far.json.code).toBe("BAD_USER_INPUT");
  });

  it("maps a recursive schema to typed GraphQL, and a typed write and read of a tree terminate", async () => {
    const res = await http("POST", `/pods/${pod}/actors`, { name: "tree", config: config({ type: "object", required: ["name"], properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#" } } } }) });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const data = { name: "root", children: [{ name: "a", children: [{ name: "a1", children: [] }] }, { name: "b", children: [] }] };
    const created = await typedGql(pod, `mutation($d: TreeInput!) { createTree(data: $d) { id } }`, { d: data });
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const read = await typedGql(pod, `{ tree(first: 5) { nodes { name children { name children { name children { name } } } } } }`);
    expect(read.errors, JSON.stringify(read.errors)).toBeUndefined();
    expect(read.data.tree.nodes).toContainEqual({ name: "root", children: [{ name: "a", children: [{ name: "a1", children: [] }] }, { name: "b", children: [] }] });
    // "children" is a list of the root type's recursive twin.
    const types = await typedGql(pod, `{ __type(name: "TreeData") { fields { name type { ofType { ofType { name } } } } } }`);
    expect(types.data.__type.fields).toContainEqual({ name: "children", type: { ofType: { ofType: { name: "TreeData" } } } });
  });
});

describe("hostile schemas: size and nesting bounds on every path that sets a schema", () => {
  /** A schema of about `bytes` bytes of JSON: many small properties. */
  const bigSchema = (bytes: number) => ({ type: "object", properties: Object.fromEntries(Array.from({ length: Math.ceil(bytes / 30) }, (_, i) => [`property_${i}`, { type: "string" }])) });
  /** A schema nested `levels` levels: properties within properties. */
  const deepSchema = (levels: number) => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < levels; i++) schema = { type: "object", properties: { a: schema } };
    return schema;
  };

  it(`refuses a config over ${LIMITS.maxConfigBytes} bytes on create and update, over REST and GraphQL`, async () => {
    const big = bigSchema(LIMITS.maxConfigBytes);
    expect(JSON.stringify(big).length).toBeGreaterThan(LIMITS.maxConfigBytes);
    await expectRefusedOnCreate({ schema: big, path: "", reason: new RegExp(`at most ${LIMITS.maxConfigBytes} bytes of JSON; this one is \\d+`) });
    await expectRefusedOnUpdate({ schema: big, path: "", reason: new RegExp(`at most ${LIMITS.maxConfigBytes} bytes`) });
    // Bytes, not characters: 100,000 three-byte characters are 300,000 bytes.
    const wide = { type: "string", description: "\u20ac".repeat(100_000) };
    await expectRefusedOnCreate({ schema: wide, path: "", reason: /bytes of JSON/ });
    expect((await http("POST", `/pods/${pod}/actors`, { config: config(bigSchema(LIMITS.maxConfigBytes / 2)) })).status).toBe(201);
  });

  it(`refuses a schema nested deeper than ${LIMITS.maxSchemaDepth} levels on create and update, over REST and GraphQL`, async () => {
    // Each level is two: the "properties" object and the subschema in it.
    const levels = LIMITS.maxSchemaDepth / 2 + 1;
    // The first value past the limit: level 1's "properties", at depth maxSchemaDepth + 1.
    const path = `/schema${"/properties/a".repeat(LIMITS.maxSchemaDepth / 2)}/properties`;
    const refusal = { schema: deepSchema(levels), path, reason: new RegExp(`schema nests deeper than ${LIMITS.maxSchemaDepth} levels`) };
    await expectRefusedOnCreate(refusal);
    await expectRefusedOnUpdate(refusal);
    expect((await http("POST", `/pods/${pod}/actors`, { config: config(deepSchema(LIMITS.maxSchemaDepth / 2 - 1)) })).status).toBe(201);
  });

  it("refuses a schema nested thousands of levels deep with a clear error, not a crash, on every path", async () => {
    const schema = deepSchema(5000);
    const rest = await http("POST", `/pods/${pod}/actors`, { config: config(schema) });
    expect(rest.status).toBe(400);
    expect(rest.json.error).toBe("invalid_config");
    const graphql = await gql(CREATE, { pod, config: config(schema) });
    expect(graphql.errors?.[0]?.extensions?.code).toBe("INVALID_CONFIG");
    const created = await http("POST", `/pods/${pod}/actors`, { config: config({}) });
    const patch = await http("PATCH", `/pods/${pod}/actors/${created.json.actorId}`, { schema });
    expect(patch.status).toBe(400);
    expect(patch.json.error).toBe("invalid_config");
    const update = await gql(UPDATE, { pod, actor: created.json.actorId, schema });
    expect(update.errors?.[0]?.extensions?.code).toBe("INVALID_CONFIG");
  });
});
