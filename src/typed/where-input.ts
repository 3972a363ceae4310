/**
 * An actor's `<Type>Where` input: one field per indexed path, typed by the
 * filter for the values at that path, plus AND, OR and NOT. Scalars use the
 * static filters (StringFilter, IntFilter, ...); a schema enum gets its own
 * `<Enum>Filter`, made the first time a path needs it and shared after.
 * ./where.ts turns the input into the store's Where tree.
 */
import type { ActorApi } from "./actor-api.js";
import type { BuildContext } from "./build-context.js";
import type { IndexedPath } from "./index-shapes.js";
import { INPUT_HELP, type InputHelp } from "./input-errors.js";
import type { Shape } from "./shape.js";

export function addWhereInput(ctx: BuildContext, api: ActorApi, indexed: IndexedPath[], help: InputHelp) {
  const Where = ctx.builder.inputRef<Record<string, unknown>>(ctx.types.claim(ctx.inflection.whereType(api.typeName))).implement({
    description: `Conditions on the indexed paths of ${api.typeName}. Fields combine with AND.`,
    extensions: { [INPUT_HELP]: help },
    fields: (t) => ({
      ...Object.fromEntries(indexed.map((f) => [f.name, t.field({ type: filterFor(ctx, f.shape), description: `Indexed path \`${f.path}\`.` })])),
      AND: t.field({ type: [Where] }),
      OR: t.field({ type: [Where] }),
      NOT: t.field({ type: Where }),
    }),
  });
  return Where;
}

export type WhereRef = ReturnType<typeof addWhereInput>;

/** The filter input for values of `shape`. */
function filterFor(ctx: BuildContext, shape: Shape) {
  const { StringFilter, IntFilter, FloatFilter, BooleanFilter, JSONFilter } = ctx.statics.filters;
  if (shape.kind === "scalar") {
    if (shape.scalar === "Int") return IntFilter;
    if (shape.scalar === "Float") return FloatFilter;
    if (shape.scalar === "Boolean") return BooleanFilter;
    return StringFilter;
  }
  if (shape.kind === "enum") {
    const made = ctx.registry.enumFilter(shape.def);
    if (made) return made;
    const values = ctx.registry.enum(shape.def);
    const filter = ctx.builder.inputType(ctx.types.claim(ctx.inflection.enumFilterType(shape.def.name)), {
      fields: (t) => ({ eq: t.field({ type: values }), ne: t.field({ type: values }), in: t.field({ type: [values] }), isNull: t.boolean() }),
    });
    ctx.registry.addEnumFilter(shape.def, filter);
    return filter;
  }
  return JSONFilter;
}
