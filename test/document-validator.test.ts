/**
 * The item validator on its own (src/store/document-validator.ts) and what
 * the typed mapping makes of the schemas it accepts: the behaviours the
 * gateway adds to json-schema-library, one per test.
 */
import { describe, expect, it } from "vitest";
import { DocumentValidator } from "../src/store/document-validator.js";
import { parseStoreConfig } from "../src/store/store-config.js";
import { mapActorSchema } from "../src/typed/map-schema.js";
import { NameScope } from "../src/typed/inflection.js";
import { LIMITS } from "../src/limits.js";

const valid = (v: DocumentValidator, doc: unknown) => v.validate(doc).length === 0;

describe("DocumentValidator", () => {
  it("multipleOf: decimal multiples pass, and so do quotients that are integers up to binary rounding", () => {
    const cents = new DocumentValidator({ multipleOf: 0.01 }, "2020-12");
    expect([19.99, 5, 57.870000000000005, 110.71000000000001].map((x) => valid(cents, x))).toEqual([true, true, true, true]);
    expect([0.011, 0.015, 1.001].map((x) => valid(cents, x))).toEqual([false, false, false]);
    const small = new DocumentValidator({ multipleOf: 0.0001 }, "2020-12");
    expect([valid(small, 0.0075), valid(small, 0.00751)]).toEqual([true, false]);
    expect(cents.validate(0.011)).toEqual([expect.objectContaining({ path: "", keyword: "multipleOf" })]);
  });

  it("format asserts by default and is an annotation with format: annotate", () => {
    const schema = { type: "string", format: "email" };
    expect(valid(new DocumentValidator(schema, "2020-12"), "not an email")).toBe(false);
    expect(valid(new DocumentValidator(schema, "2020-12", { format: "annotate" }), "not an email")).toBe(true);
    expect(new DocumentValidator(schema, "2020-12").validate("x")).toEqual([expect.objectContaining({ keyword: "format" })]);
  });

  it("resolves $ref to the actor's resources and to the drafts' meta-schemas by URL; fetches nothing", () => {
    const person = { type: "object", required: ["name"] };
    const v = new DocumentValidator({ properties: { owner: { $ref: "https://schemas.example.com/person.json" } } }, "2020-12", { resources: { "https://schemas.example.com/person.json": person } });
    expect([valid(v, { owner: { name: "Ada" } }), valid(v, { owner: {} })]).toEqual([true, false]);
    const meta = new DocumentValidator({ $ref: "https://json-schema.org/draft/2020-12/schema" }, "2020-12");
    expect([valid(meta, { type: "string" }), valid(meta, { type: 12 })]).toEqual([true, false]);
    expect(new DocumentValidator({ $ref: "https://schemas.example.com/unknown.json" }, "2020-12").unresolvedRefs()).toEqual([{ path: "/$ref", ref: "https://schemas.example.com/unknown.json" }]);
  });

  it("draft-07 ignores keywords it does not have, such as a text `deprecated`", () => {
    const v = new DocumentValidator({ $schema: "http://json-schema.org/draft-07/schema#", properties: { a: { type: "string", deprecated: "use b" } } }, "7");
    expect(v.schemaErrors).toEqual([]);
    expect([valid(v, { a: "x" }), valid(v, { a: 1 })]).toEqual([true, false]);
  });

  it("names the offending property of additionalProperties: false, and every violation's keyword", () => {
    const v = new DocumentValidator({ type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: false }, "2020-12");
    expect(v.validate({ extra: 1 })).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "", keyword: "required" }), expect.objectContaining({ path: "/extra", keyword: "additionalProperties" })]),
    );
  });

  it("says what an exclusive bound, a closed tuple and a draft-07 dependency require", () => {
    expect(new DocumentValidator({ exclusiveMinimum: 0 }, "2020-12").validate(0)[0]!.message).toMatch(/greater than `0`/);
    expect(new DocumentValidator({ exclusiveMaximum: 10 }, "2020-12").validate(10)[0]!.message).toMatch(/less than `10`/);
    const seven = (schema: object) => new DocumentValidator({ $schema: "http://json-schema.org/draft-07/schema#", ...schema }, "7");
    expect(seven({ items: [{}, {}], additionalItems: false }).validate([1, 2, 99])).toEqual([expect.objectContaining({ path: "/2", keyword: "additionalItems", message: expect.stringMatching(/index `2`/) })]);
    expect(seven({ dependencies: { a: ["b"] } }).validate({ a: 1 })).toEqual([expect.objectContaining({ keyword: "dependencies", message: expect.stringMatching(/'b'.*required/) })]);
  });

  it("never runs a refused pattern on the backtracking engine, even one reached only when a document gets there", () => {
    // A $ref into data is refused at creation; built directly, the pattern it reaches is compiled lazily.
    const v = new DocumentValidator({ examples: [{ pattern: "^(?=(a+)+$)" }], $ref: "#/examples/0" }, "2020-12");
    const violations = v.validate(`${"a".repeat(40)}!`);
    expect(violations).toEqual([expect.objectContaining({ message: expect.stringMatching(/is not run/) })]);
  });
});

