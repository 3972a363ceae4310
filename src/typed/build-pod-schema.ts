/**
 * Builds one pod's typed GraphQL schema from its named store actors: per
 * actor an item type, a connection with typed `where` and `orderBy` on the
 * indexed paths, a single-item field and typed mutations. Types come from
 * ./map-schema.ts; this file turns them into Pothos types. Values are plain
 * JSON at run time, so the one place Pothos' static types are widened is
 * `output()`/`input()` below, where a shape picks its GraphQL type.
 */
import type { InputFieldRef } from "@pothos/core";
import type { GraphQLResolveInfo, GraphQLSchema } from "graphql";
import { lexicographicSortSchema } from "graphql";
import { GatewayError } from "../errors/gateway-error.js";
import { unwrap } from "../errors/result.js";
import { storeStub } from "../objects/stubs.js";
import type { ItemQueryPage, StoredItem } from "../store/item.js";
import type { StoreConfig } from "../store/store-config.js";
import { decodeTime, ULID_PATTERN } from "../store/item-id.js";
import { changedItem, type ChangeEvent } from "../store/change.js";
import { matchesWhere } from "../store/where-match.js";
import { actorChanges, parseSeqCursor } from "../subscriptions/actor-changes.js";
import { transform } from "../subscriptions/iterators.js";
import { extraKeys, toDocument } from "./convert.js";
import { shapeAtPath } from "./index-shapes.js";
import { INPUT_HELP, inputHelp } from "./input-errors.js";
import { mapActorSchema, type MappedActor } from "./map-schema.js";
import { defaultInflection as names, INSERTION_ORDER_VALUE, NameScope, SCHEMA_VERSION_FIELD, STATIC_TYPES, WHERE_COMBINATORS } from "./inflection.js";
import { createPodBuilder, type PodBuilder, type PodContext, type PodTypes } from "./pod-builder.js";
import type { EnumDef, FieldDef, ObjectDef, Shape, UnionDef } from "./shape.js";
import { addStaticTypes, type StaticTypes } from "./static-types.js";
import { toWhere, type IndexField } from "./where.js";
import { checkIdempotencyKey, IDEMPOTENCY_KEY_HELP as IDEMPOTENCY_KEY } from "../objects/idempotency.js";
/** A checked idempotency key, or undefined without one. */
function idempotent(key: string | null | undefined): string | undefined {
  if (key == null) return undefined;
  checkIdempotencyKey(key);
  return key;
}

/** What the builder needs to know about an actor. */
export interface TypedActorSpec {
  id: string;
  name: string;
  config: StoreConfig;
  /** Every stored item satisfies the current schema (no "keep" policy change left violators). */
  strict: boolean;
}

/** The names an actor got in the pod schema, for docs, tests and clients. */
export interface ActorApi {
  actorId: string;
  actorName: string;
  typeName: string;
  inputName: string | null;
  patchName: string | null;
  listField: string;
  byIdField: string;
  subscriptions: { added: string; changes: string };
  mutations: { create: string; createMany: string; replace: string; patch: string; delete: string };
  mapped: MappedActor;
}

export interface PodSchema {
  schema: GraphQLSchema;
  actors: ActorApi[];
}

type JsonObject = Record<string, unknown>;
interface TypedItem {
  item: StoredItem;
  doc: unknown;
}

