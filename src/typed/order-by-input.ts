/**
 * An actor's ordering: the `<Type>OrderField` enum (insertion order, then one
 * value per indexed path, whose GraphQL value is the path) and the
 * `<Type>OrderBy` input `{ field, direction }` that lists of terms are made of.
 */
import type { ActorApi } from "./actor-api.js";
import type { BuildContext } from "./build-context.js";
import { INSERTION_ORDER_PATH, type IndexedPath } from "./index-shapes.js";
import { INSERTION_ORDER_VALUE } from "./inflection.js";
import { INPUT_HELP, type InputHelp } from "./input-errors.js";

export function addOrderByInput(ctx: BuildContext, api: ActorApi, indexed: IndexedPath[], help: InputHelp) {
  const { builder, types, inflection, statics } = ctx;
  const values = [
    [INSERTION_ORDER_VALUE, { value: INSERTION_ORDER_PATH, description: "Insertion order." }],
    ...indexed.flatMap((f) => (f.orderValue === null ? [] : [[f.orderValue, { value: f.path, description: `Indexed path \`${f.path}\`.` }]])),
  ];
  const OrderField = builder.enumType(types.claim(inflection.orderFieldType(api.typeName)), {
    extensions: { [INPUT_HELP]: help },
    values: Object.fromEntries(values),
  });
  return builder.inputType(types.claim(inflection.orderByType(api.typeName)), {
    fields: (t) => ({ field: t.field({ type: OrderField, required: true }), direction: t.field({ type: statics.SortDirection, defaultValue: "asc" }) }),
  });
}

export type OrderByRef = ReturnType<typeof addOrderByInput>;
