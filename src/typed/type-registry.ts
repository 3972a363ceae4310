/**
 * Every Pothos ref of one pod schema, and the one place where Pothos' static
 * types are widened.
 *
 * The types of the shape fields (./object-types.ts, ./input-types.ts) and of
 * the mutation arguments are chosen at run time from the actor's JSON Schema:
 * a scalar name, an enum, object or union ref, or a list of one, non-null or
 * not. Pothos infers a field's value type from its `type` param statically,
 * which a run-time choice cannot satisfy. The values are JSON whatever the
 * GraphQL type, so `output()`, `input()` and `inputType()` hand the chosen
 * type to Pothos typed as the JSON scalar (`"JSON"`, whose values are
 * `unknown`); Pothos reads the real ref at run time. `widen()` below is the
 * only cast in typed/. Everything else (item, connection, where, orderBy and
 * change types, the static types) is typed by Pothos' own inference.
 */
import type { EnumRef, ImplementableObjectRef, InputObjectRef, ObjectRef } from "@pothos/core";
import { STATIC_TYPE_NAMES } from "./inflection.js";
import type { PodTypes } from "./pod-builder.js";
import type { EnumDef, ObjectDef, Shape, UnionDef } from "./shape.js";
import type { JsonObject, TypedItem } from "./values.js";

export type InputMode = "input" | "patch";
export type ShapeObjectRef = ImplementableObjectRef<PodTypes, JsonObject>;
/** An Input or Patch type: its values are JSON objects, but typed as unknown so that fields of run-time types fit. */
export type ShapeInputRef = InputObjectRef<PodTypes, unknown>;
export type ShapeEnumRef = EnumRef<PodTypes, string>;
/** A union of shape objects. Only ever used as a run-time type, so Pothos' shape of it is not needed. */
export type ShapeUnionRef = { readonly name: string };
export type ItemRef = ObjectRef<PodTypes, TypedItem>;
export type EnumFilterRef = InputObjectRef<PodTypes, unknown>;

/** An actor's item type, for the `x-ref` relation fields of other actors. */
export interface ItemTypeEntry {
  actorId: string;
  ref: ItemRef;
}

/** A run-time output type for `t.field`, typed for Pothos as JSON. */
export interface OutputSpec {
  type: "JSON";
  nullable: boolean;
}

/** A run-time input type for `t.field` in an input object, typed for Pothos as JSON. */
export interface InputSpec {
  type: "JSON";
  required: boolean;
}

type Nullability = boolean | { list: boolean; items: boolean };

export class TypeRegistry {
  private readonly objects = new Map<ObjectDef, ShapeObjectRef>();
  private readonly inputs = { input: new Map<ObjectDef, ShapeInputRef>(), patch: new Map<ObjectDef, ShapeInputRef>() };
  private readonly enums = new Map<EnumDef, ShapeEnumRef>();
  private readonly unions = new Map<UnionDef, ShapeUnionRef>();
  private readonly enumFilters = new Map<EnumDef, EnumFilterRef>();
  private readonly items = new Map<string, ItemTypeEntry>();

  addObject(def: ObjectDef, ref: ShapeObjectRef): void {
    this.objects.set(def, ref);
  }

  object(def: ObjectDef): ShapeObjectRef {
    const ref = this.objects.get(def);
    if (!ref) throw new Error(`typed schema: no object type for ${def.name}`);
    return ref;
  }

  addInput(def: ObjectDef, mode: InputMode, ref: ShapeInputRef): void {
    this.inputs[mode].set(def, ref);
  }

  addEnum(def: EnumDef, ref: ShapeEnumRef): void {
    this.enums.set(def, ref);
  }

  enum(def: EnumDef): ShapeEnumRef {
    const ref = this.enums.get(def);
    if (!ref) throw new Error(`typed schema: no enum type for ${def.name}`);
    return ref;
  }

  addUnion(def: UnionDef, ref: ShapeUnionRef): void {
    this.unions.set(def, ref);
  }

  /** The `<Enum>Filter` input of an enum, once made. */
  enumFilter(def: EnumDef): EnumFilterRef | undefined {
    return this.enumFilters.get(def);
  }

  addEnumFilter(def: EnumDef, ref: EnumFilterRef): void {
    this.enumFilters.set(def, ref);
  }

  /** Item types by actor name; all are added before the schema is built, so relation fields find actors created later. */
  addItem(actorName: string, entry: ItemTypeEntry): void {
    this.items.set(actorName, entry);
  }

  item(actorName: string): ItemTypeEntry | undefined {
    return this.items.get(actorName);
  }

  /** The output type and nullability of a shape. Arrays of arrays are JSON. */
  output(shape: Shape, nonNull: boolean): OutputSpec {
    if (shape.kind === "list") {
      if (shape.of.kind === "list") return { type: STATIC_TYPE_NAMES.json, nullable: !nonNull };
      return widen([this.outputNamed(shape.of)], { list: !nonNull, items: shape.itemsNullable });
    }
    return widen(this.outputNamed(shape), !nonNull);
  }

  /** The input type of a shape as a field of an input object. Arrays of arrays are JSON. */
  input(shape: Shape, mode: InputMode, required: boolean): InputSpec {
    if (shape.kind === "list" && shape.of.kind !== "list") {
      const { type, nullable } = widen([this.inputNamed(shape.of, mode)], { list: required, items: !shape.itemsNullable });
      return { type, required: nullable };
    }
    const { type, nullable } = widen(shape.kind === "list" ? STATIC_TYPE_NAMES.json : this.inputNamed(shape, mode), required);
    return { type, required: nullable };
  }

  /** The input type of a shape as an argument (a mutation's `data`, `patch`). */
  inputType(shape: Shape, mode: InputMode): "JSON" {
    return widen(this.inputNamed(shape, mode), false).type;
  }

  private outputNamed(shape: Shape): unknown {
    switch (shape.kind) {
      case "scalar":
        return shape.scalar;
      case "enum":
        return this.enums.get(shape.def);
      case "object":
        return this.objects.get(shape.def);
      case "union":
        return this.unions.get(shape.def);
      default:
        return STATIC_TYPE_NAMES.json;
    }
  }

  private inputNamed(shape: Shape, mode: InputMode): unknown {
    switch (shape.kind) {
      case "scalar":
        return shape.scalar;
      case "enum":
        return this.enums.get(shape.def);
      case "object":
        return this.inputs[mode].get(shape.def);
      default:
        return STATIC_TYPE_NAMES.json;
    }
  }
}

/**
 * The widening: a GraphQL type chosen at run time (a name, a ref, or a list of
 * one) and its nullability (a boolean, or `{ list, items }` for a list), typed
 * for Pothos as the JSON scalar with a boolean. Sound because the values are
 * JSON either way and Pothos reads `type` and `nullable`/`required` at run time.
 */
function widen(type: unknown, nullable: Nullability): OutputSpec {
  return { type: type as "JSON", nullable: nullable as boolean };
}