export function buildPodSchema(actors: TypedActorSpec[], schemaVersion: number): PodSchema {
  const builder = createPodBuilder();
  const statics = addStaticTypes(builder);
  const types = new NameScope(STATIC_TYPES);
  const queryNames = new NameScope([SCHEMA_VERSION_FIELD]);
  const mutationNames = new NameScope();
  const subscriptionNames = new NameScope();
  const outputs = new OutputTypes(builder);

  const apis: ActorApi[] = actors.map((actor) => {
    const typeName = types.claim(names.itemType(actor.name));
    const mapped = mapActorSchema(actor.config.schema, { prefix: typeName, types, strict: actor.strict, formats: actor.config.format !== "annotate" });
    return {
      actorId: actor.id,
      actorName: actor.name,
      typeName,
      inputName: mapped.root.kind === "object" ? mapped.root.def.inputName : null,
      patchName: mapped.root.kind === "object" ? mapped.root.def.patchName : null,
      listField: queryNames.claim(names.listField(actor.name)),
      byIdField: queryNames.claim(names.byIdField(actor.name)),
      subscriptions: { added: subscriptionNames.claim(names.addedSubscription(actor.name)), changes: subscriptionNames.claim(names.changesSubscription(actor.name)) },
      mutations: {
        create: mutationNames.claim(names.createMutation(typeName)),
        createMany: mutationNames.claim(names.createManyMutation(typeName)),
        replace: mutationNames.claim(names.replaceMutation(typeName)),
        patch: mutationNames.claim(names.patchMutation(typeName)),
        delete: mutationNames.claim(names.deleteMutation(typeName)),
      },
      mapped,
    };
  });

  for (const api of apis) outputs.register(api.mapped);
  const perActor = apis.map((api, i) => actorTypes(builder, statics, outputs, types, api, actors[i]!));

  builder.queryType({
    fields: (t) => ({
      _schemaVersion: t.int({ description: "Changes whenever an actor of this pod is added or changed.", resolve: () => schemaVersion }),
      ...Object.fromEntries(perActor.flatMap((a) => a.queries(t))),
    }),
  });
  if (perActor.length > 0) {
    builder.mutationType({ fields: (t) => Object.fromEntries(perActor.flatMap((a) => a.mutations(t))) });
    builder.subscriptionType({ fields: (t) => Object.fromEntries(perActor.flatMap((a) => a.subscriptions(t))) });
  }

  return { schema: lexicographicSortSchema(builder.toSchema()), actors: apis };
}

/** Output and input types for the shapes of all actors, created once per schema. */
class OutputTypes {
  private readonly objects = new Map<ObjectDef, ReturnType<PodBuilder["objectRef"]>>();
  private readonly inputs = new Map<string, ReturnType<PodBuilder["inputRef"]>>();
  private readonly enums = new Map<EnumDef, unknown>();
  private readonly unions = new Map<UnionDef, unknown>();

  /** Item types by actor name, for `x-ref` relation fields; filled before the schema is built. */
  readonly itemTypes = new Map<string, { actorId: string; ref: ReturnType<PodBuilder["objectRef"]>; toItem: (item: StoredItem) => unknown }>();

  constructor(private readonly builder: PodBuilder) {}

  register(mapped: MappedActor): void {
    for (const def of mapped.enums) {
      this.enums.set(def, this.builder.enumType(def.name, { ...(def.description ? { description: def.description } : {}), values: Object.fromEntries(def.values.map((v) => [v.name, { value: v.value }])) }));
    }
    // The root object becomes the item type (built per actor); its "Data" twin exists only for recursive references.
    const root = mapped.root.kind === "object" ? mapped.root.def : null;
    const outputDefs = mapped.objects.filter((def) => def !== root || mapped.rootReferenced);
    for (const def of outputDefs) this.objects.set(def, this.builder.objectRef<JsonObject>(def.name));
    for (const def of mapped.unions) {
      this.unions.set(
        def,
        this.builder.unionType(def.name, {
          ...(def.description ? { description: def.description } : {}),
          types: def.members.map((m) => this.objects.get(m.def)!),
          resolveType: (value) => def.members.find((m) => (value as JsonObject)[def.discriminator] === m.value)?.def.name ?? null,
        }),
      );
    }
    for (const def of outputDefs) {
      this.objects.get(def)!.implement({
        ...(def.description ? { description: def.description } : {}),
        fields: (t) => this.fields(t, def, (parent) => parent as JsonObject),
      });
    }
    for (const def of mapped.objects) {
      this.inputFor(def, "input");
      this.inputFor(def, "patch");
    }
  }

