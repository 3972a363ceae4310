/**
 * The reads of the typed query fields that go past the current items: an
 * item's history and an item as it was (by revision or at a time). They call
 * domain/items.ts, as REST does, once the endpoint has checked read; the
 * current item and lists go through the request's loaders (./query-fields.ts).
 */
import * as items from "../domain/items.js";
import { GatewayError } from "../errors/gateway-error.js";
import type { Page } from "../schema-shared/connection.js";
import { historyAfter, historyPage, nullWhenNotFound, revisionChars } from "../schema-shared/history.js";
import { pageSize } from "../store/item-query.js";
import type { StoredItem } from "../store/item.js";
import { parseInstant, revisionItem, type Revision } from "../store/revision.js";
import type { PodContext } from "./pod-builder.js";

/** A `DateTime` argument as ms since the epoch (the scalar also lets `t` and a space separate date and time). */
export function instant(value: string, argument: string): number {
  return parseInstant(value.length > 10 ? `${value.slice(0, 10)}T${value.slice(11).toUpperCase()}` : value, argument);
}

/** One page of an item's revisions, newest first; null when the actor has no record of the item. */
export async function historyOf(ctx: PodContext, actorId: string, id: string, first: number | null | undefined, after: string | null | undefined): Promise<Page<Revision> | null> {
  const limit = pageSize(first, "first");
  const before = historyAfter(after);
  const read = () => items.itemHistory(ctx.env, { pod: ctx.pod, actorId }, id, limit, before);
  const found = await nullWhenNotFound(ctx.loaders.bounded(read, (h) => revisionChars(h.revisions)));
  return found && historyPage(found, before);
}

/**
 * The item as revision `rev` left it, or as it was at `asOf` (ms); null when it was deleted then,
 * did not exist yet, or that revision is no longer kept (purged, compacted).
 */
export async function itemAsOf(ctx: PodContext, actorId: string, id: string, selector: { rev?: number | null; asOf?: string | null }): Promise<StoredItem | null> {
  if (selector.rev != null && selector.asOf != null) throw new GatewayError("BAD_USER_INPUT", 'Pass "rev" or "asOf", not both.', { argument: "asOf" });
  const chosen = selector.rev != null ? { rev: selector.rev } : { at: instant(selector.asOf!, "asOf") };
  const read = () => items.itemRevision(ctx.env, { pod: ctx.pod, actorId }, id, chosen);
  const revision = await nullWhenNotFound(ctx.loaders.bounded(read, (r) => revisionChars([r])));
  return revision && revisionItem(revision);
}
