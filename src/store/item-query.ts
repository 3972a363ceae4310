/**
 * Typed item queries: boolean filters on indexed paths, ordering by indexed
 * paths, keyset pagination in both directions and an optional total count,
 * compiled to one parameterised SQLite statement. Paths and values are always
 * bound parameters; only fixed SQL fragments are concatenated.
 */
import { base64urlText, fromBase64url, textFromBase64url } from "../encoding/base64url.js";
import { GatewayError } from "../errors/gateway-error.js";
import { LIMITS } from "../limits.js";
import { indexPathProblem, type IndexValue } from "./index-path.js";
import { toFtsQuery } from "./search-query.js";
import { ULID_PATTERN } from "./item-id.js";

export type Operator = "eq" | "ne" | "in" | "lt" | "lte" | "gt" | "gte" | "startsWith" | "isNull";

export interface Condition {
  path: string;
  op: Operator;
  /** A scalar for comparisons, a list for `in`, a boolean for `isNull`. */
  value: IndexValue | IndexValue[] | boolean;
}

export type Where = { and: Where[] } | { or: Where[] } | { not: Where } | { condition: Condition };

export interface OrderTerm {
  /** An indexed path, or "id" for insertion order. */
  path: string;
  direction: "asc" | "desc";
}

export interface ItemQuery {
  where: Where | null;
  orderBy: OrderTerm[];
  /** Forward paging: up to `first` items after `after`. */
  first?: number;
  after?: string | null;
  /** Backward paging: the last `last` items before `before`. */
  last?: number;
  before?: string | null;
  count?: boolean;
  /**
   * Paseo Core names an index path in a query string with its dots as underscores
   * (`k_metadata_type` for `metadata.type`): accept that form too, for REST.
   */
  paseoNames?: boolean;
  /**
   * Time travel: the items as they were at this time (ms), each at the revision current then.
   * Filters and sorts then read the values at the indexed paths from those bodies (json_each),
   * by the same rules as the index: a scalar, or each scalar element of an array.
   */
  asOf?: number | null;
  /**
   * Filters and sorts may name any well-formed path, not only indexed ones: a path without an
   * index is read from each body (json_each), by the index's rules, and costed by the rows it scans.
   */
  anyPath?: boolean;
  /** Full-text search over the actor's `search` paths (store/search-query.ts syntax); ranks by bm25 unless `orderBy` is given. */
  search?: string | null;
}

/**
 * The items as they were at a time, as a table expression with the columns of `items`: each
 * item's revision current then (objects/item-history.ts), deleted items left out. Binds the time
 * three times. A revision read from the history has no creation time (0): its id holds it.
 */
export const SNAPSHOT_SQL = `SELECT id, ts, updated_ts, rev, schema_version, body, op, author FROM items WHERE updated_ts <= ?
  UNION ALL SELECT item_id, 0, ts, rev, schema_version, body, op, author FROM item_history WHERE ts <= ? AND superseded_at > ? AND op IS NOT 'deleted'`;

/** The matching items' ids and bm25 ranks (lower is better) for an FTS5 query, one bound parameter (objects/search-index.ts). */
export const SEARCH_MATCHES_SQL =
  "SELECT m.item_id AS sid, bm25(item_search) AS score FROM item_search JOIN item_search_ids AS m ON m.docid = item_search.rowid WHERE item_search MATCH ?";

/** A dotted index path as an SQLite JSON path; segments are quoted, so `$` and `-` in them read as themselves. */
function jsonPath(path: string): string {
  return "$" + path.split(".").map((segment) => `."${segment}"`).join("");
}

export interface SqlPlan {
  sql: string;
  params: (string | number | null)[];
  countSql: string | null;
  countParams: (string | number | null)[];
  /**
   * The filtered set, without order or page: a statement that selects `select` (binding
   * `selectParams`) from the matching items (as `items`), with its parameters in order; what aggregates run over.
   */
  rows: (select: string, selectParams: (string | number | null)[]) => { sql: string; params: (string | number | null)[] };
  limit: number;
  backward: boolean;
  /** The index paths of the filter conditions (once per condition, three times under OR) and of the non-id sort terms: what the work estimate needs. */
  conditionPaths: string[];
  termPaths: string[];
  /** The FTS5 query the page was searched with (null without search): the store fetches its highlights. */
  ftsQuery: string | null;
  /** Sort key values a cursor holds before the id: k0, k1, ... of each row. */
  keyCount: number;
}

