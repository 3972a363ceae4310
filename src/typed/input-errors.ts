/**
 * What the typed schema knows that graphql-js' own input errors do not say:
 * which schema properties exist but are not indexed (so `where` and `orderBy`
 * have no field for them), and what format each custom scalar expects. The
 * facts travel with the schema, in the `extensions` of the `<Type>Where`
 * input and the `<Type>OrderField` enum; ../graphql/use-input-errors.ts
 * turns graphql-js' "not defined" errors into UNINDEXED_FILTER with them.
 */
import { GraphQLError, type ASTNode } from "graphql";
import { GatewayError } from "../errors/gateway-error.js";
import { indexPathProblem } from "../store/index-path.js";
import { INSERTION_ORDER_VALUE, WHERE_COMBINATORS, type Inflection } from "./inflection.js";
import type { IndexedPath } from "./index-shapes.js";
import type { ScalarName, Shape } from "./shape.js";

/** The `extensions` key of the typed `where` inputs and `orderBy` enums. */
export const INPUT_HELP = "typedInputHelp";

export interface IndexedName {
  /** The GraphQL name: the `where` field, or the `orderBy` enum value. */
  name: string;
  /** The indexed dotted path. */
  path: string;
}

export interface UnindexedPath {
  path: string;
  /** Set when the path holds an object: a path under it that could be indexed instead. */
  under?: string;
}

export interface InputHelp {
  kind: "where" | "orderBy";
  /** The item type, e.g. "Notes". */
  typeName: string;
  indexed: IndexedName[];
  /** Schema paths that are not indexed, by the GraphQL name they would have. */
  unindexed: ReadonlyMap<string, UnindexedPath>;
}

const MAX_CANDIDATES = 1000;
const ROOT_WORDS = new Set(WHERE_COMBINATORS);

/** The help for an actor's `where` input and `orderBy` enum. */
export function inputHelp(typeName: string, root: Shape, indexed: IndexedPath[], inflection: Inflection): { where: InputHelp; orderBy: InputHelp } {
  const indexedPaths = new Set(indexed.map((f) => f.path));
  const whereNames = new Set(indexed.map((f) => f.name));
  const ordered = indexed.flatMap((f) => (f.orderValue === null ? [] : [{ name: f.orderValue, path: f.path }]));
  const orderValues = new Set([INSERTION_ORDER_VALUE, ...ordered.map((f) => f.name)]);
  const where = new Map<string, UnindexedPath>();
  const orderBy = new Map<string, UnindexedPath>();
  for (const candidate of schemaPaths(root)) {
    if (indexedPaths.has(candidate.path)) continue;
    const name = inflection.whereField(candidate.path);
    if (ROOT_WORDS.has(name) || whereNames.has(name)) continue;
    if (!where.has(name)) where.set(name, candidate);
    const value = inflection.orderByValue(name);
    if (!orderValues.has(value) && !orderBy.has(value)) orderBy.set(value, candidate);
  }
  return {
    where: { kind: "where", typeName, indexed: indexed.map((f) => ({ name: f.name, path: f.path })), unindexed: where },
    orderBy: { kind: "orderBy", typeName, indexed: ordered, unindexed: orderBy },
  };
}

/**
 * Every path the schema declares that could be indexed (well-formed index
 * paths through object properties; lists are indexed per element), with
 * recursion cut at the first repeat of a type and the count bounded.
 */
