/**
 * Evaluates a Where tree (store/item-query.ts) against one document, with the
 * same meaning the SQL has: values come from the index rules (arrays match by
 * element, booleans as 1/0), `ne` is "not eq", `isNull` means no non-null
 * value. Used to filter live change events without a query per event.
 */
import { indexValues, type IndexValue } from "./index-path.js";
import type { Condition, Where } from "./item-query.js";

export function matchesWhere(body: unknown, where: Where | null): boolean {
  if (!where) return true;
  if ("and" in where) return where.and.every((w) => matchesWhere(body, w));
  if ("or" in where) return where.or.some((w) => matchesWhere(body, w));
  if ("not" in where) return !matchesWhere(body, where.not);
  return matchesCondition(indexValues(body, where.condition.path), where.condition);
}

function matchesCondition(values: IndexValue[], { op, value }: Condition): boolean {
  const sameType = (v: IndexValue) => v !== null && typeof v === typeof value;
  switch (op) {
    case "eq":
      return values.includes(value as IndexValue);
    case "ne":
      return !values.includes(value as IndexValue);
    case "in":
      return (value as IndexValue[]).some((v) => values.includes(v));
    case "lt":
      return values.some((v) => sameType(v) && v! < (value as string | number));
    case "lte":
      return values.some((v) => sameType(v) && v! <= (value as string | number));
    case "gt":
      return values.some((v) => sameType(v) && v! > (value as string | number));
    case "gte":
      return values.some((v) => sameType(v) && v! >= (value as string | number));
    case "startsWith":
      return values.some((v) => typeof v === "string" && v.startsWith(value as string));
    case "isNull":
      return (values.every((v) => v === null)) === value;
  }
}
