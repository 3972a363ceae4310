/**
 * The intermediate form between an actor's JSON Schema and its GraphQL types:
 * what each schema node becomes, with names already chosen. Built by
 * ./map-schema.ts, turned into Pothos types by ./object-types.ts and
 * ./input-types.ts (see ./README.md for the whole pipeline).
 */
export type ScalarName = "String" | "Int" | "Float" | "Boolean" | "DateTime" | "Date" | "EmailAddress" | "URI";

export type Shape =
  | { kind: "scalar"; scalar: ScalarName }
  | { kind: "enum"; def: EnumDef }
  | { kind: "object"; def: ObjectDef }
  | { kind: "union"; def: UnionDef }
  | { kind: "list"; of: Shape; itemsNullable: boolean }
  | { kind: "json" };

export interface FieldDef {
  /** The property name in the stored JSON. */
  key: string;
  /** The GraphQL field name. */
  name: string;
  shape: Shape;
  /** Non-null in output types: required, never null by the schema, and guaranteed by the stored data. */
  nonNull: boolean;
  /** Required in the JSON Schema (non-null in create/replace inputs for scalars). */
  required: boolean;
  /** `"x-ref": "<actorName>"`: the value is the id of an item of that actor (`many` for an array of ids). */
  relation?: { actor: string; many: boolean; /** The GraphQL field that returns the referenced item(s). */ field: string };
  description?: string;
}

export interface ObjectDef {
  name: string;
  inputName: string;
  patchName: string;
  description?: string;
  fields: FieldDef[];
  /** Keys outside `properties` may be stored: exposed as `_extra: JSON`. */
  open: boolean;
}

export interface EnumDef {
  name: string;
  description?: string;
  values: { name: string; value: string }[];
}

export interface UnionDef {
  name: string;
  description?: string;
  /** The property whose `const` tells the members apart. */
  discriminator: string;
  members: { value: string; def: ObjectDef }[];
}
