/**
 * Every name the typed schema generates, in one place (after graphile-build's
 * inflection): type names, field names, input names, enum value names, the
 * connection, edge, filter and orderBy names, and the subscription fields.
 * The other modules of typed/ ask `Inflection` for a name and never spell one
 * themselves; `buildPodSchema` takes overrides of any of its functions.
 *
 * A wanted name is only a wish: it is claimed in a `NameScope`, which makes it
 * valid (`/^[_A-Za-z][_0-9A-Za-z]*$/`) and collision-free in its scope. A name
 * that is taken gets the first free suffix `_2`, `_3`, ...; scopes are filled
 * in a fixed order (actors by creation, properties in schema order), so names
 * already handed out never change when actors are added.
 */
import { specifiedScalarTypes } from "graphql";

// --- coercion to GraphQL names ------------------------------------------------------------

/** Replaces characters GraphQL does not allow with "_", and prefixes "_" when the name would start with a digit. */
export function sanitizeName(raw: string): string {
  let name = raw.replace(/[^_0-9A-Za-z]/g, "_");
  if (name === "") name = "_";
  if (/^[0-9]/.test(name)) name = "_" + name;
  if (name.startsWith("__")) name = "x" + name; // "__" is reserved for introspection
  return name;
}

/** `customer-address` → `CustomerAddress`; keeps inner capitals, drops separators. */
export function pascalCase(raw: string): string {
  const parts = raw.split(/[^0-9A-Za-z]+/).filter(Boolean);
  const joined = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join("");
  return sanitizeName(joined || "X");
}

/** `CustomerAddress` → `customerAddress`. */
export function camelCase(raw: string): string {
  const pascal = pascalCase(raw);
  return pascal[0]!.toLowerCase() + pascal.slice(1);
}

/**
 * `createdBy` → `CREATED_BY`, `metadata_type` → `METADATA_TYPE`, `HTTPServer` →
 * `HTTP_SERVER`, `userIDs` → `USER_IDS`: a word starts at a capital after a
 * lower-case letter or digit, and at the last capital of a run followed by
 * lower case (unless that is a plural "s" ending the word). Existing
 * underscores stay. Different names can meet (`createdBy`, `created_by`):
 * claim the result in a NameScope.
 */
export function screamingSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])(?=[A-Z])/g, "$1_")
    .replace(/([A-Z])(?=[A-Z][a-z])(?![A-Z]s(?![a-z]))/g, "$1_")
    .toUpperCase();
}

export class NameScope {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.used.add(name);
  }

  /** Claims `wanted` (sanitised), or the first free `wanted_N`. */
  claim(wanted: string): string {
    const base = sanitizeName(wanted);
    let name = base;
    // Sanitised again: "_" + "_2" would start with the reserved "__".
    for (let n = 2; this.used.has(name); n++) name = sanitizeName(`${base}_${n}`);
    this.used.add(name);
    return name;
  }
}

// --- names the fixed part of the schema claims ----------------------------------------------

/** The types ./static-types.ts defines, by role. */
export const STATIC_TYPE_NAMES = Object.freeze({
  json: "JSON",
  dateTime: "DateTime",
  date: "Date",
  emailAddress: "EmailAddress",
  uri: "URI",
  pageInfo: "PageInfo",
  itemMeta: "ItemMeta",
  sortDirection: "SortDirection",
  changeOp: "ChangeOp",
  revisionAuthor: "RevisionAuthor",
  stringFilter: "StringFilter",
  intFilter: "IntFilter",
  floatFilter: "FloatFilter",
  booleanFilter: "BooleanFilter",
  jsonFilter: "JSONFilter",
});

/** The root operation types. */
export const ROOT_TYPES = Object.freeze(["Query", "Mutation", "Subscription"]);

/** Every type name a pod schema has before its actors add theirs: no actor type may take one. */
export const STATIC_TYPES: readonly string[] = Object.freeze([...ROOT_TYPES, ...specifiedScalarTypes.map((t) => t.name), ...Object.values(STATIC_TYPE_NAMES)]);

/** The query field every pod schema has. */
export const SCHEMA_VERSION_FIELD = "_schemaVersion";
/** Fields of an item type that belong to the gateway, not to the schema. */
export const ITEM_FIELDS = Object.freeze(["id", "_meta"]);
/** The field with the stored keys an open object schema does not declare. */
export const EXTRA_FIELD = "_extra";
/** The fields of every `<Type>Where` input besides the indexed paths. */
export const WHERE_COMBINATORS = Object.freeze(["AND", "OR", "NOT"]);
/** The `<Type>OrderField` value for insertion order. */
export const INSERTION_ORDER_VALUE = "ID";
/** Names GraphQL does not allow as enum values. */
export const RESERVED_ENUM_VALUES = Object.freeze(["true", "false", "null"]);

