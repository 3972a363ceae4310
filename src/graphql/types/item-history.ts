/**
 * An item's history on the global schema: `Item.history`, a connection of
 * `ItemRevision`s newest first (every write is one, a deletion too, with
 * null `data`), each with who wrote it (`RevisionAuthor`, never a secret),
 * and `Actor.itemHistory(id:)`, which also reaches an item that is deleted
 * (or purged) and so has no `Item`. A revision's cursor is its number as a
 * string (schema-shared/history.ts).
 */
import { itemHistory, type ActorAddress } from "../../domain/items.js";
import type { GatewayContext } from "../../schema-shared/context.js";
import { historyAfter, historyPage, nullWhenNotFound, revisionChars } from "../../schema-shared/history.js";
import type { Author, Revision } from "../../store/revision.js";
import { builder } from "../builder.js";
import { connectionType, pageSize } from "./connection.js";
import { ActorRef } from "./actor.js";
import { ItemRef } from "./item.js";
import { ChangeOpEnum } from "./subscription.js";

const RevisionAuthorRef = builder.objectRef<Author>("RevisionAuthor").implement({
  description: "Who wrote a revision: `kind` is `admin` (the gateway's admin key), `key` (a pod key, by id and label) or `retention`. Never a secret.",
  fields: (t) => ({
    kind: t.string({ resolve: (a) => a.kind }),
    keyId: t.string({ nullable: true, resolve: (a) => (a.kind === "key" ? a.keyId : null) }),
    label: t.string({ nullable: true, resolve: (a) => (a.kind === "key" ? a.label : null) }),
  }),
});

const ItemRevisionRef = builder.objectRef<Revision>("ItemRevision").implement({
  description: "One revision of an item: every write makes one, a deletion too.",
  fields: (t) => ({
    rev: t.exposeInt("rev", { description: "1, 2, 3, ... in the order the item's writes were made." }),
    ts: t.float({ description: "When the revision was written, ms since the epoch.", resolve: (r) => r.ts }),
    op: t.field({ type: ChangeOpEnum, resolve: (r) => r.op }),
    by: t.field({ type: RevisionAuthorRef, nullable: true, description: "Who wrote it; null for revisions written before authors were recorded.", resolve: (r) => r.by }),
    schemaVersion: t.exposeInt("schemaVersion", { description: "The actor config version the revision was validated against." }),
    data: t.field({ type: "JSON", nullable: true, description: "The item's data as this revision left it; null for a deletion.", resolve: (r) => (r.body === null ? null : (JSON.parse(r.body) as unknown)) }),
  }),
});

const ItemRevisionConnection = connectionType("ItemRevision", ItemRevisionRef);

/** One page of an item's revisions, once the caller may read its pod, within the request's item-bytes budget. */
async function historyOf(ctx: GatewayContext, at: ActorAddress, id: string, first: number | null | undefined, after: string | null | undefined) {
  await ctx.auth.require(at.pod, "read");
  const limit = pageSize(first);
  const before = historyAfter(after);
  const found = await ctx.loaders.bounded(() => itemHistory(ctx.env, at, id, limit, before), (h) => revisionChars(h.revisions));
  return historyPage(found, before);
}

builder.objectField(ItemRef, "history", (t) =>
  t.field({
    type: ItemRevisionConnection,
    description: "The item's revisions, newest first. Cursors are revision numbers as strings: `after` pages on to older revisions.",
    args: { first: t.arg.int(), after: t.arg.string() },
    resolve: (item, args, ctx) => historyOf(ctx, { pod: item.pod, actorId: item.actorId }, item.id, args.first, args.after),
  }),
);

builder.objectField(ActorRef, "itemHistory", (t) =>
  t.field({
    type: ItemRevisionConnection,
    nullable: true,
    description: "The revisions of an item by id, newest first, a deleted or purged one included (`item(id:)` is then null); null when the actor has no record of the item.",
    args: { id: t.arg.id({ required: true }), first: t.arg.int(), after: t.arg.string() },
    resolve: (actor, args, ctx) => nullWhenNotFound(historyOf(ctx, { pod: actor.pod, actorId: actor.id }, String(args.id), args.first, args.after)),
  }),
);