describe("DocumentValidator against hostile documents (issue 11 attack findings)", () => {
  it("property names like Object.prototype members are neither allowed nor crash the validator", () => {
    const closed = new DocumentValidator({ type: "object", patternProperties: { "^x_": { type: "string" } }, additionalProperties: false }, "2020-12");
    expect(closed.validate(JSON.parse('{"constructor":{"a":1}}'))).toEqual([expect.objectContaining({ path: "/constructor", keyword: "additionalProperties" })]);
    expect(closed.validate(JSON.parse('{"__proto__":"x","toString":5}'))).toHaveLength(2);
    const open = new DocumentValidator({ properties: { name: { type: "string" } }, required: ["name"] }, "2020-12");
    expect(open.validate({ name: "Ferrari", constructor: "Scuderia", toString: 1 })).toEqual([]);
    const named = new DocumentValidator({ properties: { constructor: { type: "string" } } }, "2020-12");
    expect([named.validate({ constructor: 1 }).length, named.validate({ constructor: "ok" }).length]).toEqual([1, 0]);
  });

  it("uniqueItems finds duplicates in one pass, whatever the key order of objects", () => {
    const v = new DocumentValidator({ type: "array", uniqueItems: true }, "2020-12");
    expect(v.validate(Array(10_000).fill(0))).toHaveLength(9_999);
    expect(v.validate(Array.from({ length: 40_000 }, (_, i) => i))).toEqual([]);
    expect(v.validate([{ a: 1, b: 2 }, { b: 2, a: 1 }])).toEqual([expect.objectContaining({ path: "/1", keyword: "uniqueItems" })]);
    expect([v.validate([1, 1.0]).length, v.validate([1, true]).length, v.validate([0, false]).length]).toEqual([1, 0, 0]);
  });

  it("messages show excerpts, never a whole enum or value", () => {
    const v = new DocumentValidator({ type: "array", items: { enum: Array.from({ length: 1000 }, (_, i) => `v${i}`) } }, "2020-12");
    const violations = v.validate(Array(5000).fill(0));
    expect(violations).toHaveLength(5000);
    expect(Math.max(...violations.map((x) => x.message.length))).toBeLessThan(200);
    expect(violations[0]!.message).toContain("(1000 in all)");
  });

  it("format url is checked in linear time; a regex-format string is bounded like a pattern", () => {
    const url = new DocumentValidator({ type: "string", format: "url" }, "2020-12");
    expect(url.validate(`http://${"a".repeat(40)}!`)).toBeDefined(); // answered at once (15 s on the old check)
    expect([url.validate("https://example.com/x?y=1").length, url.validate("mailto:a@b").length, url.validate("not a url").length]).toEqual([0, 1, 1]);
    const regex = new DocumentValidator({ type: "string", format: "regex" }, "2020-12");
    expect([regex.validate("^a+$").length, regex.validate("(").length, regex.validate("a".repeat(LIMITS.maxPatternLength + 1)).length]).toEqual([0, 1, 1]);
  });

  it('`$ref: ""` is the root, as "#" is: a recursive schema, not a stack overflow', () => {
    const v = new DocumentValidator({ properties: { child: { $ref: "" }, n: { type: "number" } } }, "2020-12");
    expect(v.validate({ child: { child: {} } })).toEqual([]);
    expect(v.validate({ child: { n: "x" } })).toEqual([expect.objectContaining({ path: "/child/n", keyword: "type" })]);
  });

  it("multipleOf tolerates rounding noise only, not a half", () => {
    expect(new DocumentValidator({ multipleOf: 1 }, "2020-12").validate(1000000000000000.5)).toHaveLength(1);
    expect(new DocumentValidator({ multipleOf: 0.01 }, "2020-12").validate(12345678901234.567)).toHaveLength(1);
  });
});