/**
 * An upper bound of the rows SQLite reads to run `plan` on an actor of `itemCount` items, whose
 * index holds `indexRows` rows per path (an array has a row per element), as measured on
 * single- and many-valued paths (test/query-estimate.test.ts): a page in insertion order reads the
 * page; each filter condition reads at most the index rows of its path, and the items it keeps;
 * each sort term reads about 6 rows per item and 2.5 per index row of its path (grouping, joining
 * and sorting); a total count reads every item the filter keeps. Budgets refuse a query whose bound passes what is
 * left before it runs, since one statement cannot be stopped part way.
 */
export function estimateRowsRead(plan: Pick<SqlPlan, "conditionPaths" | "termPaths" | "limit" | "countSql">, itemCount: number, indexRows: ReadonlyMap<string, number>): number {
  const rows = (path: string) => Math.max(indexRows.get(path) ?? 0, itemCount);
  const filtering = plan.conditionPaths.reduce((sum, path) => sum + rows(path), 0);
  // Measured: about 7 rows per item for a single-valued path, 2.2 per index row for an array.
  const sorting = plan.termPaths.reduce((sum, path) => sum + 6 * itemCount + Math.ceil(2.5 * rows(path)), 0);
  const page = plan.conditionPaths.length + plan.termPaths.length === 0 ? Math.min(itemCount, plan.limit + 1) : itemCount + filtering + sorting + plan.limit + 1;
  return page + (plan.countSql ? itemCount + filtering : 0);
}

/**
 * The one page-size rule, for REST's `limit`, GraphQL's `first`/`last` and the store: 1 to
 * LIMITS.maxPageSize, LIMITS.defaultPageSize when not given; BAD_USER_INPUT naming the argument.
 */
export function pageSize(value: number | null | undefined, argument: string): number {
  if (value === null || value === undefined) return LIMITS.defaultPageSize;
  if (!Number.isInteger(value) || value < 1 || value > LIMITS.maxPageSize) {
    throw new GatewayError("BAD_USER_INPUT", `"${argument}" must be a whole number from 1 to ${LIMITS.maxPageSize}.`, { argument });
  }
  return value;
}

/**
 * The one cursor codec: a cursor holds the sort key values of an item, then its id. In insertion
 * order (no sort keys) it is the item id itself, which is what REST's `after`/`next_after` carry
 * (Paseo-compatible) and what older global cursors were; otherwise it is the base64url of the JSON
 * of the values, opaque to clients.
 */
export function encodeCursor(values: (string | number | null)[]): string {
  if (values.length === 1 && typeof values[0] === "string" && ULID_PATTERN.test(values[0])) return values[0];
  // Sort keys may hold any string; btoa alone takes Latin-1 only.
  return base64urlText(JSON.stringify(values));
}

export function decodeCursor(cursor: string, length: number): (string | number | null)[] {
  if (length === 1 && ULID_PATTERN.test(cursor)) return [cursor];
  try {
    // A cursor from before UTF-8 encoding holds Latin-1 sort keys: one byte a character.
    const text = textFromBase64url(cursor) ?? String.fromCharCode(...(fromBase64url(cursor) ?? []));
    const values: unknown = JSON.parse(text);
    if (Array.isArray(values) && values.length === length && values.every((v) => v === null || typeof v === "string" || typeof v === "number")) {
      return values as (string | number | null)[];
    }
  } catch {
    // fall through
  }
  throw new GatewayError("INVALID_CURSOR", "The cursor is not one this query returned; cursors depend on orderBy.", { cursor });
}