  /** Output fields of an object shape, reading values from `source(parent)`. */
  fields<P>(t: PothosSchemaTypes.ObjectFieldBuilder<PodTypes, P>, def: ObjectDef, source: (parent: P) => unknown) {
    const entries: [string, unknown][] = def.fields.map((field) => [
      field.name,
      t.field({
        ...this.output(field.shape, field.nonNull),
        ...(field.description ? { description: field.description } : {}),
        resolve: (parent: P) => read(source(parent), field.key),
      }),
    ]);
    for (const field of def.fields) {
      const target = field.relation && this.itemTypes.get(field.relation.actor);
      if (!field.relation || !target) continue; // a reference to an actor the pod does not have (yet) stays a plain id
      const many = field.relation.many;
      const description = `The ${target.ref.name} item${many ? "s" : ""} that \`${field.name}\` refers to; null where none exists.`;
      entries.push([
        field.relation.field,
        t.field({
          ...(many ? widen([target.ref], { list: true, items: true }) : widen(target.ref, true)),
          description,
          resolve: async (parent: P, _args: object, ctx: PodContext) => {
            const value = read(source(parent), field.key);
            const ids = many ? (Array.isArray(value) ? value : null) : typeof value === "string" ? [value] : null;
            if (!ids) return null;
            const items = await ctx.loaders.item.loadMany(ids.map((id) => ({ pod: ctx.pod, actorId: target.actorId, id: String(id) })));
            const typed = items.map((item) => (item && !(item instanceof Error) ? target.toItem(item) : null));
            return many ? typed : typed[0];
          },
        }),
      ]);
    }
    if (def.open) {
      entries.push(["_extra", t.field({ type: "JSON", nullable: true, description: "Stored keys this schema does not declare.", resolve: (parent: P) => extraKeys({ kind: "object", def }, source(parent)) })]);
    }
    return Object.fromEntries(entries) as Record<string, ReturnType<typeof t.field>>;
  }

  /** The GraphQL type and nullability for a shape. Pothos' static output type is widened to JSON here. */
  output(shape: Shape, nonNull: boolean): { type: "JSON"; nullable: boolean } {
    if (shape.kind === "list") {
      if (shape.of.kind === "list") return { type: "JSON", nullable: !nonNull };
      return widen([this.named(shape.of)], { list: !nonNull, items: shape.itemsNullable });
    }
    return widen(this.named(shape), !nonNull);
  }

  private named(shape: Shape): unknown {
    switch (shape.kind) {
      case "scalar":
        return shape.scalar;
      case "enum":
        return this.enums.get(shape.def);
      case "object":
        return this.objects.get(shape.def);
      case "union":
        return this.unions.get(shape.def);
      default:
        return "JSON";
    }
  }

  inputName(shape: Shape, mode: "input" | "patch"): unknown {
    switch (shape.kind) {
      case "scalar":
        return shape.scalar;
      case "enum":
        return this.enums.get(shape.def);
      case "object":
        return this.inputs.get(`${mode}:${shape.def.name}`);
      default:
        return "JSON";
    }
  }

  private inputFor(def: ObjectDef, mode: "input" | "patch"): void {
    const name = mode === "input" ? def.inputName : def.patchName;
    const ref = this.builder.inputRef<JsonObject>(name);
    this.inputs.set(`${mode}:${def.name}`, ref);
    ref.implement({
      ...(mode === "patch" ? { description: `A JSON Merge Patch for ${def.name}: omitted fields stay, null removes a field.` } : def.description ? { description: def.description } : {}),
      fields: (t) => {
        const entries: [string, unknown][] = def.fields.map((field) => [field.name, t.field(this.inputField(field, mode))]);
        if (def.open) entries.push(["_extra", t.field({ type: "JSON", description: "Keys this schema does not declare, merged into the stored object." })]);
        // Field values are JSON at run time; the record's static type is widened to what Pothos expects here.
        return Object.fromEntries(entries) as Record<string, InputFieldRef<PodTypes, {} | null | undefined>>;
      },
    });
  }

  private inputField(field: FieldDef, mode: "input" | "patch"): { type: "JSON"; required: boolean; description?: string } {
    // Only scalars, enums and lists of them are required in inputs: JSON Schema checks the rest, and
    // required object fields could form a non-null input cycle GraphQL rejects.
    const simple = (s: Shape) => s.kind === "scalar" || s.kind === "enum";
    const required = mode === "input" && field.required && (simple(field.shape) || (field.shape.kind === "list" && simple(field.shape.of)));
    const base = field.description ? { description: field.description } : {};
    if (field.shape.kind === "list" && field.shape.of.kind !== "list") {
      return { ...base, type: [this.inputName(field.shape.of, mode)] as never, required: { list: required, items: !field.shape.itemsNullable } as never };
    }
    const type = field.shape.kind === "list" ? "JSON" : this.inputName(field.shape, mode);
    return { ...base, type: type as "JSON", required };
  }

  objectRef(def: ObjectDef) {
    return this.objects.get(def)!;
  }
}

/**
 * A GraphQL type chosen at run time, typed for Pothos as the JSON scalar: the
 * values are JSON either way, and Pothos reads the real type param at run time.
 */
