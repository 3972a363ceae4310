/**
 * Maps one actor's JSON Schema to Shapes (./shape.ts). JSON Schema stays the
 * source of truth for validation; this is a projection for GraphQL, and
 * anything it cannot express becomes the JSON scalar for that field, never an
 * error. See docs/typed-graphql.md for the construct-by-construct reference.
 */
import { defaultInflection, EXTRA_FIELD, ITEM_FIELDS, NameScope, RESERVED_ENUM_VALUES, type Inflection } from "./inflection.js";
import type { EnumDef, FieldDef, ObjectDef, ScalarName, Shape, UnionDef } from "./shape.js";

type Node = Record<string, unknown>;

export interface MappedActor {
  /** The root shape; an object shape when documents are objects. */
  root: Shape;
  /** Whether a `$ref` points at the root: then the root's fields also form a "<Prefix>Data" type. */
  rootReferenced: boolean;
  /** Every named type the schema produced, in creation order. */
  objects: ObjectDef[];
  enums: EnumDef[];
  unions: UnionDef[];
}

export interface MapOptions {
  /** The type-name prefix for this actor, e.g. "Notes". */
  prefix: string;
  /** Pod-wide type names; claimed names are never reused. */
  types: NameScope;
  /** False once items that violate the current schema were kept: then no field is non-null. */
  strict: boolean;
  /**
   * Whether the actor asserts `format` (its config's default). Only then does a `format` become a
   * typed scalar (DateTime, EmailAddress, ...); with `format: "annotate"` the stored strings need not
   * match, so they stay `String`.
   */
  formats?: boolean;
  /** The names to give; ./inflection.ts's by default. */
  inflection?: Inflection;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const FORMATS: Record<string, ScalarName> = { "date-time": "DateTime", date: "Date", email: "EmailAddress", uri: "URI" };
const JSON_SHAPE: Shape = { kind: "json" };

/** Only for the root object: its input names are the item type's, and its fields must avoid the gateway's. */
interface RootNames {
  inputName: string;
  patchName: string;
  reserved: readonly string[];
}

export function mapActorSchema(schema: unknown, options: MapOptions): MappedActor {
  const out: MappedActor = { root: JSON_SHAPE, rootReferenced: false, objects: [], enums: [], unions: [] };
  const byNode = new Map<object, Shape>();
  /** Whether each node already mapped (in byNode) allows null: a second `$ref` to a nullable definition stays nullable. */
  const nullByNode = new Map<Node, boolean>();
  const root = typeof schema === "object" && schema !== null ? (schema as Node) : {};
  const names = options.inflection ?? defaultInflection;
  const dataName = names.dataType(options.prefix);

  out.root = shapeOf(root, dataName, 0, { inputName: names.inputType(options.prefix), patchName: names.patchType(options.prefix), reserved: ITEM_FIELDS });
  return out;

  function shapeOf(node: unknown, name: string, depth: number, rootNames?: RootNames): Shape {
    return nullable(node, name, depth, rootNames).shape;
  }

  /** The shape of `node`, and whether the schema lets the value be null. */
  function nullable(node: unknown, name: string, depth: number, rootNames?: RootNames): { shape: Shape; nullable: boolean } {
    const result = mapNullable(node, name, depth, rootNames);
    const n = node as Node;
    if (byNode.has(n) && !nullByNode.has(n)) nullByNode.set(n, result.nullable);
    return result;
  }
  function mapNullable(node: unknown, name: string, depth: number, rootNames?: RootNames): { shape: Shape; nullable: boolean } {
    if (depth > 32 || node === null || typeof node !== "object" || Array.isArray(node)) return { shape: JSON_SHAPE, nullable: true };
    const n = node as Node;
    const known = byNode.get(n);
    // Still being mapped (a recursive reference): its own type list says whether it allows null.
    if (known) return { shape: known, nullable: nullByNode.get(n) ?? typeList(n.type)?.includes("null") ?? false };

    if (typeof n.$ref === "string") {
      const target = resolveRef(n.$ref);
      if (!target) return { shape: JSON_SHAPE, nullable: true };
      if (target === root) out.rootReferenced = true;
      return nullable(target, target === root ? dataName : names.definitionType(options.prefix, refLabel(n.$ref)), depth + 1);
    }
    if ("const" in n) return { shape: constShape(n.const), nullable: n.const === null };
    if (Array.isArray(n.enum)) {
      const mapped = enumShape(n.enum, name, n);
      if (mapped.shape.kind === "enum") byNode.set(n, mapped.shape); // a referenced enum is one type
      return mapped;
    }

    const types = typeList(n.type);
    const allowsNull = types === null || types.includes("null");
    const concrete = types?.filter((t) => t !== "null") ?? null;

    for (const key of ["oneOf", "anyOf"] as const) {
      if (Array.isArray(n[key])) return alternatives(n[key] as unknown[], name, depth, n);
    }
    if (Array.isArray(n.allOf) && !n.properties) return merged(n, name, depth, rootNames);

    if (concrete && concrete.length > 1) {
      const numeric = concrete.every((t) => t === "integer" || t === "number");
      return { shape: numeric ? { kind: "scalar", scalar: "Float" } : JSON_SHAPE, nullable: allowsNull };
    }
    const type = concrete?.[0] ?? (n.properties ? "object" : n.items ? "array" : undefined);
    switch (type) {
      case "string":
        return { shape: { kind: "scalar", scalar: (options.formats !== false && FORMATS[String(n.format)]) || "String" }, nullable: types?.includes("null") ?? true };
      case "integer":
        return { shape: { kind: "scalar", scalar: fitsInt32(n) ? "Int" : "Float" }, nullable: types?.includes("null") ?? true };
      case "number":
        return { shape: { kind: "scalar", scalar: "Float" }, nullable: types?.includes("null") ?? true };
      case "boolean":
        return { shape: { kind: "scalar", scalar: "Boolean" }, nullable: types?.includes("null") ?? true };
      case "array": {
        if (Array.isArray(n.items) || n.prefixItems) return { shape: JSON_SHAPE, nullable: true };
        const items = n.items === undefined ? { shape: JSON_SHAPE, nullable: true } : nullable(n.items, names.listItemType(name), depth + 1);
        return { shape: { kind: "list", of: items.shape, itemsNullable: items.nullable }, nullable: types?.includes("null") ?? true };
      }
      case "object": {
        const hasProperties = n.properties && typeof n.properties === "object" && Object.keys(n.properties).length > 0;
        if (!hasProperties) return { shape: JSON_SHAPE, nullable: types?.includes("null") ?? true };
        return { shape: objectShape(n, name, depth, rootNames), nullable: types?.includes("null") ?? true };
      }
      default:
        return { shape: JSON_SHAPE, nullable: true };
    }
  }

  function objectShape(n: Node, wantedName: string, depth: number, rootNames?: RootNames, extraRequired: string[] = []): Shape {
    const typeName = options.types.claim(wantedName);
    const def: ObjectDef = {
      name: typeName,
      inputName: rootNames?.inputName ?? options.types.claim(names.inputType(typeName)),
      patchName: rootNames?.patchName ?? options.types.claim(names.patchType(typeName)),
      fields: [],
      open: n.additionalProperties !== false && n.unevaluatedProperties !== false,
      ...(describe(n) ? { description: describe(n) } : {}),
    };
    if (rootNames) {
      options.types.claim(rootNames.inputName);
      options.types.claim(rootNames.patchName);
    }
    const shape: Shape = { kind: "object", def };
    byNode.set(n, shape); // before the fields, so recursive references find it
    out.objects.push(def);
    const required = new Set([...(Array.isArray(n.required) ? (n.required as string[]) : []), ...extraRequired]);
    const reserved = [...(rootNames?.reserved ?? []), ...(def.open ? [EXTRA_FIELD] : [])];
    const fieldNames = new NameScope(reserved);
    // Types nested in the root are named after the item type ("NotesAuthor"), not its Data twin.
    const childPrefix = rootNames ? options.prefix : typeName;
    // A root schema that admits other values than objects (`["object", "null"]`, or no `type` at all) admits
    // items with no properties at all: on reads, their fields can be null whatever `required` says.
    const rootTypes = rootNames ? typeList(n.type) : null;
    const alwaysObject = !rootNames || (rootTypes !== null && rootTypes.length === 1 && rootTypes[0] === "object");
    for (const [key, child] of Object.entries((n.properties ?? {}) as Record<string, unknown>)) {
      const mapped = nullable(child, names.propertyType(childPrefix, key), depth + 1);
      const field: FieldDef = {
        key,
        name: fieldNames.claim(names.propertyField(key, reserved)),
        shape: mapped.shape,
        required: required.has(key),
        nonNull: options.strict && alwaysObject && required.has(key) && !mapped.nullable,
      };
      const description = child && typeof child === "object" ? describe(child as Node) : undefined;
      if (description) field.description = description;
      const relation = relationOf(child, mapped.shape);
      if (relation) field.relation = { ...relation, field: "" };
      def.fields.push(field);
    }
    // Relation fields are named after the properties are, so a property always keeps its own name.
    for (const field of def.fields) if (field.relation) field.relation.field = fieldNames.claim(names.relationField(field.name, field.relation.many));
    return shape;
  }

  /** `allOf` of object schemas merges their properties; anything else is JSON. */
  function merged(n: Node, name: string, depth: number, rootNames?: RootNames): { shape: Shape; nullable: boolean } {
    const parts = (n.allOf as unknown[]).map((p) => deref(p));
    if (parts.some((p) => !p || (p.type !== undefined && p.type !== "object") || (!p.properties && !p.required))) return { shape: JSON_SHAPE, nullable: true };
    const combined: Node = { type: "object", properties: {}, required: [], description: n.description ?? n.title };
    for (const part of parts as Node[]) {
      Object.assign(combined.properties as Node, part.properties ?? {});
      (combined.required as string[]).push(...(Array.isArray(part.required) ? (part.required as string[]) : []));
      if (part.additionalProperties === false) combined.additionalProperties = false;
    }
    const shape = objectShape(combined, name, depth, rootNames);
    byNode.set(n, shape);
    return { shape, nullable: false };
  }

  /** `oneOf`/`anyOf`: null members make the rest nullable; discriminated objects become a union; else JSON. */
  function alternatives(options_: unknown[], name: string, depth: number, n: Node): { shape: Shape; nullable: boolean } {
    const members = options_.filter((o) => !(o && typeof o === "object" && (o as Node).type === "null"));
    const hasNull = members.length !== options_.length;
    if (members.length === 1) {
      const only = nullable(members[0], name, depth + 1);
      return { shape: only.shape, nullable: hasNull || only.nullable };
    }
    const objects = members.map((m) => deref(m));
    if (objects.some((o) => !o || !o.properties)) return { shape: JSON_SHAPE, nullable: true };
    const discriminator = findDiscriminator(objects as Node[]);
    if (!discriminator) return { shape: JSON_SHAPE, nullable: true };
    const union: UnionDef = { name: options.types.claim(name), discriminator, members: [], ...(describe(n) ? { description: describe(n) } : {}) };
    members.forEach((member, i) => {
      const value = constOf(((objects[i] as Node).properties as Node)[discriminator])!;
      const shape = shapeOf(member, names.unionMemberType(union.name, value), depth + 1);
      if (shape.kind === "object") union.members.push({ value, def: shape.def });
    });
    if (union.members.length !== members.length) return { shape: JSON_SHAPE, nullable: true };
    out.unions.push(union);
    return { shape: { kind: "union", def: union }, nullable: hasNull };
  }

  function enumShape(values: unknown[], name: string, n: Node): { shape: Shape; nullable: boolean } {
    const present = values.filter((v) => v !== null);
    const hasNull = present.length !== values.length;
    if (present.length > 0 && present.every((v) => typeof v === "string")) {
      const enumName = options.types.claim(name);
      const valueNames = new NameScope(RESERVED_ENUM_VALUES);
      const def: EnumDef = { name: enumName, values: (present as string[]).map((value) => ({ name: valueNames.claim(names.enumValue(value)), value })) };
      const description = describe(n);
      if (description) def.description = description;
      out.enums.push(def);
      return { shape: { kind: "enum", def }, nullable: hasNull };
    }
    if (present.length > 0 && present.every((v) => typeof v === "number")) {
      const ints = present.every((v) => Number.isInteger(v) && (v as number) >= INT32.min && (v as number) <= INT32.max);
      return { shape: { kind: "scalar", scalar: ints ? "Int" : "Float" }, nullable: hasNull };
    }
    if (present.length > 0 && present.every((v) => typeof v === "boolean")) return { shape: { kind: "scalar", scalar: "Boolean" }, nullable: hasNull };
    return { shape: JSON_SHAPE, nullable: true };
  }

  /** A string (or list of strings) marked `"x-ref": "<actorName>"`. */
  function relationOf(node: unknown, shape: Shape): { actor: string; many: boolean } | null {
    const n = deref(node);
    if (!n) return null;
    if (typeof n["x-ref"] === "string" && shape.kind === "scalar" && shape.scalar === "String") return { actor: n["x-ref"], many: false };
    const items = n.items !== undefined ? deref(n.items) : null;
    if (items && typeof items["x-ref"] === "string" && shape.kind === "list" && shape.of.kind === "scalar" && shape.of.scalar === "String") {
      return { actor: items["x-ref"], many: true };
    }
    return null;
  }

  function deref(node: unknown): Node | null {
    let current = node;
    for (let i = 0; i < 16 && current && typeof current === "object" && typeof (current as Node).$ref === "string"; i++) current = resolveRef((current as Node).$ref as string);
    return current && typeof current === "object" && !Array.isArray(current) ? (current as Node) : null;
  }

  function resolveRef(ref: string): Node | null {
    if (ref === "#") return root;
    if (ref.startsWith("#/")) {
      let node: unknown = root;
      for (const raw of ref.slice(2).split("/")) {
        const token = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
        if (!node || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, token)) return null;
        node = (node as Node)[token];
      }
      return node && typeof node === "object" ? (node as Node) : null;
    }
    if (ref.startsWith("#")) return findAnchor(root, ref.slice(1), 0);
    return null;
  }
}