/** Equality filters (REST `k_path=value`, the global `where`): each path must hold one of its values. */
export function equalityWhere(filters: { path: string; values: IndexValue[] }[]): Where | null {
  return filters.length ? { and: filters.map(({ path, values }) => ({ condition: { path, op: "in" as const, value: values } })) } : null;
}

const NUMERIC = "typeof(value) IN ('integer', 'real')";
const TEXT = "typeof(value) = 'text'";

/**
 * Compiles `query` against the actor's `indexes` (and `searchable`: whether it has a search
 * index). Other paths are read from the bodies with `anyPath`, else refused with UNINDEXED_FILTER.
 */
export function planItemQuery(query: ItemQuery, indexes: string[], searchable = false): SqlPlan {
  const params: (string | number | null)[] = [];
  /** The indexed path `name` means: itself, or with `paseoNames`, the one index whose dots read as underscores. */
  const checkPath = (name: string): string => {
    if (indexes.includes(name)) return name;
    if (query.paseoNames) {
      const candidates = indexes.filter((index) => index.replace(/\./g, "_") === name);
      if (candidates.length === 1) return candidates[0]!;
      if (candidates.length > 1) {
        throw new GatewayError("BAD_USER_INPUT", `"${name}" could name any of the indexed paths ${candidates.join(", ")}: write the path with its dots (k_${candidates[0]}).`, { path: name, candidates });
      }
    }
    if (query.anyPath) {
      const problem = indexPathProblem(name);
      if (problem === null) return name;
      throw new GatewayError("BAD_USER_INPUT", `"${name}" is not a path: it ${problem}.`, { path: name });
    }
    throw new GatewayError("UNINDEXED_FILTER", `"${name}" is not an indexed path; indexed paths: ${indexes.join(", ") || "(none)"}.`, { path: name, indexes });
  };
  let conditions = 0;
  const conditionPaths: string[] = [];
  // Measured: a condition under OR reads about 3 rows per index row of its path (SQLite checks each
  // item against every branch), one under AND alone about 1; the estimate counts it that often.
  let weight = 1;
  const compile = (where: Where, depth: number, underOr: boolean): string => {
    if (depth > 8) throw new GatewayError("BAD_USER_INPUT", "Filters nest at most 8 levels deep.");
    if ("and" in where) return where.and.length ? `(${where.and.map((w) => compile(w, depth + 1, underOr)).join(" AND ")})` : "1";
    if ("or" in where) return where.or.length ? `(${where.or.map((w) => compile(w, depth + 1, underOr || where.or.length > 1)).join(" OR ")})` : "0";
    if ("not" in where) return `NOT ${compile(where.not, depth + 1, underOr)}`;
    if (++conditions > LIMITS.maxFilters) throw new GatewayError("BAD_USER_INPUT", `At most ${LIMITS.maxFilters} filter conditions are allowed in one query.`);
    weight = underOr ? 3 : 1;
    return condition(where.condition);
  };
  const asOf = query.asOf ?? null;
  const snapshot = asOf === null ? "" : `WITH snap AS (${SNAPSHOT_SQL}) `;
  const from = asOf === null ? "items" : "snap AS items";
  const snapParams = asOf === null ? [] : [asOf, asOf, asOf];
  // The values at a path, per item: the index's rows; or, for a path without an index and in
  // the past, those read from each body (the bodies then), by the same rules.
  const fromIndex = (path: string) => asOf === null && indexes.includes(path);
  const pathParam = (path: string) => (fromIndex(path) ? path : jsonPath(path));
  const subquery = (path: string, predicate: string, ...values: (string | number | null)[]) => {
    params.push(pathParam(path), ...values);
    return fromIndex(path)
      ? `items.id IN (SELECT item_id FROM item_index WHERE path = ? AND ${predicate})`
      : `EXISTS (SELECT 1 FROM json_each(items.body, ?) WHERE type NOT IN ('object', 'array') AND ${predicate})`;
  };
  const condition = ({ path: name, op, value }: Condition): string => {
    const path = checkPath(name);
    for (let i = 0; i < weight; i++) conditionPaths.push(path);
    const scalar = (v: unknown): string | number | null => {
      if (v === null || typeof v === "string" || typeof v === "number") return v;
      throw new GatewayError("BAD_USER_INPUT", `Filter "${op}" on "${path}" needs a string, number or null.`, { path, op });
    };
    switch (op) {
      case "eq":
        return value === null ? subquery(path, "value IS NULL") : subquery(path, "value = ?", scalar(value));
      case "ne":
        return `NOT ${condition({ path, op: "eq", value })}`;
      case "in": {
        const list = Array.isArray(value) ? value.map(scalar) : [scalar(value)];
        if (list.length === 0) return "0";
        if (list.length > 50) throw new GatewayError("BAD_USER_INPUT", `"in" on "${path}" takes at most 50 values.`, { path });
        const concrete = list.filter((v) => v !== null);
        const parts = [...(concrete.length ? [`value IN (${concrete.map(() => "?").join(",")})`] : []), ...(list.includes(null) ? ["value IS NULL"] : [])];
        return subquery(path, `(${parts.join(" OR ")})`, ...concrete);
      }
      case "lt":
      case "lte":
      case "gt":
      case "gte": {
        const v = scalar(value);
        if (v === null) throw new GatewayError("BAD_USER_INPUT", `"${op}" on "${path}" needs a value, not null.`, { path, op });
        const sign = { lt: "<", lte: "<=", gt: ">", gte: ">=" }[op];
        // Compare like with like: SQLite orders every number before every string.
        return subquery(path, `${typeof v === "number" ? NUMERIC : TEXT} AND value ${sign} ?`, v);
      }
      case "startsWith": {
        if (typeof value !== "string") throw new GatewayError("BAD_USER_INPUT", `"startsWith" on "${path}" needs a string.`, { path });
        return subquery(path, `${TEXT} AND value >= ? AND value < ?`, value, value + "\u{10FFFF}");
      }
      case "isNull": {
        const present = subquery(path, "value IS NOT NULL");
        return value === false ? present : `NOT ${present}`;
      }
    }
  };

  const filter = query.where ? compile(query.where, 0, false) : "1";
  const filterParams = [...params];

  if (query.orderBy.length > 3) throw new GatewayError("BAD_USER_INPUT", "orderBy takes at most 3 terms.");
  const terms = query.orderBy.filter((t) => t.path !== "id");
  terms.forEach((t) => checkPath(t.path));
  const idDirection = query.orderBy.find((t) => t.path === "id")?.direction ?? "asc";

  // Each sort term joins the smallest indexed value per item (k0, k1, ...), computed once per
  // query, and sorts as (value is missing, value): missing values sort last, whatever the direction.
  const keysOf = (path: string) =>
    fromIndex(path)
      ? "SELECT item_id, MIN(value) AS v FROM item_index WHERE path = ? GROUP BY item_id"
      : `SELECT s.id AS item_id, MIN(value) AS v FROM ${asOf === null ? "items" : "snap"} AS s, json_each(s.body, ?) WHERE type NOT IN ('object', 'array') GROUP BY s.id`;
  const joins = terms.map((t, i) => `LEFT JOIN (${keysOf(t.path)}) AS k${i} ON k${i}.item_id = items.id`);
  const joinParams: (string | number | null)[] = terms.map((t) => pathParam(t.path));
  // Search: the matching items with their bm25 rank (lower is better), which orders them unless orderBy does.
  const ftsQuery = query.search == null ? null : searchQuery(query.search, searchable, asOf);
  if (ftsQuery !== null) {
    joins.push(`JOIN (${SEARCH_MATCHES_SQL}) AS fts ON fts.sid = items.id`);
    joinParams.push(ftsQuery);
  }
  const ranked = ftsQuery !== null && terms.length === 0 && !query.orderBy.some((t) => t.path === "id");
  const keyExprs: { expr: string; direction: "asc" | "desc" }[] = [];
  if (ranked) keyExprs.push({ expr: "fts.score", direction: "asc" });
  terms.forEach((term, i) => {
    keyExprs.push({ expr: `(k${i}.v IS NULL)`, direction: "asc" });
    keyExprs.push({ expr: `IFNULL(k${i}.v, 0)`, direction: term.direction });
  });
  keyExprs.push({ expr: "items.id", direction: idDirection });

  const backward = query.last !== undefined && query.last !== null;
  const limit = pageSize(backward ? query.last : query.first, backward ? "last" : "first");
  const cursor = backward ? query.before : query.after;
  // Walking backward flips every direction, then the page is reversed.
  const effective = keyExprs.map((k) => ({ ...k, direction: backward ? (k.direction === "asc" ? "desc" : "asc") : k.direction }));

  const where: string[] = [filter];
  const wParams: (string | number | null)[] = [...filterParams];
  const keyCount = terms.length + (ranked ? 1 : 0);
  const scopeParams = [...snapParams, ...(ftsQuery !== null ? [ftsQuery] : []), ...filterParams];
  if (cursor) {
    const values = decodeCursor(cursor, keyCount + 1);
    const keyValues: (string | number | null)[] = [];
    if (ranked) keyValues.push(values[0] ?? 0);
    terms.forEach((_, i) => keyValues.push(values[i + (ranked ? 1 : 0)] === null ? 1 : 0, values[i + (ranked ? 1 : 0)] ?? 0));
    keyValues.push(values[keyCount]!);
    // Lexicographic "after this key": k1 > v1 OR (k1 = v1 AND k2 > v2) OR ...
    const ors: string[] = [];
    for (let i = 0; i < effective.length; i++) {
      const parts: string[] = [];
      for (let j = 0; j < i; j++) {
        parts.push(`${effective[j]!.expr} = ?`);
        wParams.push(keyValues[j]!);
      }
      parts.push(`${effective[i]!.expr} ${effective[i]!.direction === "asc" ? ">" : "<"} ?`);
      wParams.push(keyValues[i]!);
      ors.push(`(${parts.join(" AND ")})`);
    }
    where.push(`(${ors.join(" OR ")})`);
  }
  const order = effective.map((k) => `${k.expr} ${k.direction.toUpperCase()}`).join(", ");
  const scope = (select: string) => `${snapshot}SELECT ${select} FROM ${from}${ftsQuery !== null ? ` ${joins[joins.length - 1]}` : ""} WHERE ${filter}`;
  const selectKeys = [...(ranked ? ["fts.score AS k0"] : []), ...terms.map((_, i) => `k${i}.v AS k${i + (ranked ? 1 : 0)}`)];
  if (ftsQuery !== null && !ranked) selectKeys.push("fts.score AS score");

  const sql =
    `${snapshot}SELECT items.id AS id, ts, updated_ts, rev, schema_version, body, op, author${selectKeys.length ? ", " + selectKeys.join(", ") : ""} ` +
    `FROM ${from} ${joins.join(" ")} WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ?`;
  const allParams = [...snapParams, ...joinParams, ...wParams, limit + 1];
  if (allParams.length > 100) throw new GatewayError("BAD_USER_INPUT", "The query is too complex: use fewer filter conditions or orderBy terms.");
  return {
    sql,
    params: allParams,
    countSql: query.count ? scope("COUNT(*) AS n") : null,
    countParams: scopeParams,
    rows: (select, selectParams) => ({ sql: scope(select), params: [...snapParams, ...selectParams, ...scopeParams.slice(snapParams.length)] }),
    limit,
    backward,
    conditionPaths,
    termPaths: terms.map((t) => t.path),
    ftsQuery,
    keyCount,
  };
}

/** The FTS5 query for a `search` argument; BAD_USER_INPUT when the actor has no search index or it cannot search the past. */
function searchQuery(search: string, searchable: boolean, asOf: number | null): string {
  if (!searchable) throw new GatewayError("BAD_USER_INPUT", `This actor has no search index: set "search" in its config to the paths to search.`, { argument: "search" });
  if (asOf !== null) throw new GatewayError("BAD_USER_INPUT", "Search reads today's search index, so it cannot be combined with asOf / at.", { argument: "search" });
  return toFtsQuery(search);
}