describe("store config: the reference graph spans the schema and its resources", () => {
  const config = (rest: object) => ({ actorType: "store", version: "v1", ...rest });
  it("refuses amplification and cycles built across resources, and a $dynamicAnchor reached by $ref", () => {
    const doubling: Record<string, unknown> = { "urn:r0": { type: "string" } };
    for (let n = 1; n <= 17; n++) doubling[`urn:r${n}`] = { allOf: [{ $ref: `urn:r${n - 1}` }, { $ref: `urn:r${n - 1}` }] };
    expect(() => parseStoreConfig(config({ schema: { $ref: "urn:r17" }, resources: doubling }))).toThrow(/\/resources\/urn:r\d+.*would apply/);
    expect(() => parseStoreConfig(config({ schema: { $ref: "urn:t" }, resources: { "urn:t": { type: "object", properties: { c: { allOf: [{ $ref: "urn:t" }, { $ref: "urn:t" }] } } } } }))).toThrow(/would apply/);
    expect(() => parseStoreConfig(config({ schema: { $ref: "urn:a" }, resources: { "urn:a": { allOf: [{ $ref: "urn:b" }] }, "urn:b": { allOf: [{ $ref: "urn:a" }] } } }))).toThrow(/\$ref cycle/);
    expect(() => parseStoreConfig(config({ schema: { $dynamicAnchor: "me", type: "object", properties: { c: { allOf: [{ $ref: "#me" }, { $ref: "#me" }] } } } }))).toThrow(/would apply/);
  });
  it("refuses a reference inside a resource that resolves to nothing, at the resource's path", () => {
    expect(() => parseStoreConfig(config({ schema: { $ref: "urn:r" }, resources: { "urn:r": { properties: { a: { $ref: "#/$defs/nope" } } } } }))).toThrow(/\/resources\/urn:r\/properties\/a\/\$ref/);
    expect(() => parseStoreConfig(config({ schema: { $ref: "urn:r" }, resources: { "urn:r": { $ref: "https://elsewhere.test/x.json" } } }))).toThrow(/resolves to nothing/);
  });

  it("accepts recursion through properties across a resource, and a dynamic tree", () => {
    expect(() => parseStoreConfig(config({ schema: { properties: { owner: { $ref: "https://x.test/p.json" } } }, resources: { "https://x.test/p.json": { type: "object", properties: { friend: { $ref: "#" } } } } }))).not.toThrow();
    expect(() => parseStoreConfig(config({ schema: { $dynamicAnchor: "node", type: "object", properties: { children: { type: "array", items: { $dynamicRef: "#node" } } } } }))).not.toThrow();
  });
  it("bounds RE2's work: a pattern whose program is too large is refused, a string too long for a large one fails its document", () => {
    const huge = Array.from({ length: 90 }, (_, i) => `a.{${999 - 2 * i}}b`).join("|");
    expect(() => parseStoreConfig(config({ schema: { type: "string", pattern: huge } }))).toThrow(/steps per character/);
    const v = new DocumentValidator({ type: "string", pattern: "a.{999}b|c.{990}d" }, "2020-12");
    expect(v.validate("ab".repeat(60_000))).toEqual([expect.objectContaining({ message: expect.stringMatching(/too long for this pattern/) })]);
    expect(v.validate("ab".repeat(100))).toHaveLength(1); // an ordinary refusal: no match
  });
});

