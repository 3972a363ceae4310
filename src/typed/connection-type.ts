/**
 * An actor's connection (`NotesConnection`) and edge (`NotesEdge`) over one
 * page from the store's item query: `edges { cursor node }`, `nodes`,
 * `pageInfo` and `totalCount` (counted only when selected, see
 * ./query-fields.ts).
 */
import type { ItemQueryPage } from "../store/item.js";
import { pageInfoOf } from "../schema-shared/connection.js";
import type { ActorApi } from "./actor-api.js";
import type { BuildContext } from "./build-context.js";
import type { ItemRef } from "./type-registry.js";
import { toTypedItem, type TypedItem } from "./values.js";

/** What the list field resolves to. */
export interface ConnectionShape {
  page: ItemQueryPage;
}

export function addConnectionType(ctx: BuildContext, api: ActorApi, item: ItemRef) {
  const { builder, inflection, types, statics } = ctx;
  const Edge = builder.objectRef<{ cursor: string; node: TypedItem }>(types.claim(inflection.edgeType(api.typeName))).implement({
    fields: (t) => ({ cursor: t.exposeString("cursor"), node: t.field({ type: item, resolve: (e) => e.node }) }),
  });
  return builder.objectRef<ConnectionShape>(types.claim(inflection.connectionType(api.typeName))).implement({
    fields: (t) => ({
      edges: t.field({ type: [Edge], resolve: ({ page }) => page.edges.map((e) => ({ cursor: e.cursor, node: toTypedItem(e.item) })) }),
      nodes: t.field({ type: [item], resolve: ({ page }) => page.edges.map((e) => toTypedItem(e.item)) }),
      pageInfo: t.field({
        type: statics.PageInfo,
        resolve: ({ page }) => pageInfoOf(page.edges.map((e) => e.cursor), page),
      }),
      totalCount: t.int({ description: "Items matching `where`, in all pages.", resolve: ({ page }) => page.totalCount ?? 0 }),
    }),
  });
}

export type ConnectionRef = ReturnType<typeof addConnectionType>;
