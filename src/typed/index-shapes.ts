/**
 * An actor's indexed paths as the typed schema sees them: the `where` field
 * and `orderBy` value each gets, and the shape found at the path, which picks
 * its filter input.
 */
import { NameScope, WHERE_COMBINATORS, type Inflection } from "./inflection.js";
import type { Shape } from "./shape.js";
import type { IndexField } from "./where.js";

export interface IndexedPath extends IndexField {
  /** The `<Type>OrderField` value. */
  orderValue: string;
  /** What the schema says is at the path (an element's shape for arrays). */
  shape: Shape;
}

/** The indexed paths in index order; `where` names claimed beside AND/OR/NOT. */
export function indexedPaths(root: Shape, indexes: readonly string[], inflection: Inflection): IndexedPath[] {
  const whereNames = new NameScope(WHERE_COMBINATORS);
  return indexes.map((path) => {
    const name = whereNames.claim(inflection.whereField(path));
    return { path, name, orderValue: inflection.orderByValue(name), shape: shapeAtPath(root, path) };
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
