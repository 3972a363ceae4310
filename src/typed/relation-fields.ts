/**
 * Relation fields: a property marked `"x-ref": "<actorName>"` holds ids of
 * items of that actor, and gets a field beside it returning the item(s)
 * (`authorId` → `author`, named by ./map-schema.ts). They resolve through the
 * request's item DataLoader, so all references to one actor at one level of a
 * query are one call to its object. A missing target is null, never an error;
 * a reference to an actor the pod does not have (yet) adds no field.
 */
import type { GenericFieldRef } from "@pothos/core";
import type { BuildContext } from "./build-context.js";
import type { PodContext, PodTypes } from "./pod-builder.js";
import type { ObjectDef } from "./shape.js";
import { readKey, toTypedItem, type TypedItem } from "./values.js";

export function relationFields<P>(ctx: BuildContext, t: PothosSchemaTypes.ObjectFieldBuilder<PodTypes, P>, def: ObjectDef, source: (parent: P) => unknown): [string, GenericFieldRef<unknown>][] {
  const entries: [string, GenericFieldRef<unknown>][] = [];
  for (const field of def.fields) {
    const relation = field.relation;
    const target = relation && ctx.registry.item(relation.actor);
    if (!relation || !target) continue;
    const description = `The ${target.ref.name} item${relation.many ? "s" : ""} that \`${field.name}\` refers to; null where none exists.`;
    const load = async (ids: unknown[], pod: PodContext): Promise<(TypedItem | null)[]> => {
      const items = await pod.loaders.item.loadMany(ids.map((id) => ({ pod: pod.pod, actorId: target.actorId, id: String(id) })));
      return items.map((item) => (item && !(item instanceof Error) ? toTypedItem(item) : null));
    };
    const ref = relation.many
      ? t.field({
          type: [target.ref],
          nullable: { list: true, items: true },
          description,
          resolve: async (parent, _args, pod) => {
            const value = readKey(source(parent), field.key);
            return Array.isArray(value) ? load(value, pod) : null;
          },
        })
      : t.field({
          type: target.ref,
          nullable: true,
          description,
          resolve: async (parent, _args, pod) => {
            const value = readKey(source(parent), field.key);
            return typeof value === "string" ? ((await load([value], pod))[0] ?? null) : null;
          },
        });
    entries.push([relation.field, ref]);
  }
  return entries;
}