function findAnchor(node: unknown, anchor: string, depth: number): Node | null {
  if (!node || typeof node !== "object" || depth > 64) return null;
  if (!Array.isArray(node) && ((node as Node).$anchor === anchor || (node as Node).$dynamicAnchor === anchor)) return node as Node;
  for (const child of Object.values(node)) {
    const found = findAnchor(child, anchor, depth + 1);
    if (found) return found;
  }
  return null;
}

function refLabel(ref: string): string {
  const tail = ref.slice(ref.lastIndexOf("/") + 1).replace(/^#/, "");
  return decodeURIComponent(tail) || "Ref";
}

function typeList(type: unknown): string[] | null {
  if (typeof type === "string") return [type];
  if (Array.isArray(type) && type.every((t) => typeof t === "string")) return type as string[];
  return null;
}

function fitsInt32(n: Node): boolean {
  const low = typeof n.minimum === "number" ? n.minimum : typeof n.exclusiveMinimum === "number" ? n.exclusiveMinimum : -Infinity;
  const high = typeof n.maximum === "number" ? n.maximum : typeof n.exclusiveMaximum === "number" ? n.exclusiveMaximum : Infinity;
  return low >= INT32.min && high <= INT32.max;
}

function constShape(value: unknown): Shape {
  if (typeof value === "string") return { kind: "scalar", scalar: "String" };
  if (typeof value === "boolean") return { kind: "scalar", scalar: "Boolean" };
  if (typeof value === "number") return { kind: "scalar", scalar: Number.isInteger(value) && value >= INT32.min && value <= INT32.max ? "Int" : "Float" };
  return { kind: "json" };
}

function constOf(node: unknown): string | null {
  if (!node || typeof node !== "object") return null;
  const n = node as Node;
  if (typeof n.const === "string") return n.const;
  if (Array.isArray(n.enum) && n.enum.length === 1 && typeof n.enum[0] === "string") return n.enum[0];
  return null;
}

/** A required property whose `const` differs in every member. */
function findDiscriminator(members: Node[]): string | null {
  const first = members[0]!;
  for (const key of Object.keys(first.properties as Node)) {
    const values = members.map((m) => constOf((m.properties as Node)?.[key]));
    const required = members.every((m) => Array.isArray(m.required) && (m.required as string[]).includes(key));
    if (required && values.every((v) => v !== null) && new Set(values).size === values.length) return key;
  }
  return null;
}

function describe(n: Node): string | undefined {
  const parts = [n.title, n.description].filter((p): p is string => typeof p === "string" && p.trim() !== "");
  return parts.length ? parts.join(": ") : undefined;
}
