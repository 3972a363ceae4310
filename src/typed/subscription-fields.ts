/**
 * An actor's subscription fields, over its change feed: `notesAdded` (created
 * items, kept only when they match `where`) and `notesChanges` (every change).
 * Each event carries a cursor; `after: <cursor>` resumes with nothing missed.
 */
import { matchesWhere } from "../store/where-match.js";
import { actorChanges, parseSeqCursor } from "../subscriptions/actor-changes.js";
import { transform } from "../subscriptions/iterators.js";
import type { ActorTypes } from "./actor-types.js";
import type { PodTypes } from "./pod-builder.js";
import { toWhere } from "./where.js";

type SubscriptionFieldBuilder = PothosSchemaTypes.SubscriptionFieldBuilder<PodTypes, {}>;

export function subscriptionFields(t: SubscriptionFieldBuilder, types: ActorTypes) {
  const { api, actor, indexed } = types;
  return {
    [api.subscriptions.added]: t.field({
      type: types.change,
      description: `Items created in "${actor.name}", in order; \`where\` keeps only matching ones. Pass a cursor as \`after\` to resume.`,
      args: { where: t.arg({ type: types.where }), after: t.arg.string() },
      subscribe: (_root, args, ctx) => {
        const where = toWhere(args.where, indexed);
        return transform(actorChanges(ctx.env, ctx.pod, actor.id, parseSeqCursor(args.after)), (event) =>
          event.op === "created" && matchesWhere(JSON.parse(event.body!), where) ? { cursor: String(event.seq), event } : undefined,
        );
      },
      resolve: (change) => change,
    }),
    [api.subscriptions.changes]: t.field({
      type: types.change,
      description: `Every change to "${actor.name}" items (created, replaced, patched, deleted, restored), in order.`,
      args: { after: t.arg.string() },
      subscribe: (_root, args, ctx) => transform(actorChanges(ctx.env, ctx.pod, actor.id, parseSeqCursor(args.after)), (event) => ({ cursor: String(event.seq), event })),
      resolve: (change) => change,
    }),
  };
}
