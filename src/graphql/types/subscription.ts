/**
 * Subscriptions on the global schema, streamed over Server-Sent Events:
 * `itemAdded` and `itemChanges` of one actor, `podChanges` of a whole pod.
 * Each event carries `cursor`; pass it as `after` to resume with nothing
 * missed and nothing repeated (see docs/subscriptions.md).
 */
import { decodeTime } from "../../store/item-id.js";
import { changedItem, type ChangeEvent, CHANGE_OP_VALUES } from "../../store/change.js";
import { actorChanges, parseSeqCursor } from "../../subscriptions/actor-changes.js";
import { transform } from "../../subscriptions/iterators.js";
import { podChanges } from "../../subscriptions/pod-changes.js";
import { requirePod } from "../../domain/pods.js";
import { builder } from "../builder.js";
import { resolveActorAddress } from "./item.js";
import { ItemRef, itemNode } from "./item.js";

interface ItemChangeShape {
  cursor: string;
  pod: string;
  actorId: string;
  event: ChangeEvent;
}

export const ChangeOpEnum = builder.enumType("ChangeOp", { values: CHANGE_OP_VALUES });

const ItemChange = builder.objectRef<ItemChangeShape>("ItemChange").implement({
  description: "One change to an actor's items.",
  fields: (t) => ({
    cursor: t.exposeString("cursor", { description: "Pass as `after` to resume right after this event." }),
    seq: t.int({ description: "The change's sequence number in its actor's feed.", resolve: (c) => c.event.seq }),
    op: t.field({ type: ChangeOpEnum, resolve: (c) => c.event.op }),
    actorId: t.exposeID("actorId"),
    itemId: t.id({ resolve: (c) => c.event.id }),
    ts: t.float({ description: "When the change was written, ms since the epoch.", resolve: (c) => c.event.ts }),
    item: t.field({ type: ItemRef, nullable: true, description: "The item after the change; null when it was deleted.", resolve: (c) => {
        const item = changedItem(c.event, decodeTime(c.event.id));
        return item && itemNode(c, item);
      } }),
  }),
});

const target = (t: PothosSchemaTypes.SubscriptionFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<import("../builder.js").GatewaySchemaTypes>, {}>) => ({
  pod: t.arg.string({ description: "The pod, when `actor` is an id or name rather than a ref." }),
  actor: t.arg.id({ required: true, description: 'An actor ref ("<pod>/<id>"), or an id or name with `pod`.' }),
  after: t.arg.string({ description: "Resume after this cursor; without it, only changes from now on." }),
});

builder.subscriptionType({
  fields: (t) => ({
    itemChanges: t.field({
      type: ItemChange,
      description: "Every change (created, replaced, patched, deleted, restored) to one actor's items, in order.",
      args: target(t),
      subscribe: async (_root, args, ctx) => {
        const at = await resolveActorAddress(ctx, args.pod, String(args.actor), "read");
        return transform(actorChanges(ctx.env, at.pod, at.actorId, parseSeqCursor(args.after)), (event) => ({ cursor: String(event.seq), pod: at.pod, actorId: at.actorId, event }));
      },
      resolve: (change) => change,
    }),
    itemAdded: t.field({
      type: ItemChange,
      description: "Items created in one actor, in order.",
      args: target(t),
      subscribe: async (_root, args, ctx) => {
        const at = await resolveActorAddress(ctx, args.pod, String(args.actor), "read");
        return transform(actorChanges(ctx.env, at.pod, at.actorId, parseSeqCursor(args.after)), (event) =>
          event.op === "created" ? { cursor: String(event.seq), pod: at.pod, actorId: at.actorId, event } : undefined,
        );
      },
      resolve: (change) => change,
    }),
    podChanges: t.field({
      type: ItemChange,
      description: "Every change to the items of every store actor in a pod; per-actor order is kept.",
      args: { pod: t.arg.string({ required: true }), after: t.arg.string() },
      subscribe: async (_root, args, ctx) => {
        await ctx.auth.require(args.pod, "read");
        await requirePod(ctx.env, args.pod);
        const pod = args.pod;
        return transform(await podChanges(ctx.env, pod, args.after ?? null), (change) => ({ ...change, pod }));
      },
      resolve: (change) => change,
    }),
  }),
});
