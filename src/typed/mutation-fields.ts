/**
 * An actor's mutations: create, createMany, replace, patch, delete and
 * restore; replace, patch, delete and restore take `ifRev`. Typed
 * input is turned back into the stored JSON (./convert.ts) and written
 * through ./item-writes.ts; the actor's object validates it against the JSON
 * Schema. An actor whose documents are not objects takes `JSON` inputs.
 */
import { IDEMPOTENCY_KEY_HELP } from "../objects/idempotency.js";
import type { ActorTypes } from "./actor-types.js";
import type { BuildContext } from "./build-context.js";
import { toDocument } from "./convert.js";
import { STATIC_TYPE_NAMES } from "./inflection.js";
import { itemId, itemWrites } from "./item-writes.js";
import type { PodTypes } from "./pod-builder.js";
import { toTypedItem } from "./values.js";

const IF_REV_HELP = "Write only while the item is at this revision (`_meta.rev`; for a deleted item, its deletion's); otherwise CONFLICT, with the item as it now is in `extensions.current`.";

type MutationFieldBuilder = PothosSchemaTypes.MutationFieldBuilder<PodTypes, {}>;

export function mutationFields(ctx: BuildContext, t: MutationFieldBuilder, types: ActorTypes) {
  const { api, actor } = types;
  const root = api.mapped.root;
  const dataInput = api.inputName ? ctx.registry.inputType(root, "input") : STATIC_TYPE_NAMES.json;
  const patchInput = api.patchName ? ctx.registry.inputType(root, "patch") : STATIC_TYPE_NAMES.json;
  const asDocument = (data: unknown) => toDocument(root, data, "input");
  const idempotencyKey = () => t.arg.string({ description: IDEMPOTENCY_KEY_HELP });
  const ifRev = () => t.arg.int({ description: IF_REV_HELP });
  return {
    [api.mutations.create]: t.field({
      type: types.item,
      description: `Stores a new "${actor.name}" item. It must satisfy the actor's JSON Schema.`,
      args: { data: t.arg({ type: dataInput, required: true }), idempotencyKey: idempotencyKey() },
      resolve: async (_root, args, ctx) => toTypedItem(await (await itemWrites(ctx, actor.id)).create(asDocument(args.data), args.idempotencyKey)),
    }),
    [api.mutations.createMany]: t.field({
      type: [types.item],
      description: "Stores a batch in one transaction: all valid and stored, or none stored with every violation reported by index.",
      args: { data: t.arg({ type: [dataInput], required: true }), idempotencyKey: idempotencyKey() },
      resolve: async (_root, args, ctx) => (await (await itemWrites(ctx, actor.id)).createMany(args.data.map(asDocument), args.idempotencyKey)).map(toTypedItem),
    }),
    [api.mutations.replace]: t.field({
      type: types.item,
      description: "Replaces an item's document; the replaced revision stays in its history.",
      args: { id: t.arg.id({ required: true }), data: t.arg({ type: dataInput, required: true }), ifRev: ifRev() },
      resolve: async (_root, args, ctx) => {
        const writes = await itemWrites(ctx, actor.id);
        return toTypedItem(await writes.replace(itemId(args.id), asDocument(args.data), args.ifRev));
      },
    }),
    [api.mutations.patch]: t.field({
      type: types.item,
      description: "Applies a JSON Merge Patch: omitted fields stay, null removes a field. The result is validated.",
      args: { id: t.arg.id({ required: true }), patch: t.arg({ type: patchInput, required: true }), ifRev: ifRev() },
      resolve: async (_root, args, ctx) => {
        const writes = await itemWrites(ctx, actor.id);
        return toTypedItem(await writes.patch(itemId(args.id), toDocument(root, args.patch, "patch"), args.ifRev));
      },
    }),
    [api.mutations.delete]: t.id({
      description: "Deletes an item and returns its id. The deletion is a revision of its own: the item's history stays, and a restore undeletes it.",
      args: {
        id: t.arg.id({ required: true }),
        ifRev: ifRev(),
        purge: t.arg.boolean({ description: "Also remove every body of the item kept for history (revisions, change log, idempotency records): only the deletion stays. An item already deleted can be purged too." }),
      },
      resolve: async (_root, args, ctx) => {
        const writes = await itemWrites(ctx, actor.id);
        return writes.delete(itemId(args.id), args.ifRev, args.purge === true);
      },
    }),
    [api.mutations.restore]: t.field({
      type: types.item,
      description: "Writes a new revision equal to revision `rev` of the item (validated against today's schema); undeletes a deleted item.",
      args: { id: t.arg.id({ required: true }), rev: t.arg.int({ required: true }), ifRev: ifRev() },
      resolve: async (_root, args, ctx) => {
        const writes = await itemWrites(ctx, actor.id);
        return toTypedItem(await writes.restore(itemId(args.id), args.rev, args.ifRev));
      },
    }),
  };
}
