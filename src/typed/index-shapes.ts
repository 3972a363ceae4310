/**
 * An actor's indexed paths as the typed schema sees them: the `where` field
 * and `orderBy` value each gets, and the shape found at the path, which picks
 * its filter input.
 */
import { INSERTION_ORDER_VALUE, NameScope, WHERE_COMBINATORS, type Inflection } from "./inflection.js";
import type { Shape } from "./shape.js";
import type { IndexField } from "./where.js";

export interface IndexedPath extends IndexField {
  /** The `<Type>OrderField` value; null for a path named `id`, which the store orders by as insertion order. */
  orderValue: string | null;
  /** What the schema says is at the path (an element's shape for arrays). */
  shape: Shape;
}

/** The orderBy path the store reads as insertion order (store/item-query.ts), the value of `ID`. */
export const INSERTION_ORDER_PATH = "id";

/**
 * The indexed paths in index order. `where` names are claimed beside AND/OR/NOT,
 * `orderBy` values beside ID (insertion order), each in its own scope: paths
 * whose names meet (`createdBy` and `created_by` are both `CREATED_BY`) get
 * `_2`, `_3`, ... in index order. An index on a property named `id` filters,
 * but has no orderBy value: the store would read its path as insertion order.
 */
export function indexedPaths(root: Shape, indexes: readonly string[], inflection: Inflection): IndexedPath[] {
  const whereNames = new NameScope(WHERE_COMBINATORS);
  const orderValues = new NameScope([INSERTION_ORDER_VALUE]);
  return indexes.map((path) => {
    const name = whereNames.claim(inflection.whereField(path));
    const orderValue = path === INSERTION_ORDER_PATH ? null : orderValues.claim(inflection.orderByValue(name));
    return { path, name, orderValue, shape: shapeAtPath(root, path) };
  });
}

/** Walks object fields along `path`; a list yields its element shape (array values are indexed per element). */
export function shapeAtPath(root: Shape, path: string): Shape {
  let shape: Shape = root;
  for (const key of path.split(".")) {
    while (shape.kind === "list") shape = shape.of;
    if (shape.kind !== "object") return { kind: "json" };
    const field = shape.def.fields.find((f) => f.key === key);
    if (!field) return { kind: "json" };
    shape = field.shape;
  }
  while (shape.kind === "list") shape = shape.of;
  return shape;
}
