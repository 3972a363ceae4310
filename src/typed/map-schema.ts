/**
 * Maps one actor's JSON Schema to Shapes (./shape.ts). JSON Schema stays the
 * source of truth for validation; this is a projection for GraphQL, and
 * anything it cannot express becomes the JSON scalar for that field, never an
 * error. See docs/typed-graphql.md for the construct-by-construct reference.
 */
import { defaultInflection, EXTRA_FIELD, ITEM_FIELDS, NameScope, RESERVED_ENUM_VALUES, type Inflection } from "./inflection.js";
import { constOf, constShape, deref, describe, findDiscriminator, fitsInt32, isInt32, isNode, propertiesOf, refLabel, resolveRef, stringsOf, typeList, type Node } from "./schema-nodes.js";
import type { EnumDef, FieldDef, ObjectDef, ScalarName, Shape, UnionDef } from "./shape.js";

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
  const root: Node = isNode(schema) ? schema : {};
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
    if (isNode(node) && byNode.has(node) && !nullByNode.has(node)) nullByNode.set(node, result.nullable);
    return result;
  }
  function mapNullable(node: unknown, name: string, depth: number, rootNames?: RootNames): { shape: Shape; nullable: boolean } {
    if (depth > 32 || !isNode(node)) return { shape: JSON_SHAPE, nullable: true };
    const n = node;
    const known = byNode.get(n);
    // Still being mapped (a recursive reference): its own type list says whether it allows null.
    if (known) return { shape: known, nullable: nullByNode.get(n) ?? typeList(n.type)?.includes("null") ?? false };

    if (typeof n.$ref === "string") {
      const target = resolveRef(root, n.$ref);
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

    for (const key of ["oneOf", "anyOf"]) {
      const members = n[key];
      if (Array.isArray(members)) return alternatives(members, name, depth, n);
    }
    if (Array.isArray(n.allOf) && !n.properties) return merged(n, n.allOf, name, depth, rootNames);

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
    const required = new Set([...stringsOf(n.required), ...extraRequired]);
    const reserved = [...(rootNames?.reserved ?? []), ...(def.open ? [EXTRA_FIELD] : [])];
    const fieldNames = new NameScope(reserved);
    // Types nested in the root are named after the item type ("NotesAuthor"), not its Data twin.
    const childPrefix = rootNames ? options.prefix : typeName;
    // A root schema that admits other values than objects (`["object", "null"]`, or no `type` at all) admits
    // items with no properties at all: on reads, their fields can be null whatever `required` says.
    const rootTypes = rootNames ? typeList(n.type) : null;
    const alwaysObject = !rootNames || (rootTypes !== null && rootTypes.length === 1 && rootTypes[0] === "object");
    for (const [key, child] of Object.entries(propertiesOf(n))) {
      const mapped = nullable(child, names.propertyType(childPrefix, key), depth + 1);
      const field: FieldDef = {
        key,
        name: fieldNames.claim(names.propertyField(key, reserved)),
        shape: mapped.shape,
        required: required.has(key),
        nonNull: options.strict && alwaysObject && required.has(key) && !mapped.nullable,
      };
      const description = isNode(child) ? describe(child) : undefined;
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
  function merged(n: Node, allOf: unknown[], name: string, depth: number, rootNames?: RootNames): { shape: Shape; nullable: boolean } {
    const properties: Node = {};
    const required: string[] = [];
    let closed = false;
    for (const p of allOf) {
      const part = deref(root, p);
      if (!part || (part.type !== undefined && part.type !== "object") || (!part.properties && !part.required)) return { shape: JSON_SHAPE, nullable: true };
      Object.assign(properties, propertiesOf(part));
      required.push(...stringsOf(part.required));
      if (part.additionalProperties === false) closed = true;
    }
    const combined: Node = { type: "object", properties, required, description: n.description ?? n.title, ...(closed ? { additionalProperties: false } : {}) };
    const shape = objectShape(combined, name, depth, rootNames);
    byNode.set(n, shape);
    return { shape, nullable: false };
  }

  /** `oneOf`/`anyOf`: null members make the rest nullable; discriminated objects become a union; else JSON. */
  function alternatives(options_: unknown[], name: string, depth: number, n: Node): { shape: Shape; nullable: boolean } {
    const members = options_.filter((o) => !(isNode(o) && o.type === "null"));
    const hasNull = members.length !== options_.length;
    if (members.length === 1) {
      const only = nullable(members[0], name, depth + 1);
      return { shape: only.shape, nullable: hasNull || only.nullable };
    }
    const objects: Node[] = [];
    for (const member of members) {
      const object = deref(root, member);
      if (!object || !object.properties) return { shape: JSON_SHAPE, nullable: true };
      objects.push(object);
    }
    const discriminator = findDiscriminator(objects);
    if (!discriminator) return { shape: JSON_SHAPE, nullable: true };
    const union: UnionDef = { name: options.types.claim(name), discriminator, members: [], ...(describe(n) ? { description: describe(n) } : {}) };
    members.forEach((member, i) => {
      const value = constOf(propertiesOf(objects[i]!)[discriminator])!;
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
    if (present.length > 0 && present.every((v): v is string => typeof v === "string")) {
      const enumName = options.types.claim(name);
      const valueNames = new NameScope(RESERVED_ENUM_VALUES);
      const def: EnumDef = { name: enumName, values: present.map((value) => ({ name: valueNames.claim(names.enumValue(value)), value })) };
      const description = describe(n);
      if (description) def.description = description;
      out.enums.push(def);
      return { shape: { kind: "enum", def }, nullable: hasNull };
    }
    if (present.length > 0 && present.every((v): v is number => typeof v === "number")) {
      const ints = present.every(isInt32);
      return { shape: { kind: "scalar", scalar: ints ? "Int" : "Float" }, nullable: hasNull };
    }
    if (present.length > 0 && present.every((v) => typeof v === "boolean")) return { shape: { kind: "scalar", scalar: "Boolean" }, nullable: hasNull };
    return { shape: JSON_SHAPE, nullable: true };
  }

  /** A string (or list of strings) marked `"x-ref": "<actorName>"`. */
  function relationOf(node: unknown, shape: Shape): { actor: string; many: boolean } | null {
    const n = deref(root, node);
    if (!n) return null;
    if (typeof n["x-ref"] === "string" && shape.kind === "scalar" && shape.scalar === "String") return { actor: n["x-ref"], many: false };
    const items = n.items !== undefined ? deref(root, n.items) : null;
    if (items && typeof items["x-ref"] === "string" && shape.kind === "list" && shape.of.kind === "scalar" && shape.of.scalar === "String") {
      return { actor: items["x-ref"], many: true };
    }
    return null;
  }
}

