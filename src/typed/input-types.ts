/**
 * The input types of an actor's object shapes: `<Type>Input` for create and
 * replace, `<Type>Patch` for JSON Merge Patch. Field names are the output
 * fields'; ./convert.ts maps them back to property keys. Only scalars, enums
 * and lists of them are required in inputs: the JSON Schema checks the rest,
 * and required object fields could form a non-null input cycle GraphQL rejects.
 * Patch fields are all optional.
 */
import type { BuildContext } from "./build-context.js";
import { EXTRA_FIELD } from "./inflection.js";
import type { MappedActor } from "./map-schema.js";
import type { PodTypes } from "./pod-builder.js";
import type { FieldDef, ObjectDef, Shape } from "./shape.js";
import type { InputMode, ShapeInputRef } from "./type-registry.js";
import type { JsonObject } from "./values.js";

/** Registers the Input and Patch types of every object shape of one actor (refs first, so fields may refer to any). */
export function addInputTypes(ctx: BuildContext, mapped: MappedActor): void {
  for (const def of mapped.objects) {
    addInputType(ctx, def, "input");
    addInputType(ctx, def, "patch");
  }
}

function addInputType(ctx: BuildContext, def: ObjectDef, mode: InputMode): void {
  // Typed by what it holds, JSON, so that fields of any run-time type fit it.
  const ref: ShapeInputRef = ctx.builder.inputRef<JsonObject>(mode === "input" ? def.inputName : def.patchName);
  ctx.registry.addInput(def, mode, ref);
  const description = mode === "patch" ? `A JSON Merge Patch for ${def.name}: omitted fields stay, null removes a field.` : def.description;
  ctx.builder.inputType(ref, {
    ...(description ? { description } : {}),
    fields: (t) => {
      const entries: [string, PothosSchemaTypes.InputFieldRef<PodTypes, unknown>][] = def.fields.map((field) => [field.name, t.field({ ...ctx.registry.input(field.shape, mode, isRequired(field, mode)), ...(field.description ? { description: field.description } : {}) })]);
      if (def.open) entries.push([EXTRA_FIELD, t.field({ type: "JSON", description: "Keys this schema does not declare, merged into the stored object." })]);
      return Object.fromEntries(entries);
    },
  });
}

function isRequired(field: FieldDef, mode: InputMode): boolean {
  const simple = (s: Shape) => s.kind === "scalar" || s.kind === "enum";
  return mode === "input" && field.required && (simple(field.shape) || (field.shape.kind === "list" && simple(field.shape.of)));
}
