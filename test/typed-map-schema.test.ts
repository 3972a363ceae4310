/**
 * The JSON Schema → GraphQL shape mapping (src/typed/map-schema.ts) on its
 * own, one construct per test, in the order of the mapping reference in
 * docs/typed-graphql.md. Shapes are what the type builders turn into Pothos
 * types, so each test reads what a schema property becomes.
 */
import { describe, expect, it } from "vitest";
import { makeInflection, NameScope } from "../src/typed/inflection.js";
import { mapActorSchema, type MapOptions, type MappedActor } from "../src/typed/map-schema.js";
import type { FieldDef, ObjectDef, Shape } from "../src/typed/shape.js";

const map = (schema: unknown, options: Partial<MapOptions> = {}): MappedActor =>
  mapActorSchema(schema, { prefix: "Things", types: new NameScope(["Things"]), strict: true, ...options });

/** The root object's definition; fails the test when the root is not an object. */
function rootDef(mapped: MappedActor): ObjectDef {
  if (mapped.root.kind !== "object") throw new Error(`root is ${mapped.root.kind}`);
  return mapped.root.def;
}

function field(def: ObjectDef, key: string): FieldDef {
  const found = def.fields.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${key} in ${def.name}`);
  return found;
}

/** What one property of an object root maps to. */
const property = (schema: unknown, options: Partial<MapOptions> = {}): FieldDef =>
  field(rootDef(map({ type: "object", required: ["p"], properties: { p: schema } }, options)), "p");

/** A short spelling of a shape: `String`, `[Int!]`, `enum ThingsP`, `object ThingsP`, `JSON`. */
function typeOf(shape: Shape): string {
  switch (shape.kind) {
    case "scalar":
      return shape.scalar;
    case "list":
      return `[${typeOf(shape.of)}${shape.itemsNullable ? "" : "!"}]`;
    case "json":
      return "JSON";
    default:
      return `${shape.kind} ${shape.def.name}`;
  }
}

describe("scalars", () => {
  it("maps string, number, boolean and integer types", () => {
    expect(["string", "number", "boolean"].map((type) => typeOf(property({ type }).shape))).toEqual(["String", "Float", "Boolean"]);
  });

  it("makes an integer Int only when minimum and maximum keep it inside 32 bits", () => {
    expect(typeOf(property({ type: "integer", minimum: 0, maximum: 5 }).shape)).toBe("Int");
    expect(typeOf(property({ type: "integer", exclusiveMinimum: -1, exclusiveMaximum: 2 ** 31 - 1 }).shape)).toBe("Int");
    expect(typeOf(property({ type: "integer" }).shape)).toBe("Float");
    expect(typeOf(property({ type: "integer", minimum: 0, maximum: 2 ** 31 }).shape)).toBe("Float");
  });

  it("maps the asserted formats to custom scalars, other formats to String", () => {
    const formats = ["date-time", "date", "email", "uri", "hostname"].map((format) => typeOf(property({ type: "string", format }).shape));
    expect(formats).toEqual(["DateTime", "Date", "EmailAddress", "URI", "String"]);
  });

  it('keeps String for formats when the actor only annotates them ("format": "annotate")', () => {
    expect(typeOf(property({ type: "string", format: "date-time" }, { formats: false }).shape)).toBe("String");
  });

  it("maps a const to its scalar type, and numeric type lists to Float", () => {
    expect([{ const: "a" }, { const: 3 }, { const: 1.5 }, { const: true }, { const: { a: 1 } }].map((s) => typeOf(property(s).shape))).toEqual(["String", "Int", "Float", "Boolean", "JSON"]);
    expect(typeOf(property({ type: ["integer", "number"] }).shape)).toBe("Float");
    expect(typeOf(property({ type: ["string", "number"] }).shape)).toBe("JSON");
  });
});

describe("nullability", () => {
  it("makes a required property non-null, and an optional one nullable", () => {
    const def = rootDef(map({ type: "object", required: ["a"], properties: { a: { type: "string" }, b: { type: "string" } } }));
    expect([field(def, "a").nonNull, field(def, "b").nonNull]).toEqual([true, false]);
    expect([field(def, "a").required, field(def, "b").required]).toEqual([true, false]);
  });

  it('reads every nullable form as nullable: type ["string", "null"], oneOf/anyOf with {type: null}, enum with null', () => {
    const forms = [{ type: ["string", "null"] }, { oneOf: [{ type: "string" }, { type: "null" }] }, { anyOf: [{ type: "null" }, { type: "integer", minimum: 0, maximum: 9 }] }, { enum: ["a", null] }];
    const fields = forms.map((schema) => property(schema));
    expect(fields.map((f) => typeOf(f.shape))).toEqual(["String", "String", "Int", "enum ThingsP"]);
    expect(fields.map((f) => f.nonNull)).toEqual([false, false, false, false]);
  });

  it("makes nothing non-null when kept items may violate the schema (strict: false)", () => {
    expect(property({ type: "string" }, { strict: false }).nonNull).toBe(false);
  });

  it('makes nothing non-null when the root admits non-objects (["object", "null"], or no type)', () => {
    for (const type of [["object", "null"], undefined]) {
      const def = rootDef(map({ ...(type ? { type } : {}), required: ["a"], properties: { a: { type: "string" } } }));
      expect(field(def, "a").nonNull, JSON.stringify(type)).toBe(false);
    }
  });

  it("keeps a property schema without a type nullable", () => {
    expect(property({ description: "anything" })).toMatchObject({ shape: { kind: "json" }, nonNull: false });
  });
});

describe("enums", () => {
  it("makes a string enum an enum type named after the property, values sanitised, stored values kept", () => {
    const mapped = map({ type: "object", properties: { status: { enum: ["todo", "in-progress", "done"], description: "Where it stands." } } });
    expect(mapped.enums).toEqual([
      { name: "ThingsStatus", description: "Where it stands.", values: [{ name: "todo", value: "todo" }, { name: "in_progress", value: "in-progress" }, { name: "done", value: "done" }] },
    ]);
  });

  it("maps enums of numbers to Int or Float, of booleans to Boolean, mixed ones to JSON", () => {
    expect([{ enum: [1, 2] }, { enum: [1, 2.5] }, { enum: [true, false] }, { enum: ["a", 1] }].map((s) => typeOf(property(s).shape))).toEqual(["Int", "Float", "Boolean", "JSON"]);
  });
});

describe("objects", () => {
  it("makes an object with properties a type named after its parent, with Input and Patch names", () => {
    const mapped = map({ type: "object", properties: { author: { type: "object", properties: { name: { type: "string" } } } } });
    expect(mapped.objects.map((o) => [o.name, o.inputName, o.patchName])).toEqual([
      ["ThingsData", "ThingsInput", "ThingsPatch"],
      ["ThingsAuthor", "ThingsAuthorInput", "ThingsAuthorPatch"],
    ]);
  });

  it("maps an object without properties (a map) to JSON", () => {
    expect(typeOf(property({ type: "object" }).shape)).toBe("JSON");
    expect(typeOf(property({ type: "object", properties: {} }).shape)).toBe("JSON");
    expect(typeOf(property({ type: "object", additionalProperties: { type: "string" } }).shape)).toBe("JSON");
  });

  it("marks an object open unless additionalProperties or unevaluatedProperties is false", () => {
    const open = (extra: object) => rootDef(map({ type: "object", properties: { a: { type: "string" } }, ...extra })).open;
    expect([open({}), open({ additionalProperties: false }), open({ unevaluatedProperties: false }), open({ additionalProperties: true })]).toEqual([true, false, false, true]);
  });

  it("renames properties that collide with the gateway's fields: id → id_, and _extra on open objects", () => {
    const def = rootDef(map({ type: "object", properties: { id: { type: "string" }, _meta: { type: "string" }, _extra: { type: "string" }, title: { type: "string" } } }));
    expect(def.fields.map((f) => [f.key, f.name])).toEqual([["id", "id_"], ["_meta", "_meta_"], ["_extra", "_extra_"], ["title", "title"]]);
  });

  it("merges allOf of object schemas into one type with the merged properties and required list", () => {
    const f = property({ allOf: [{ type: "object", required: ["a"], properties: { a: { type: "string" } } }, { properties: { b: { type: "integer", minimum: 0, maximum: 1 } }, additionalProperties: false }] });
    if (f.shape.kind !== "object") throw new Error(f.shape.kind);
    expect(f.shape.def.fields.map((x) => [x.name, typeOf(x.shape), x.nonNull])).toEqual([["a", "String", true], ["b", "Int", false]]);
    expect(f.shape.def.open).toBe(false);
  });

  it("takes descriptions from title and description", () => {
    expect(property({ type: "string", title: "Name", description: "Full name." }).description).toBe("Name: Full name.");
  });
});

describe("arrays", () => {
  it("maps items to a list, items non-null unless they may be null", () => {
    expect(typeOf(property({ type: "array", items: { type: "string" } }).shape)).toBe("[String!]");
    expect(typeOf(property({ type: "array", items: { type: ["string", "null"] } }).shape)).toBe("[String]");
    expect(typeOf(property({ type: "array" }).shape)).toBe("[JSON]");
  });

  it("names an array's object items after the property, with Item", () => {
    expect(typeOf(property({ type: "array", items: { type: "object", properties: { x: { type: "number" } } } }).shape)).toBe("[object ThingsPItem!]");
  });

  it("maps tuples to JSON, and keeps arrays of arrays as nested lists (JSON in GraphQL)", () => {
    expect(typeOf(property({ type: "array", prefixItems: [{ type: "string" }] }).shape)).toBe("JSON");
    expect(typeOf(property({ type: "array", items: [{ type: "string" }] }).shape)).toBe("JSON");
    expect(typeOf(property({ type: "array", items: { type: "array", items: { type: "string" } } }).shape)).toBe("[[String!]!]");
  });
});

describe("$ref", () => {
  it("makes every $ref to one definition one shared type named after the definition", () => {
    const mapped = map({ type: "object", properties: { author: { $ref: "#/$defs/person" }, editor: { $ref: "#/$defs/person" } }, $defs: { person: { type: "object", properties: { name: { type: "string" } } } } });
    const def = rootDef(mapped);
    expect(typeOf(field(def, "author").shape)).toBe("object ThingsPerson");
    expect(field(def, "author").shape).toBe(field(def, "editor").shape);
    expect(mapped.objects.map((o) => o.name)).toEqual(["ThingsData", "ThingsPerson"]);
  });

  it("keeps a definition nullable at every use when it allows null", () => {
    const def = rootDef(map({ type: "object", required: ["a", "b"], properties: { a: { $ref: "#/definitions/n" }, b: { $ref: "#/definitions/n" } }, definitions: { n: { type: ["string", "null"] } } }));
    expect([field(def, "a").nonNull, field(def, "b").nonNull]).toEqual([false, false]);
  });

  it('maps $ref "#" to the root\'s Data type, recursion included', () => {
    const mapped = map({ type: "object", properties: { title: { type: "string" }, children: { type: "array", items: { $ref: "#" } } } });
    expect(mapped.rootReferenced).toBe(true);
    expect(typeOf(field(rootDef(mapped), "children").shape)).toBe("[object ThingsData!]");
  });

  it("resolves anchors and escaped JSON Pointers", () => {
    const def = rootDef(map({ type: "object", properties: { a: { $ref: "#node" }, b: { $ref: "#/$defs/a~1b" } }, $defs: { x: { $anchor: "node", type: "boolean" }, "a/b": { type: "number" } } }));
    expect([typeOf(field(def, "a").shape), typeOf(field(def, "b").shape)]).toEqual(["Boolean", "Float"]);
  });

  it("maps a $ref to another resource, or to nothing, to JSON", () => {
    expect(typeOf(property({ $ref: "https://example.com/person.json" }).shape)).toBe("JSON");
    expect(typeOf(property({ $ref: "#/$defs/missing" }).shape)).toBe("JSON");
  });
});

describe("oneOf / anyOf", () => {
  const payload = {
    oneOf: [
      { type: "object", required: ["type", "url"], properties: { type: { const: "click" }, url: { type: "string" } } },
      { type: "object", required: ["type"], properties: { type: { enum: ["view"] }, seconds: { type: "number" } } },
    ],
  };

  it("makes objects told apart by a required const a union, members named after the const", () => {
    const mapped = map({ type: "object", properties: { payload } });
    expect(mapped.unions.map((u) => [u.name, u.discriminator, u.members.map((m) => [m.value, m.def.name])])).toEqual([["ThingsPayload", "type", [["click", "ThingsPayloadClick"], ["view", "ThingsPayloadView"]]]]);
  });

  it("maps other alternatives to JSON", () => {
    expect(typeOf(property({ oneOf: [{ type: "string" }, { type: "number" }] }).shape)).toBe("JSON");
    const noConst = { oneOf: [{ type: "object", properties: { a: { type: "string" } } }, { type: "object", properties: { b: { type: "string" } } }] };
    expect(typeOf(property(noConst).shape)).toBe("JSON");
  });
});

describe("relations and limits", () => {
  it('marks strings and string lists with "x-ref" as relations, named after the property', () => {
    const def = rootDef(map({ type: "object", properties: { authorId: { type: "string", "x-ref": "users" }, tagIds: { type: "array", items: { type: "string", "x-ref": "tags" } }, n: { type: "number", "x-ref": "users" } } }));
    expect(def.fields.map((f) => f.relation ?? null)).toEqual([{ actor: "users", many: false, field: "author" }, { actor: "tags", many: true, field: "tags" }, null]);
  });

  it("maps nesting deeper than 32 levels to JSON, never an error", () => {
    let schema: object = { type: "string" };
    for (let i = 0; i < 40; i++) schema = { type: "object", properties: { a: schema } };
    let shape: Shape = map(schema).root;
    let depth = 0;
    while (shape.kind === "object") [shape, depth] = [shape.def.fields[0]!.shape, depth + 1];
    expect([shape.kind, depth]).toEqual(["json", 33]);
  });

  it("maps a root that is not an object schema to a non-object shape", () => {
    expect([map({ type: "string" }).root, map(true).root, map([1]).root]).toEqual([{ kind: "scalar", scalar: "String" }, { kind: "json" }, { kind: "json" }]);
  });

  it("names types through the inflection it is given, claiming each in the pod's scope", () => {
    const types = new NameScope(["Things", "ThingsAuthor"]);
    const inflection = makeInflection({ propertyType: (parent, key) => `${parent}_${key}` });
    const mapped = mapActorSchema({ type: "object", properties: { author: { type: "object", properties: { n: { type: "string" } } }, b: { enum: ["x"] } } }, { prefix: "Things", types, strict: true, inflection });
    expect([...mapped.objects.map((o) => o.name), ...mapped.enums.map((e) => e.name)]).toEqual(["ThingsData", "Things_author", "Things_b"]);
    expect(types.claim("Things_author")).toBe("Things_author_2");
  });
});
