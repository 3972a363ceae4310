/**
 * Relay-style connections: `edges { cursor node }`, `nodes` and `pageInfo`.
 * Pagination is forward (`first`/`after`) over time-ordered ids, so a cursor
 * is the last id of the page and stays valid while items are written.
 */
import type { ObjectRef } from "@pothos/core";
import { pageSize as checkPageSize } from "../../store/item-query.js";
import { builder, type BuilderTypes } from "../builder.js";
import { pageInfoOf, type Page, type PageInfoShape } from "../../schema-shared/connection.js";

export const PageInfo = builder.objectRef<PageInfoShape>("PageInfo").implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean("hasNextPage"),
    hasPreviousPage: t.exposeBoolean("hasPreviousPage"),
    startCursor: t.exposeString("startCursor", { nullable: true }),
    endCursor: t.exposeString("endCursor", { nullable: true }),
  }),
});

export function connectionType<T extends object>(name: string, node: ObjectRef<BuilderTypes, T>) {
  const edge = builder.objectRef<{ cursor: string; node: T }>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.exposeString("cursor"),
      // TypeScript cannot evaluate Pothos' resolver-result type for a generic T; e.node is exactly T.
      node: t.field({ type: node, resolve: (e) => e.node as never }),
    }),
  });
  return builder.objectRef<Page<T>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [edge], resolve: (page) => page.nodes.map((n) => ({ cursor: page.cursorOf(n), node: n })) }),
      nodes: t.field({ type: [node], resolve: (page) => page.nodes }),
      pageInfo: t.field({
        type: PageInfo,
        resolve: (page) => pageInfoOf(page.nodes.map(page.cursorOf), page),
      }),
    }),
  });
}

/** Checks `first` under the one page-size rule (store/item-query.ts); returns the page size to use. */
export function pageSize(first: number | null | undefined): number {
  return checkPageSize(first, "first");
}