function widen(type: unknown, nullable: boolean | { list: boolean; items: boolean }): { type: "JSON"; nullable: boolean } {
  return { type: type as "JSON", nullable: nullable as boolean };
}

function read(source: unknown, key: string): unknown {
  if (!source || typeof source !== "object" || Array.isArray(source)) return null;
  return Object.prototype.hasOwnProperty.call(source, key) ? (source as JsonObject)[key] : null;
}

interface ConnectionShape {
  page: ItemQueryPage;
}

/** The item type, connection, filter inputs, query fields and mutations of one actor. */
function actorTypes(builder: PodBuilder, statics: StaticTypes, outputs: OutputTypes, types: NameScope, api: ActorApi, actor: TypedActorSpec) {
  const root = api.mapped.root;
  const toItem = (item: StoredItem): TypedItem => ({ item, doc: JSON.parse(item.body) as unknown });

  const ItemType = builder.objectRef<TypedItem>(api.typeName);
  outputs.itemTypes.set(actor.name, { actorId: actor.id, ref: ItemType as never, toItem });
  ItemType.implement({
    description: `An item of the store actor "${actor.name}".`,
    fields: (t) => ({
      id: t.id({ description: "Time-ordered item id.", resolve: (i) => i.item.id }),
      _meta: t.field({ type: statics.ItemMeta, resolve: (i) => i.item }),
      ...(root.kind === "object"
        ? outputs.fields(t, root.def, (i: TypedItem) => i.doc)
        : { value: t.field({ ...outputs.output(root, false), resolve: (i) => i.doc }) }),
    }),
  });

  const Edge = builder.objectRef<{ cursor: string; node: TypedItem }>(types.claim(names.edgeType(api.typeName))).implement({
    fields: (t) => ({ cursor: t.exposeString("cursor"), node: t.field({ type: ItemType, resolve: (e) => e.node }) }),
  });
  const Connection = builder.objectRef<ConnectionShape>(types.claim(names.connectionType(api.typeName))).implement({
    fields: (t) => ({
      edges: t.field({ type: [Edge], resolve: ({ page }) => page.edges.map((e) => ({ cursor: e.cursor, node: toItem(e.item) })) }),
      nodes: t.field({ type: [ItemType], resolve: ({ page }) => page.edges.map((e) => toItem(e.item)) }),
      pageInfo: t.field({
        type: statics.PageInfo,
        resolve: ({ page }) => ({
          hasNextPage: page.hasNextPage,
          hasPreviousPage: page.hasPreviousPage,
          startCursor: page.edges[0]?.cursor ?? null,
          endCursor: page.edges[page.edges.length - 1]?.cursor ?? null,
        }),
      }),
      totalCount: t.int({ description: "Items matching `where`, in all pages.", resolve: ({ page }) => page.totalCount ?? 0 }),
    }),
  });

  // where: one field per indexed path, typed by the shape found at that path.
  const whereNames = new NameScope(WHERE_COMBINATORS);
  const indexFields: (IndexField & { shape: Shape })[] = actor.config.indexes.map((path) => ({
    path,
    name: whereNames.claim(names.whereField(path)),
    shape: shapeAtPath(root, path),
  }));
  // What the error for a field without an index says (see input-errors.ts).
  const help = inputHelp(api.typeName, root, indexFields.map(({ name, path }) => ({ name, path })));
  const whereName = types.claim(names.whereType(api.typeName));
  const Where = builder.inputRef<Record<string, unknown>>(whereName).implement({
    description: `Conditions on the indexed paths of ${api.typeName}. Fields combine with AND.`,
    extensions: { [INPUT_HELP]: help.where },
    fields: (t) => ({
      ...Object.fromEntries(indexFields.map((f) => [f.name, t.field({ type: filterFor(builder, statics, outputs, types, f.shape), description: `Indexed path \`${f.path}\`.` })])),
      AND: t.field({ type: [Where] }),
      OR: t.field({ type: [Where] }),
      NOT: t.field({ type: Where }),
    }),
  });
  const OrderField = builder.enumType(types.claim(names.orderFieldType(api.typeName)), {
    extensions: { [INPUT_HELP]: help.orderBy },
    values: Object.fromEntries([[INSERTION_ORDER_VALUE, { value: "id", description: "Insertion order." }], ...indexFields.map((f) => [names.orderByValue(f.name), { value: f.path, description: `Indexed path \`${f.path}\`.` }])]),
  });
  const OrderBy = builder.inputType(types.claim(names.orderByType(api.typeName)), {
    fields: (t) => ({ field: t.field({ type: OrderField, required: true }), direction: t.field({ type: statics.SortDirection, defaultValue: "asc" }) }),
  });

  const ChangeOp = statics.ChangeOp;
  const Change = builder.objectRef<{ cursor: string; event: ChangeEvent }>(types.claim(names.changeType(api.typeName))).implement({
    description: `One change to the items of "${actor.name}".`,
    fields: (t) => ({
      cursor: t.string({ description: "Pass as `after` to resume right after this event.", resolve: (c) => c.cursor }),
      op: t.field({ type: ChangeOp, resolve: (c) => c.event.op }),
      id: t.id({ resolve: (c) => c.event.id }),
      node: t.field({
        type: ItemType,
        nullable: true,
        description: "The item after the change; null when it was deleted.",
        resolve: (c) => {
          const item = changedItem(c.event, decodeTime(c.event.id));
          return item ? toItem(item) : null;
        },
      }),
    }),
  });

  const store = (ctx: PodContext) => {
    return storeStub(ctx.env, ctx.pod, actor.id);
  };
  // The endpoint checked read access before running anything; writes also need the write scope.
  const writable = async (ctx: PodContext) => {
    await ctx.auth.require(ctx.pod, "write");
    return store(ctx);
  };
  const dataInput = api.inputName ? outputs.inputName(root, "input") : "JSON";
  const patchInput = api.patchName ? outputs.inputName(root, "patch") : "JSON";
  const asDocument = (data: unknown) => toDocument(root, data, "input");

  return {
    queries: (t: PothosSchemaTypes.QueryFieldBuilder<PodTypes, {}>) => [
      [
        api.listField,
        t.field({
          type: Connection,
          description: `Items of "${actor.name}". Filters apply before the page limit; default order is insertion order.`,
          args: {
            first: t.arg.int(),
            after: t.arg.string(),
            last: t.arg.int(),
            before: t.arg.string(),
            where: t.arg({ type: Where }),
            orderBy: t.arg({ type: [OrderBy] }),
          },
          resolve: async (_root, args, ctx, info) => {
            if (args.first != null && args.last != null) throw new GatewayError("BAD_USER_INPUT", 'Pass "first" or "last", not both.', { argument: "last" });
            const page = await ctx.loaders.itemQuery.load({
              pod: ctx.pod,
              actorId: actor.id,
              query: {
                where: toWhere(args.where, indexFields),
                orderBy: (args.orderBy ?? []).map((o) => ({ path: String(o.field), direction: o.direction === "desc" ? "desc" : "asc" })),
                ...(args.last != null ? { last: args.last, before: args.before ?? null } : { first: args.first ?? undefined, after: args.after ?? null }),
                count: selects(info, "totalCount"),
              },
            });
            return { page };
          },
        }),
      ],
      [
        api.byIdField,
        t.field({
          type: ItemType,
          nullable: true,
          args: { id: t.arg.id({ required: true }) },
          resolve: async (_root, args, ctx) => {
            const item = await ctx.loaders.item.load({ pod: ctx.pod, actorId: actor.id, id: String(args.id) });
            return item ? toItem(item) : null;
          },
        }),
      ],
    ],
    subscriptions: (t: PothosSchemaTypes.SubscriptionFieldBuilder<PodTypes, {}>) => [
      [
        api.subscriptions.added,
        t.field({
          type: Change,
          description: `Items created in "${actor.name}", in order; \`where\` keeps only matching ones. Pass a cursor as \`after\` to resume.`,
          args: { where: t.arg({ type: Where }), after: t.arg.string() },
          subscribe: (_root, args, ctx) => {
            const where = toWhere(args.where, indexFields);
            return transform(actorChanges(ctx.env, ctx.pod, actor.id, parseSeqCursor(args.after)), (event) =>
              event.op === "created" && matchesWhere(JSON.parse(event.body!), where) ? { cursor: String(event.seq), event } : undefined,
            );
          },
          resolve: (change) => change,
        }),
      ],
      [
        api.subscriptions.changes,
        t.field({
          type: Change,
          description: `Every change to "${actor.name}" items (created, replaced, patched, deleted), in order.`,
          args: { after: t.arg.string() },
          subscribe: (_root, args, ctx) => transform(actorChanges(ctx.env, ctx.pod, actor.id, parseSeqCursor(args.after)), (event) => ({ cursor: String(event.seq), event })),
          resolve: (change) => change,
        }),
      ],
    ],
    mutations: (t: PothosSchemaTypes.MutationFieldBuilder<PodTypes, {}>) => [
      [
        api.mutations.create,
        t.field({
          type: ItemType,
          description: `Stores a new "${actor.name}" item. It must satisfy the actor's JSON Schema.`,
          args: { data: t.arg({ type: dataInput as "JSON", required: true }), idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY }) },
          resolve: async (_root, args, ctx) => toItem(unwrap(await (await writable(ctx)).createItem(asDocument(args.data), idempotent(args.idempotencyKey)))),
        }),
      ],
      [
        api.mutations.createMany,
        t.field({
          type: [ItemType],
          description: "Stores a batch in one transaction: all valid and stored, or none stored with every violation reported by index.",
          args: { data: t.arg({ type: [dataInput as "JSON"], required: true }), idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY }) },
          resolve: async (_root, args, ctx) => unwrap(await (await writable(ctx)).createItems(args.data.map(asDocument), idempotent(args.idempotencyKey))).map(toItem),
        }),
      ],
      [
        api.mutations.replace,
        t.field({
          type: ItemType,
          args: { id: t.arg.id({ required: true }), data: t.arg({ type: dataInput as "JSON", required: true }) },
          resolve: async (_root, args, ctx) => toItem(unwrap(await (await writable(ctx)).replaceItem(itemId(args.id), asDocument(args.data)))),
        }),
      ],
      [
        api.mutations.patch,
        t.field({
          type: ItemType,
          description: "Applies a JSON Merge Patch: omitted fields stay, null removes a field. The result is validated.",
          args: { id: t.arg.id({ required: true }), patch: t.arg({ type: patchInput as "JSON", required: true }) },
          resolve: async (_root, args, ctx) => toItem(unwrap(await (await writable(ctx)).patchItem(itemId(args.id), toDocument(root, args.patch, "patch")))),
        }),
      ],
      [
        api.mutations.delete,
        t.id({
          args: { id: t.arg.id({ required: true }) },
          resolve: async (_root, args, ctx) => unwrap(await (await writable(ctx)).deleteItem(itemId(args.id))).id,
        }),
      ],
    ],
  };
}

