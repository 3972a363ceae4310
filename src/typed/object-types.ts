/**
 * The output types of an actor's shapes (./map-schema.ts): one enum per
 * string enum, one object type per object shape, one union per discriminated
 * `oneOf`. Their fields read the stored JSON by property key; `x-ref`
 * properties add relation fields (./relation-fields.ts), open objects an
 * `_extra` field. The root object becomes the item type (./item-type.ts),
 * which takes its fields from `objectFields`.
 */
import type { GenericFieldRef } from "@pothos/core";
import type { BuildContext } from "./build-context.js";
import { extraKeys } from "./convert.js";
import { EXTRA_FIELD } from "./inflection.js";
import { addInputTypes } from "./input-types.js";
import type { MappedActor } from "./map-schema.js";
import type { PodTypes } from "./pod-builder.js";
import { relationFields } from "./relation-fields.js";
import type { ObjectDef } from "./shape.js";
import { isJsonObject, readKey, type JsonObject } from "./values.js";

type FieldEntry = [string, GenericFieldRef<unknown>];

/** Registers the enums, object types, unions and input types of one actor's shapes. */
export function addShapeTypes(ctx: BuildContext, mapped: MappedActor): void {
  const { builder, registry } = ctx;
  for (const def of mapped.enums) {
    registry.addEnum(def, builder.enumType(def.name, { ...(def.description ? { description: def.description } : {}), values: Object.fromEntries(def.values.map((v) => [v.name, { value: v.value }])) }));
  }
  // The root object becomes the item type (built per actor); its "Data" twin exists only for recursive references.
  const root = mapped.root.kind === "object" ? mapped.root.def : null;
  const outputDefs = mapped.objects.filter((def) => def !== root || mapped.rootReferenced);
  for (const def of outputDefs) registry.addObject(def, builder.objectRef<JsonObject>(def.name));
  for (const def of mapped.unions) {
    const union = builder.unionType(def.name, {
      ...(def.description ? { description: def.description } : {}),
      types: def.members.map((m) => registry.object(m.def)),
      resolveType: (value) => def.members.find((m) => isJsonObject(value) && value[def.discriminator] === m.value)?.def.name ?? null,
    });
    registry.addUnion(def, union);
  }
  for (const def of outputDefs) {
    registry.object(def).implement({
      ...(def.description ? { description: def.description } : {}),
      fields: (t) => objectFields(ctx, t, def, (parent) => parent),
    });
  }
  addInputTypes(ctx, mapped);
}

/** The output fields of an object shape, reading the stored object from `source(parent)`. */
export function objectFields<P>(ctx: BuildContext, t: PothosSchemaTypes.ObjectFieldBuilder<PodTypes, P>, def: ObjectDef, source: (parent: P) => unknown): Record<string, GenericFieldRef<unknown>> {
  const entries: FieldEntry[] = def.fields.map((field) => [
    field.name,
    t.field({
      ...ctx.registry.output(field.shape, field.nonNull),
      ...(field.description ? { description: field.description } : {}),
      resolve: (parent) => readKey(source(parent), field.key),
    }),
  ]);
  entries.push(...relationFields(ctx, t, def, source));
  if (def.open) {
    entries.push([
      EXTRA_FIELD,
      t.field({ type: "JSON", nullable: true, description: "Stored keys this schema does not declare.", resolve: (parent) => extraKeys({ kind: "object", def }, source(parent)) }),
    ]);
  }
  return Object.fromEntries(entries);
}