// --- generated names ----------------------------------------------------------------------

/** The names typed/ generates. Each returns the wanted name; callers claim it in the right scope. */
export const defaultInflection = {
  /** The type prefix of an actor, and its item type: `customer-orders` → `CustomerOrders`. */
  itemType: (actorName: string): string => pascalCase(actorName),
  /** The root's fields as a type of their own, for `$ref: "#"`: `NotesData`. */
  dataType: (prefix: string): string => `${prefix}Data`,
  /** The create/replace input of an object type: `NotesInput`. */
  inputType: (typeName: string): string => `${typeName}Input`,
  /** The JSON Merge Patch input of an object type: `NotesPatch`. */
  patchType: (typeName: string): string => `${typeName}Patch`,
  /** The type of a property (object, enum or union): `NotesAuthor`. */
  propertyType: (parentType: string, key: string): string => `${parentType}${pascalCase(key)}`,
  /** The type of a `$defs`/`definitions` entry, shared by every `$ref` to it: `NotesPerson`. */
  definitionType: (prefix: string, definition: string): string => `${prefix}${pascalCase(definition)}`,
  /** The type of an array's items: `NotesStepsItem`. */
  listItemType: (listType: string): string => `${listType}Item`,
  /** A member of a discriminated union, by its `const`: `EventsPayloadClick`. */
  unionMemberType: (unionType: string, value: string): string => `${unionType}${pascalCase(value)}`,
  edgeType: (itemType: string): string => `${itemType}Edge`,
  connectionType: (itemType: string): string => `${itemType}Connection`,
  changeType: (itemType: string): string => `${itemType}Change`,
  /** One revision of an item, in its history: `NotesRevision` (its edge and connection: edgeType/connectionType of this). */
  revisionType: (itemType: string): string => `${itemType}Revision`,
  whereType: (itemType: string): string => `${itemType}Where`,
  orderFieldType: (itemType: string): string => `${itemType}OrderField`,
  orderByType: (itemType: string): string => `${itemType}OrderBy`,
  /** The filter input for the values of a schema enum: `NotesStatusFilter`. */
  enumFilterType: (enumType: string): string => `${enumType}Filter`,

  listField: (actorName: string): string => camelCase(actorName),
  byIdField: (actorName: string): string => `${camelCase(actorName)}ById`,
  historyField: (actorName: string): string => `${camelCase(actorName)}History`,
  addedSubscription: (actorName: string): string => `${camelCase(actorName)}Added`,
  changesSubscription: (actorName: string): string => `${camelCase(actorName)}Changes`,
  createMutation: (itemType: string): string => `create${itemType}`,
  createManyMutation: (itemType: string): string => `createMany${itemType}`,
  replaceMutation: (itemType: string): string => `replace${itemType}`,
  patchMutation: (itemType: string): string => `patch${itemType}`,
  deleteMutation: (itemType: string): string => `delete${itemType}`,
  restoreMutation: (itemType: string): string => `restore${itemType}`,

  /** The field of a property; a key named like a gateway field (`id`, `_meta`, `_extra`) gets a trailing "_". */
  propertyField: (key: string, reserved: readonly string[]): string => (reserved.includes(sanitizeName(key)) ? `${sanitizeName(key)}_` : key),
  /** The field returning what an `x-ref` property refers to: `authorId` → `author`, `tagIds` → `tags`, `owner` → `ownerRef`. */
  relationField: (propertyField: string, many: boolean): string => {
    const match = many ? /^(.+?)(_ids|Ids|IDs)$/.exec(propertyField) : /^(.+?)(_id|Id|ID)$/.exec(propertyField);
    if (match) return many ? `${match[1]}s` : match[1]!;
    return many ? `${propertyField}Refs` : `${propertyField}Ref`;
  },
  /** The `where` field of an indexed path: `metadata.type` → `metadata_type`. */
  whereField: (path: string): string =>
    path
      .split(".")
      .map((s) => s.replace(/[^_0-9A-Za-z]/g, "_"))
      .join("_"),
  /** The `<Type>OrderField` value of an indexed path, from its `where` field: `metadata_type` → `METADATA_TYPE`, `createdBy` → `CREATED_BY`. */
  orderByValue: (whereField: string): string => screamingSnakeCase(whereField),
  /** The GraphQL value of a string in a schema `enum`: `in-progress` → `in_progress`; the stored value is unchanged. */
  enumValue: (value: string): string => sanitizeName(value),
};

export type Inflection = typeof defaultInflection;

/** The default inflection with `overrides` put over it. */
export function makeInflection(overrides: Partial<Inflection> = {}): Inflection {
  return { ...defaultInflection, ...overrides };
}
