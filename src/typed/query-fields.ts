/**
 * An actor's query fields: the list (`notes`, a connection with `where` and
 * `orderBy`, through the request's batched item-query loader) and the single
 * item (`notesById`, through the item loader). `totalCount` is counted only
 * when the selection asks for it.
 */
import type { GraphQLResolveInfo } from "graphql";
import { GatewayError } from "../errors/gateway-error.js";
import type { ActorTypes } from "./actor-types.js";
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
          },
        });
        return { page };
      },
    }),
    [api.byIdField]: t.field({
      type: types.item,
      nullable: true,
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_root, args, ctx) => {
        const item = await ctx.loaders.item.load({ pod: ctx.pod, actorId: actor.id, id: String(args.id) });
        return item ? toTypedItem(item) : null;
      },
    }),
  };
}

/** Whether the field's selection asks for `name` (fragments count as asking). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => node.selectionSet?.selections.some((s) => s.kind !== "Field" || s.name.value === name));
}