function itemId(id: string | number): string {
  const value = String(id);
  if (!ULID_PATTERN.test(value)) throw new GatewayError("NOT_FOUND", `Item "${value}" not found.`, { id: value });
  return value;
}

/** The filter input for values of `shape`; enums get their own `<Enum>Filter`. */
function filterFor(builder: PodBuilder, statics: StaticTypes, outputs: OutputTypes, types: NameScope, shape: Shape) {
  const { StringFilter, IntFilter, FloatFilter, BooleanFilter, JSONFilter } = statics.filters;
  if (shape.kind === "scalar") {
    if (shape.scalar === "Int") return IntFilter;
    if (shape.scalar === "Float") return FloatFilter;
    if (shape.scalar === "Boolean") return BooleanFilter;
    return StringFilter;
  }
  if (shape.kind === "enum") {
    const cached = enumFilters.get(builder)?.get(shape.def);
    if (cached) return cached;
    const enumRef = outputs.inputName(shape, "input");
    const filter = builder.inputType(types.claim(names.enumFilterType(shape.def.name)), {
      fields: (t) => ({
        eq: t.field({ type: enumRef as "JSON" }),
        ne: t.field({ type: enumRef as "JSON" }),
        in: t.field({ type: [enumRef as "JSON"] }),
        isNull: t.boolean(),
      }),
    });
    if (!enumFilters.has(builder)) enumFilters.set(builder, new Map());
    enumFilters.get(builder)!.set(shape.def, filter);
    return filter;
  }
  return JSONFilter;
}

const enumFilters = new WeakMap<PodBuilder, Map<EnumDef, ReturnType<PodBuilder["inputType"]>>>();

/** Whether the field's selection asks for `name` (fragments count as asking). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => node.selectionSet?.selections.some((s) => s.kind !== "Field" || s.name.value === name));
}
