/**
 * OpenAPI 3.0 / 3.1 component schemas to standalone JSON Schema draft 2020-12
 * documents, the way OpenAPI-to-JSON-Schema converters do it:
 *
 * - 3.0 `nullable: true` becomes a type list with "null" (`"type": ["string", "null"]`),
 *   or, when the schema has no `type`, `anyOf: [<the schema>, { "type": "null" }]`;
 *   an `enum` beside it gets `null` added (OpenAPI 3.0.3 says `nullable` allows null
 *   only if the enum lists it; converters add it). `nullable: false` is dropped.
 * - 3.0 boolean `exclusiveMinimum`/`exclusiveMaximum` (draft-04 style) become numbers.
 * - `discriminator` is dropped (an annotation; the `oneOf`/`anyOf` stays), and so are
 *   the OpenAPI-only annotations `xml` and `externalDocs`.
 * - `example` becomes `examples: [example]`.
 * - `#/components/schemas/X` becomes `#/$defs/X` (`#` when X is the root component),
 *   and every component reached transitively is copied into `$defs`.
 * - `"$schema": "https://json-schema.org/draft/2020-12/schema"` is set.
 *
 * Everything else (`readOnly`, `writeOnly`, `deprecated`, `format`, `x-*`
 * extensions, ...) is kept as it is. Only subschema positions are rewritten:
 * property names, `enum`, `const`, `default`, `examples` and extension values
 * are data and are copied untouched.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type OpenApiVersion = "3.0" | "3.1";

const DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
const COMPONENT_REF = "#/components/schemas/";
/** Keywords whose value is a map of name → subschema. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** Keywords whose value is one subschema. */
const SCHEMA_VALUES = new Set(["additionalProperties", "items", "additionalItems", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contentSchema"]);
/** Keywords whose value is a list of subschemas. */
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const DROPPED = new Set(["discriminator", "xml", "externalDocs"]);
/** Annotations that stay on the outside when a type-less nullable schema is wrapped in `anyOf`. */
const ANNOTATIONS = new Set(["title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly"]);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The component name a `$ref` points at, or null for any other reference. */
export function componentName(ref: string): string | null {
  if (!ref.startsWith(COMPONENT_REF)) return null;
  const token = ref.slice(COMPONENT_REF.length);
  if (token.includes("/")) return null;
  return decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~");
}

function pointerToken(name: string): string {
  return encodeURI(name.replace(/~/g, "~0").replace(/\//g, "~1"));
}

/** Converts one schema node; `onRef` is told about every component it references. */
function convertNode(node: Json, version: OpenApiVersion, root: string, onRef: (name: string) => void): Json {
  if (Array.isArray(node)) return node.map((n) => convertNode(n, version, root, onRef));
  if (!isObject(node)) return node;
  let out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key)) continue;
    if (key === "nullable" && version === "3.0") continue; // handled below
    if (key === "example") {
      if (!("examples" in node)) out.examples = [value];
      continue;
    }
    if (key === "$ref" && typeof value === "string") {
      const name = componentName(value);
      if (name === null) out.$ref = value;
      else {
        onRef(name);
        out.$ref = name === root ? "#" : `#/$defs/${pointerToken(name)}`;
      }
      continue;
    }
    if (key.startsWith("x-")) out[key] = value;
    else if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convertNode(sub, version, root, onRef)]));
    } else if (SCHEMA_VALUES.has(key) && (isObject(value) || typeof value === "boolean")) out[key] = convertNode(value, version, root, onRef);
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map((sub) => convertNode(sub, version, root, onRef));
    else out[key] = value;
  }
  if (version === "3.0") {
    for (const [bound, limit] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
      if (out[bound] === true && typeof out[limit] === "number") {
        out = Object.fromEntries(Object.entries(out).flatMap(([k, v]): [string, Json][] => (k === limit ? [[bound, v]] : k === bound ? [] : [[k, v]])));
      } else if (typeof out[bound] === "boolean") delete out[bound];
    }
    if (node.nullable === true) out = nullable(out);
  }
  return out;
}

function nullable(schema: JsonObject): JsonObject {
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (typeof schema.type === "string") return { ...schema, type: [schema.type, "null"] };
  if (Array.isArray(schema.type)) return schema.type.includes("null") ? schema : { ...schema, type: [...schema.type, "null"] };
  const outside: JsonObject = {};
  const inside: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) (ANNOTATIONS.has(key) || key.startsWith("x-") ? outside : inside)[key] = value;
  if (Object.keys(inside).length === 1 && Array.isArray(inside.anyOf)) return { ...outside, anyOf: [...inside.anyOf, { type: "null" }] };
  if (Object.keys(inside).length === 0) return schema; // {} already allows null
  return { ...outside, anyOf: [inside, { type: "null" }] };
}

export interface Standalone {
  schema: JsonObject;
  /** The components copied into `$defs`, sorted. */
  defs: string[];
}

/** The component `name` of `components` as a standalone draft 2020-12 schema. */
export function standaloneSchema(components: Record<string, Json>, name: string, version: OpenApiVersion): Standalone {
  const converted = new Map<string, Json>();
  const pending = [name];
  while (pending.length) {
    const next = pending.shift()!;
    if (converted.has(next)) continue;
    const source = components[next];
    if (source === undefined) throw new Error(`component ${next} (referenced from ${name}) does not exist`);
    converted.set(next, convertNode(source, version, name, (ref) => pending.push(ref)));
  }
  const root = converted.get(name)!;
  const defs = [...converted.keys()].filter((n) => n !== name).sort();
  const schema: JsonObject = { $schema: DRAFT_2020_12, ...(isObject(root) ? root : { allOf: [root] }) };
  if (defs.length) schema.$defs = Object.fromEntries(defs.map((d) => [d, converted.get(d)!]));
  return { schema, defs };
}

/** Whether a component describes objects (what a store actor keeps). */
export function describesObjects(components: Record<string, Json>, name: string): boolean {
  let node = components[name];
  for (let i = 0; i < 8 && isObject(node) && typeof node.$ref === "string"; i++) {
    const target = componentName(node.$ref);
    node = target === null ? undefined : components[target];
  }
  if (!isObject(node)) return false;
  if (node.type === "object") return true;
  if (node.type !== undefined) return false;
  return isObject(node.properties) || Array.isArray(node.allOf);
}
