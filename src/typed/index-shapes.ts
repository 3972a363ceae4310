/** The shape found at an indexed path, which picks the filter input type for it. */
import type { Shape } from "./shape.js";

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
