/**
 * An actor's query fields: the list (`notes`, a connection with `where` and
 * `orderBy`, through the request's batched item-query loader), the single
 * item (`notesById`, through the item loader) and an item's history
 * (`notesHistory`). The list takes `asOf` and the single item `rev` or
 * `asOf`: the items as they were (./item-reads.ts for the single item and
 * the history). `totalCount` is counted only when the selection asks for it.
 */
import type { GraphQLResolveInfo } from "graphql";
import { GatewayError } from "../errors/gateway-error.js";
import type { ActorTypes } from "./actor-types.js";
import { historyOf, instant, itemAsOf } from "./item-reads.js";
import type { PodTypes } from "./pod-builder.js";
import { toTypedItem } from "./values.js";
import { toWhere } from "./where.js";

type QueryFieldBuilder = PothosSchemaTypes.QueryFieldBuilder<PodTypes, {}>;

export function queryFields(t: QueryFieldBuilder, types: ActorTypes) {
  const { api, actor, indexed } = types;
  return {
    [api.listField]: t.field({
      type: types.connection,
      description: `Items of "${actor.name}". Filters apply before the page limit; default order is insertion order.`,
      args: {
        first: t.arg.int(),
        after: t.arg.string(),
        last: t.arg.int(),
        before: t.arg.string(),
        where: t.arg({ type: types.where }),
        orderBy: t.arg({ type: [types.orderBy] }),
        asOf: t.arg({ type: "DateTime", description: "The items as they were at this time, each at its revision current then; `where`, `orderBy` and `totalCount` read those revisions." }),
      },
      resolve: async (_root, args, ctx, info) => {
        if (args.first != null && args.last != null) throw new GatewayError("BAD_USER_INPUT", 'Pass "first" or "last", not both.', { argument: "last" });
        const page = await ctx.loaders.itemQuery.load({
          pod: ctx.pod,
          actorId: actor.id,
          query: {
            where: toWhere(args.where, indexed),
            orderBy: (args.orderBy ?? []).map((o) => ({ path: String(o.field), direction: o.direction === "desc" ? "desc" : "asc" })),
            ...(args.last != null ? { last: args.last, before: args.before ?? null } : { first: args.first ?? undefined, after: args.after ?? null }),
            count: selects(info, "totalCount"),
            ...(args.asOf != null ? { asOf: instant(args.asOf, "asOf") } : {}),
          },
        });
        return { page };
      },
    }),
    [api.byIdField]: t.field({
      type: types.item,
      nullable: true,
      description: "One item, or null. With `rev`, that revision of it; with `asOf`, the revision current at that time (null when it was deleted or did not exist then).",
      args: { id: t.arg.id({ required: true }), rev: t.arg.int(), asOf: t.arg({ type: "DateTime" }) },
      resolve: async (_root, args, ctx) => {
        const item = args.rev == null && args.asOf == null
          ? await ctx.loaders.item.load({ pod: ctx.pod, actorId: actor.id, id: String(args.id) })
          : await itemAsOf(ctx, actor.id, String(args.id), args);
        return item ? toTypedItem(item) : null;
      },
    }),
    [api.historyField]: t.field({
      type: types.history,
      nullable: true,
      description: `The revisions of a "${actor.name}" item, newest first (a deletion is one, with a null node); null when the actor has no record of the item. Cursors are revision numbers as strings.`,
      args: { id: t.arg.id({ required: true }), first: t.arg.int(), after: t.arg.string() },
      resolve: (_root, args, ctx) => historyOf(ctx, actor.id, String(args.id), args.first, args.after),
    }),
  };
}

/** Whether the field's selection asks for `name` (fragments count as asking). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => node.selectionSet?.selections.some((s) => s.kind !== "Field" || s.name.value === name));
}
