/** Typed `where` input → the store's Where tree (see store/item-query.ts). */
import { GatewayError } from "../errors/gateway-error.js";
import { toIndexValue, type IndexValue } from "../store/index-path.js";
import type { Condition, Operator, Where } from "../store/item-query.js";
import { isJsonObject } from "./values.js";

export interface IndexField {
  /** The `where` field name. */
  name: string;
  /** The indexed dotted path. */
  path: string;
}

const OPERATORS: Operator[] = ["eq", "ne", "in", "lt", "lte", "gt", "gte", "startsWith", "isNull"];

/** The store's Where for a coerced `<Type>Where` input (an object, or null/undefined for none). */
export function toWhere(input: unknown, fields: IndexField[]): Where | null {
  if (!isJsonObject(input)) return null;
  const parts: Where[] = [];
  for (const field of fields) {
    const filter = input[field.name];
    if (!isJsonObject(filter)) continue;
    for (const op of OPERATORS) {
      const value = filter[op];
      if (value === undefined) continue;
      if (value === null && op !== "eq" && op !== "ne") continue;
      parts.push({ condition: { path: field.path, op, value: toValue(op, value, field.path) } });
    }
  }
  for (const key of ["AND", "OR"]) {
    const list = input[key];
    if (!Array.isArray(list)) continue;
    const nested = list.map((w) => toWhere(w, fields) ?? { and: [] });
    parts.push(key === "AND" ? { and: nested } : { or: nested });
  }
  if (input.NOT) parts.push({ not: toWhere(input.NOT, fields) ?? { and: [] } });
  return parts.length === 1 ? parts[0]! : { and: parts };
}

function toValue(op: Operator, value: unknown, path: string): Condition["value"] {
  if (op === "isNull") return Boolean(value);
  if (op === "in") {
    if (!Array.isArray(value)) throw new GatewayError("BAD_USER_INPUT", `"in" on "${path}" takes a list.`, { path });
    return value.map((v) => scalar(v, path));
  }
  return scalar(value, path);
}

function scalar(value: unknown, path: string): IndexValue {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return toIndexValue(value);
  throw new GatewayError("BAD_USER_INPUT", `Filters on "${path}" compare strings, numbers, booleans or null.`, { path });
}
