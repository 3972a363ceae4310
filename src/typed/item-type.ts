/**
 * An actor's item type (`Notes`): the gateway's `id` and `_meta`, then the
 * fields of the root object shape read from the parsed document, or a single
 * `value` field when documents are not objects. Registered by actor name, so
 * relation fields of any actor in the pod can return it.
 */
import type { ActorApi, TypedActorSpec } from "./actor-api.js";
import type { BuildContext } from "./build-context.js";
import { objectFields } from "./object-types.js";
import type { ItemRef } from "./type-registry.js";
import type { TypedItem } from "./values.js";

export function addItemType(ctx: BuildContext, api: ActorApi, actor: TypedActorSpec): ItemRef {
  const root = api.mapped.root;
  const ItemType = ctx.builder.objectRef<TypedItem>(api.typeName);
  ctx.registry.addItem(actor.name, { actorId: actor.id, ref: ItemType });
  ItemType.implement({
    description: `An item of the store actor "${actor.name}".`,
    fields: (t) => ({
      id: t.id({ description: "Time-ordered item id.", resolve: (i) => i.item.id }),
      _meta: t.field({ type: ctx.statics.ItemMeta, resolve: (i) => i.item }),
      ...(root.kind === "object"
        ? objectFields(ctx, t, root.def, (i: TypedItem) => i.doc)
        : { value: t.field({ ...ctx.registry.output(root, false), resolve: (i) => i.doc }) }),
    }),
  });
  return ItemType;
}