function schemaPaths(root: Shape): UnindexedPath[] {
  const out: UnindexedPath[] = [];
  const seen = new Set<string>();
  const walk = (shape: Shape, prefix: string, open: Set<unknown>): string | undefined => {
    while (shape.kind === "list") shape = shape.of;
    const defs = shape.kind === "object" ? [shape.def] : shape.kind === "union" ? shape.def.members.map((m) => m.def) : [];
    let firstLeaf: string | undefined;
    for (const def of defs) {
      if (open.has(def)) continue;
      const inner = new Set(open).add(def);
      for (const field of def.fields) {
        if (out.length >= MAX_CANDIDATES) return firstLeaf;
        const path = prefix ? `${prefix}.${field.key}` : field.key;
        if (indexPathProblem(path) !== null) continue;
        let child = field.shape;
        while (child.kind === "list") child = child.of;
        const nested = child.kind === "object" || child.kind === "union";
        const leaf = nested ? walk(child, path, inner) : path;
        if (!seen.has(path)) {
          seen.add(path);
          out.push(nested ? { path, ...(leaf ? { under: leaf } : {}) } : { path });
        }
        firstLeaf ??= leaf;
      }
    }
    return firstLeaf;
  };
  walk(root, "", new Set());
  return out;
}

/** UNINDEXED_FILTER for a `where` field or `orderBy` value that names a path the actor does not index. */
export function unindexedError(help: InputHelp, name: string, target: UnindexedPath, nodes?: ASTNode | readonly ASTNode[], at?: string): GatewayError {
  const verb = help.kind === "where" ? "filtered on" : "ordered by";
  const names = help.indexed.map((f) => f.name);
  const paths = help.indexed.map((f) => f.path);
  const listed = help.indexed.length
    ? `indexed fields of ${help.typeName}: ${names.join(", ")} (index paths ${paths.join(", ")})${help.kind === "orderBy" ? `, or ${INSERTION_ORDER_VALUE} for insertion order` : ""}`
    : `${help.typeName} has no indexed fields${help.kind === "orderBy" ? ` (only ${INSERTION_ORDER_VALUE}, insertion order)` : ""}`;
  const fix = target.under
    ? `"${target.path}" holds an object: add a path under it, such as "${target.under}", to the actor's indexes to ${help.kind === "where" ? "filter on" : "order by"} it.`
    : `Add "${target.path}" to the actor's indexes to ${help.kind === "where" ? "filter on" : "order by"} it.`;
  return new GatewayError(
    "UNINDEXED_FILTER",
    `"${name}" is not indexed, so it cannot be ${verb}; ${listed}. ${fix}`,
    { field: name, path: target.path, indexes: paths, fields: names, ...(at ? { at } : {}) },
    nodes,
  );
}

/** The format each custom scalar expects, with an example, as the error messages say it. */
export const SCALAR_FORMATS: Record<Exclude<ScalarName, "String" | "Int" | "Float" | "Boolean">, string> = {
  DateTime: 'an RFC 3339 date-time such as "2026-12-02T10:00:00Z"',
  Date: 'an RFC 3339 full-date such as "2026-12-02"',
  EmailAddress: 'an e-mail address such as "ada@example.com"',
  URI: 'an absolute URI such as "https://example.com/docs"',
};

export type FormatScalar = keyof typeof SCALAR_FORMATS;

/**
 * Thrown by the custom scalars' parseValue/parseLiteral. It does not know
 * which field it is for; ../graphql/use-input-errors.ts finds that out and
 * replaces it with scalarError(). Its own message is the fallback.
 */
export class ScalarInputError extends GraphQLError {
  constructor(
    readonly scalar: FormatScalar,
    /** The rejected value as the caller wrote it (GraphQL literal or JSON). */
    readonly shown: string,
    nodes?: ASTNode,
  ) {
    super(`Invalid ${scalar}: expected ${SCALAR_FORMATS[scalar]}, got ${shown}.`, { ...(nodes ? { nodes } : {}), extensions: { code: "BAD_USER_INPUT" } });
  }
}

/** BAD_USER_INPUT for a value a custom scalar refused, naming where it was (`due`, `author.email`, `$data[1].due`). */
export function scalarError(label: string, error: ScalarInputError, nodes?: ASTNode | readonly ASTNode[]): GatewayError {
  return new GatewayError(
    "BAD_USER_INPUT",
    `Invalid value for "${label}" (${error.scalar}): expected ${SCALAR_FORMATS[error.scalar]}, got ${error.shown}.`,
    { path: label, type: error.scalar },
    nodes,
  );
}

/** A value for a message: JSON, cut short when long. */
export function shownValue(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
