/**
 * An actor's change event (`NotesChange`), what its subscriptions
 * (./subscription-fields.ts) stream: the operation, the item id, the item
 * after the change (null once deleted), and the cursor to resume after it.
 */
import { changedItem, type ChangeEvent } from "../store/change.js";
import { decodeTime } from "../store/item-id.js";
import type { ActorApi, TypedActorSpec } from "./actor-api.js";
import type { BuildContext } from "./build-context.js";
import type { ItemRef } from "./type-registry.js";
import { toTypedItem } from "./values.js";

/** What the subscription fields resolve to. */
export interface ChangeShape {
  cursor: string;
  event: ChangeEvent;
}

export function addChangeType(ctx: BuildContext, api: ActorApi, actor: TypedActorSpec, item: ItemRef) {
  return ctx.builder.objectRef<ChangeShape>(ctx.types.claim(ctx.inflection.changeType(api.typeName))).implement({
    description: `One change to the items of "${actor.name}".`,
    fields: (t) => ({
      cursor: t.string({ description: "Pass as `after` to resume right after this event.", resolve: (c) => c.cursor }),
      op: t.field({ type: ctx.statics.ChangeOp, resolve: (c) => c.event.op }),
      id: t.id({ resolve: (c) => c.event.id }),
      node: t.field({
        type: item,
        nullable: true,
        description: "The item after the change; null when it was deleted.",
        resolve: (c) => {
          const changed = changedItem(c.event, decodeTime(c.event.id));
          return changed ? toTypedItem(changed) : null;
        },
      }),
    }),
  });
}

export type ChangeRef = ReturnType<typeof addChangeType>;
