/**
 * The one connection model of both schemas (the global one in
 * graphql/types/connection.ts, the typed one in typed/connection-type.ts):
 * a page of nodes with their cursors, and the one PageInfo shape.
 */
export interface Page<T extends object> {
  nodes: T[];
  cursorOf: (node: T) => string;
  hasNextPage: boolean;
  /** True when items come before this page (paging forward from a cursor). */
  hasPreviousPage?: boolean;
}

export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** The PageInfo of a page whose edges have these cursors, in order. */
export function pageInfoOf(cursors: readonly string[], page: { hasNextPage: boolean; hasPreviousPage?: boolean }): PageInfoShape {
  return {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage ?? false,
    startCursor: cursors[0] ?? null,
    endCursor: cursors[cursors.length - 1] ?? null,
  };
}
