/**
 * An actor's revision type (`NotesRevision`) and the connection of an item's
 * history (`NotesRevisionConnection`, `NotesRevisionEdge`), what
 * `<actor>History` (./query-fields.ts) returns: newest first, each edge's
 * cursor the revision number as a string.
 */
import type { Page } from "../schema-shared/connection.js";
import { pageInfoOf } from "../schema-shared/connection.js";
import { revisionItem, type Revision } from "../store/revision.js";
import type { ActorApi, TypedActorSpec } from "./actor-api.js";
import type { BuildContext } from "./build-context.js";
import type { ItemRef } from "./type-registry.js";
import { toTypedItem } from "./values.js";

export function addRevisionType(ctx: BuildContext, api: ActorApi, actor: TypedActorSpec, item: ItemRef) {
  const { builder, inflection, types, statics } = ctx;
  const revisionName = types.claim(inflection.revisionType(api.typeName));
  const Revision = builder.objectRef<Revision>(revisionName).implement({
    description: `One revision of an item of "${actor.name}": every write makes one, a deletion too.`,
    fields: (t) => ({
      rev: t.exposeInt("rev", { description: "1, 2, 3, ... in the order the item's writes were made." }),
      ts: t.field({ type: "DateTime", description: "When the revision was written.", resolve: (r) => new Date(r.ts).toISOString() }),
      op: t.field({ type: statics.ChangeOp, resolve: (r) => r.op }),
      by: t.field({ type: statics.RevisionAuthor, nullable: true, description: "Who wrote it; null for revisions written before authors were recorded.", resolve: (r) => r.by }),
      node: t.field({
        type: item,
        nullable: true,
        description: "The item as this revision left it; null for a deletion.",
        resolve: (r) => {
          const stored = revisionItem(r);
          return stored ? toTypedItem(stored) : null;
        },
      }),
    }),
  });
  const Edge = builder.objectRef<{ cursor: string; node: Revision }>(types.claim(inflection.edgeType(revisionName))).implement({
    fields: (t) => ({ cursor: t.exposeString("cursor", { description: "The revision number, as a string." }), node: t.field({ type: Revision, resolve: (e) => e.node }) }),
  });
  return builder.objectRef<Page<Revision>>(types.claim(inflection.connectionType(revisionName))).implement({
    description: "An item's revisions, newest first. Pass a cursor (a revision number) as `after` for the revisions before it.",
    fields: (t) => ({
      edges: t.field({ type: [Edge], resolve: (page) => page.nodes.map((node) => ({ cursor: page.cursorOf(node), node })) }),
      nodes: t.field({ type: [Revision], resolve: (page) => page.nodes }),
      pageInfo: t.field({ type: statics.PageInfo, resolve: (page) => pageInfoOf(page.nodes.map(page.cursorOf), page) }),
    }),
  });
}

export type HistoryRef = ReturnType<typeof addRevisionType>;