describe("store config", () => {
  it("refuses non-finite numbers in a config, which would be stored as null", () => {
    expect(() => parseStoreConfig({ actorType: "store", version: "v1", schema: { properties: { n: { maximum: -Infinity } } } })).toThrow(/\/schema\/properties\/n\/maximum.*finite/);
  });

  it("accepts a custom meta-schema given in resources, following it to its draft", () => {
    const meta = { $schema: "https://json-schema.org/draft/2020-12/schema", $id: "https://example.com/meta", $dynamicAnchor: "meta", allOf: [{ $ref: "https://json-schema.org/draft/2020-12/schema" }] };
    const { draft } = parseStoreConfig({ actorType: "store", version: "v1", schema: { $schema: "https://example.com/meta", type: "object" }, resources: { "https://example.com/meta": meta } });
    expect(draft).toBe("2020-12");
    expect(() => parseStoreConfig({ actorType: "store", version: "v1", schema: { $schema: "https://example.com/meta" } })).toThrow(/unsupported \$schema/);
  });

  it("refuses a resource keyed by a relative URI, and a bad format mode", () => {
    expect(() => parseStoreConfig({ actorType: "store", version: "v1", schema: {}, resources: { "person.json": {} } })).toThrow(/absolute URI/);
    expect(() => parseStoreConfig({ actorType: "store", version: "v1", schema: {}, format: "strict" })).toThrow(/"assert".*"annotate"/);
  });
});

describe("typed mapping of what the validator accepts", () => {
  const fields = (schema: unknown) => {
    const mapped = mapActorSchema(schema, { prefix: "Thing", types: new NameScope(["Thing"]), strict: true });
    return mapped.root.kind === "object" ? Object.fromEntries(mapped.root.def.fields.map((f) => [f.key, f.nonNull])) : {};
  };

  it("a root that admits non-objects (null, or no type at all) makes required fields nullable on reads", () => {
    expect(fields({ type: "object", required: ["title"], properties: { title: { type: "string" } } })).toEqual({ title: true });
    expect(fields({ type: ["object", "null"], required: ["title"], properties: { title: { type: "string" } } })).toEqual({ title: false });
    expect(fields({ required: ["title"], properties: { title: { type: "string" } } })).toEqual({ title: false });
  });

  it("format becomes a typed scalar only where the actor asserts it", () => {
    const schema = { type: "object", properties: { when: { type: "string", format: "date-time" } } };
    const scalar = (formats: boolean) => {
      const mapped = mapActorSchema(schema, { prefix: "Thing", types: new NameScope(["Thing"]), strict: true, formats });
      const field = mapped.root.kind === "object" ? mapped.root.def.fields[0]! : null;
      return field?.shape.kind === "scalar" ? field.shape.scalar : field?.shape.kind;
    };
    expect([scalar(true), scalar(false)]).toEqual(["DateTime", "String"]);
  });

  it("a second $ref to a nullable definition stays nullable", () => {
    const user = { type: ["object", "null"], properties: { login: { type: "string" } } };
    expect(fields({ type: "object", required: ["a", "b"], properties: { a: { $ref: "#/$defs/user" }, b: { $ref: "#/$defs/user" } }, $defs: { user } })).toEqual({ a: false, b: false });
  });
});
