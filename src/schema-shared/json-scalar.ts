/** The `JSON` scalar's behaviour, shared by the global schema and every pod's typed schema. */
import { Kind, type ValueNode } from "graphql";

/**
 * A literal as plain JSON. graphql-js's valueFromASTUntyped does the same but builds objects with a
 * null prototype, which Workers RPC cannot clone (DataCloneError) when the value is sent to an object.
 */
function literal(node: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.ENUM:
      return node.value;
    case Kind.LIST:
      return node.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[node.name.value];
  }
}

export const JSON_SCALAR = {
  description: "Any JSON value.",
  serialize: (value: unknown) => value,
  parseValue: (value: unknown) => value,
  parseLiteral: (node: ValueNode, variables?: Record<string, unknown> | null) => literal(node, variables),
};
