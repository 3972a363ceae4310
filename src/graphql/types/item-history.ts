/**
 * An item's history on the global schema: `Item.history`, a connection of
 * `ItemRevision`s newest first (every write is one, a deletion too, with
 * null `data`), each with who wrote it (`RevisionAuthor`, never a secret).
 * A revision's cursor is its number as a string (schema-shared/history.ts).
 */
import { itemHistory } from "../../domain/items.js";
import { historyAfter, historyPage } from "../../schema-shared/history.js";
import type { Author, Revision } from "../../store/revision.js";
import { builder } from "../builder.js";
import { connectionType, pageSize } from "./connection.js";
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

builder.objectField(ItemRef, "history", (t) =>
  t.field({
    type: ItemRevisionConnection,
    description: "The item's revisions, newest first. Cursors are revision numbers as strings: `after` pages on to older revisions.",
    args: { first: t.arg.int(), after: t.arg.string() },
    resolve: async (item, args, ctx) => {
      await ctx.auth.require(item.pod, "read");
      const before = historyAfter(args.after);
      return historyPage(await itemHistory(ctx.env, { pod: item.pod, actorId: item.actorId }, item.id, pageSize(args.first), before), before);
    },
  }),
);
