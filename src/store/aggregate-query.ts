/**
 * Aggregates over the set an item query selects (its `where`, `search` and
 * `asOf`; order and page do not apply): count, and sum, avg, min and max of
 * paths; and the same per group of values at some paths (group-by). Values
 * are read from the bodies (json_extract): sum and avg take numbers only, min
 * and max numbers or strings (SQLite orders every number before every
 * string), anything else at a path counts as missing. One statement each,
 * every path and value bound.
 */
import { GatewayError } from "../errors/gateway-error.js";
import { LIMITS } from "../limits.js";
import { indexPathProblem } from "./index-path.js";
import type { SqlPlan } from "./item-query.js";

export interface AggregateSpec {
  sum?: string[];
  avg?: string[];
  min?: string[];
  max?: string[];
}

export interface GroupBySpec extends AggregateSpec {
  by: string[];
  /** Groups with the most items first (the default), or by their key values. */
  order?: "count" | "key";
  limit: number;
}

export type AggregateValue = number | string | null;

/** Per function, per path: the aggregate's value (null when no item has a usable value there). */
export interface AggregateRow {
  count: number;
  sum: Record<string, number | null>;
  avg: Record<string, number | null>;
  min: Record<string, AggregateValue>;
  max: Record<string, AggregateValue>;
  /** Group-by only: the group's value at each `by` path (JSON text of an array or object). */
  key?: Record<string, AggregateValue>;
}

const FUNCTIONS = ["sum", "avg", "min", "max"] as const;

/** A JSON path for json_extract; segments quoted, as in item-query.ts. */
function jsonPath(path: string): string {
  return "$" + path.split(".").map((segment) => `."${segment}"`).join("");
}

function checkPaths(paths: string[], argument: string): void {
  for (const path of paths) {
    const problem = indexPathProblem(path);
    if (problem) throw new GatewayError("BAD_USER_INPUT", `"${path}" in ${argument} is not a path: it ${problem}.`, { argument, path });
  }
}

/** The statement for `spec` over `plan`'s set, and how to read its one row (or its rows, for group-by). */
export function planAggregate(plan: Pick<SqlPlan, "rows">, spec: AggregateSpec | GroupBySpec): { sql: string; params: (string | number | null)[]; read: (row: Record<string, SqlStorageValue>) => AggregateRow; paths: number } {
  const by = "by" in spec ? spec.by : [];
  checkPaths(by, "by");
  const columns: { fn: (typeof FUNCTIONS)[number]; path: string; column: string }[] = [];
  for (const fn of FUNCTIONS) {
    const paths = spec[fn] ?? [];
    checkPaths(paths, fn);
    for (const path of paths) columns.push({ fn, path, column: `a${columns.length}` });
  }
  if (columns.length + by.length > LIMITS.maxAggregatePaths) {
    throw new GatewayError("BAD_USER_INPUT", `An aggregate reads at most ${LIMITS.maxAggregatePaths} paths.`, { max: LIMITS.maxAggregatePaths });
  }
  // The inner select reads each path once per item; the outer one aggregates.
  const inner = [...by.map((_, i) => `json_extract(items.body, ?) AS g${i}`), ...columns.map((c) => `json_extract(items.body, ?) AS ${c.column}`), "1 AS one"].join(", ");
  const rows = plan.rows(inner, [...by.map(jsonPath), ...columns.map((c) => jsonPath(c.path))]);
  const params = [...rows.params];
  const numeric = (c: string) => `CASE WHEN typeof(${c}) IN ('integer', 'real') THEN ${c} END`;
  const orderable = (c: string) => `CASE WHEN typeof(${c}) IN ('integer', 'real', 'text') THEN ${c} END`;
  const outer = [
    ...by.map((_, i) => `g${i}`),
    "COUNT(*) AS n",
    ...columns.map((c) => (c.fn === "sum" ? `SUM(${numeric(c.column)})` : c.fn === "avg" ? `AVG(${numeric(c.column)})` : `${c.fn.toUpperCase()}(${orderable(c.column)})`) + ` AS ${c.column}`),
  ].join(", ");
  let sql = `SELECT ${outer} FROM (${rows.sql})`;
  if (by.length > 0) {
    const group = spec as GroupBySpec;
    const keys = by.map((_, i) => `g${i}`).join(", ");
    sql += ` GROUP BY ${keys} ORDER BY ${group.order === "key" ? keys : `n DESC, ${keys}`} LIMIT ?`;
    params.push(group.limit);
  }
  if (params.length > 100) throw new GatewayError("BAD_USER_INPUT", "The aggregate is too complex: use fewer paths or filter conditions.");
  const read = (row: Record<string, SqlStorageValue>): AggregateRow => {
    const out: AggregateRow = { count: Number(row.n), sum: {}, avg: {}, min: {}, max: {} };
    for (const c of columns) (out[c.fn] as Record<string, AggregateValue>)[c.path] = (row[c.column] ?? null) as AggregateValue;
    if (by.length > 0) out.key = Object.fromEntries(by.map((path, i) => [path, (row[`g${i}`] ?? null) as AggregateValue]));
    return out;
  };
  return { sql, params, read, paths: by.length + columns.length };
}
