/**
 * A store actor's item history (the `item_history` table): every revision a
 * later write superseded, and a bodiless row for each deletion, so that every
 * revision of an item is either its row in `items` (the current one) or a row
 * here. A revision is current from its `ts` until `superseded_at`; that
 * interval is what time travel reads (`select`, and SNAPSHOT_SQL, which
 * store/item-query.ts plans as-of lists over).
 *
 * Purge removes an item's bodies from here, from the change log and from the
 * idempotency log, keeping the events (with null bodies) and the deletion row.
 */
import { GatewayError } from "../errors/gateway-error.js";
import { LIMITS } from "../limits.js";
import type { ChangeOp } from "../store/change.js";
import { decodeTime } from "../store/item-id.js";
import type { StoredItem } from "../store/item.js";
import type { Author, Revision, RevisionSelector } from "../store/revision.js";
import type { Sql } from "./sql.js";

/** A row of `items`, as the store actor reads it. */
export interface ItemRow extends Record<string, SqlStorageValue> {
  id: string;
  ts: number;
  updated_ts: number;
  rev: number;
  schema_version: number;
  body: string;
  op: string | null;
  author: string | null;
}

export const ITEM_COLUMNS = "id, ts, updated_ts, rev, schema_version, body, op, author";

interface HistoryRow extends Record<string, SqlStorageValue> {
  item_id: string;
  rev: number;
  ts: number;
  schema_version: number;
  body: string;
  superseded_at: number;
  op: string | null;
  author: string | null;
}

/** A deletion row stays current until a restore: "forever" is the largest time a Date holds. */
const FOREVER = 8.64e15;

export const HISTORY_MIGRATION = `ALTER TABLE items ADD COLUMN op TEXT;
   ALTER TABLE items ADD COLUMN author TEXT;
   ALTER TABLE item_history ADD COLUMN op TEXT;
   ALTER TABLE item_history ADD COLUMN author TEXT;
   UPDATE item_history SET op = CASE WHEN rev = 1 THEN 'created' ELSE COALESCE((SELECT CASE p.superseded_by WHEN 'patch' THEN 'patched' ELSE 'replaced' END
     FROM item_history p WHERE p.item_id = item_history.item_id AND p.rev = item_history.rev - 1), 'replaced') END;
   UPDATE items SET op = CASE WHEN rev = 1 THEN 'created' ELSE COALESCE((SELECT CASE p.superseded_by WHEN 'patch' THEN 'patched' ELSE 'replaced' END
     FROM item_history p WHERE p.item_id = items.id AND p.rev = items.rev - 1), 'replaced') END;
   INSERT INTO item_history (item_id, rev, ts, schema_version, body, superseded_at, superseded_by, op)
     SELECT item_id, rev + 1, superseded_at, schema_version, '', ${FOREVER}, '', 'deleted' FROM item_history h
     WHERE superseded_by IN ('delete', 'expire') AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = h.item_id);
   CREATE INDEX item_history_superseded ON item_history (superseded_at);`;

export function toItem(row: ItemRow): StoredItem {
  // A revision read from the history carries no creation time: the time-ordered id holds it.
  return { id: row.id, ts: row.ts || decodeTime(row.id), updatedTs: row.updated_ts, rev: row.rev, schemaVersion: row.schema_version, body: row.body };
}

export class ItemHistory {
  constructor(private readonly sql: Sql) {}

  /** Keeps the revision `row` is at, now that `cause` supersedes it at `at`. Call inside the write's transaction. */
  archive(row: ItemRow, at: number, cause: string): void {
    this.sql.run(
      "INSERT INTO item_history (item_id, rev, ts, schema_version, body, superseded_at, superseded_by, op, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      row.id, row.rev, row.updated_ts, row.schema_version, row.body, at, cause, row.op, row.author,
    );
  }

  /** Records a deletion as revision `rev`, with no body. */
  recordDeletion(id: string, rev: number, at: number, schemaVersion: number, by: Author | null): void {
    this.sql.run(
      "INSERT INTO item_history (item_id, rev, ts, schema_version, body, superseded_at, superseded_by, op, author) VALUES (?, ?, ?, ?, '', ?, '', 'deleted', ?)",
      id, rev, at, schemaVersion, FOREVER, authorText(by),
    );
  }

  /** The deletion that ended a deleted item (null when it was never deleted, or is live again). */
  deletion(id: string): { rev: number; ts: number; schemaVersion: number } | null {
    const row = this.sql.one<HistoryRow>("SELECT * FROM item_history WHERE item_id = ? AND op = 'deleted' AND superseded_at = ?", id, FOREVER);
    return row ? { rev: row.rev, ts: row.ts, schemaVersion: row.schema_version } : null;
  }

  /** Ends a deletion at `at`: the item is live again from then (restore). */
  endDeletion(id: string, at: number): void {
    this.sql.run("UPDATE item_history SET superseded_at = ?, superseded_by = 'restore' WHERE item_id = ? AND op = 'deleted' AND superseded_at = ?", at, id, FOREVER);
  }

  /**
   * The item's revisions below `beforeRev` (all when null), newest first: `limit` of them, fewer
   * when their bodies pass about LIMITS.maxPageBytes (at least one); the current one from `items`
   * when live. `more`: older ones remain.
   */
  list(current: ItemRow | null, id: string, limit: number, beforeRev: number | null): { revisions: Revision[]; more: boolean } {
    const below = beforeRev ?? Number.MAX_SAFE_INTEGER;
    const out: Revision[] = [];
    let size = 0;
    let more = false;
    const take = (body: string, revision: () => Revision): boolean => {
      if (out.length === limit || (out.length > 0 && size + body.length > LIMITS.maxPageBytes)) return !(more = true);
      size += body.length;
      out.push(revision());
      return true;
    };
    if (current && current.rev < below) take(current.body, () => fromItemRow(current));
    if (!more) {
      this.sql.each<HistoryRow>("SELECT * FROM item_history WHERE item_id = ? AND rev < ? ORDER BY rev DESC LIMIT ?", [id, below, limit + 1], (row) => take(row.body, () => fromHistoryRow(row)));
    }
    return { revisions: out, more };
  }

  /** Whether the actor ever held an item with this id that history still knows. */
  knows(id: string): boolean {
    return this.sql.one("SELECT 1 AS found FROM item_history WHERE item_id = ? LIMIT 1", id) !== null;
  }

  /** The revision `selector` names; NOT_FOUND when there is none (never written, purged, compacted, or not yet created then). */
  select(current: ItemRow | null, id: string, selector: RevisionSelector): Revision {
    const latest = current?.rev ?? this.sql.one<{ rev: number | null }>("SELECT MAX(rev) AS rev FROM item_history WHERE item_id = ?", id)?.rev ?? null;
    if (latest === null) throw new GatewayError("NOT_FOUND", `Item "${id}" not found.`, { id });
    let found: Revision | null = null;
    if ("at" in selector) {
      if (current && current.updated_ts <= selector.at) found = fromItemRow(current);
      else {
        const row = this.sql.one<HistoryRow>("SELECT * FROM item_history WHERE item_id = ? AND ts <= ? ORDER BY rev DESC LIMIT 1", id, selector.at);
        found = row ? fromHistoryRow(row) : null;
      }
      if (!found) throw new GatewayError("NOT_FOUND", `Item "${id}" did not exist at ${new Date(selector.at).toISOString()}.`, { id, at: selector.at });
      return found;
    }
    const rev = "rev" in selector ? selector.rev : latest - selector.back;
    if (current && current.rev === rev) return fromItemRow(current);
    const row = rev >= 1 ? this.sql.one<HistoryRow>("SELECT * FROM item_history WHERE item_id = ? AND rev = ?", id, rev) : null;
    if (!row) {
      throw new GatewayError("NOT_FOUND", rev < 1 || rev > latest ? `Item "${id}" has revisions 1 to ${latest}; there is no revision ${rev}.` : `Revision ${rev} of item "${id}" is no longer kept (purged or compacted).`, { id, rev, latest });
    }
    return fromHistoryRow(row);
  }

  /**
   * Removes every body of the item kept anywhere besides `items`: its superseded revisions,
   * its change-log events' bodies (the events stay) and the idempotency records that hold it.
   */
  purge(id: string): void {
    this.sql.run("DELETE FROM item_history WHERE item_id = ? AND op IS NOT 'deleted'", id);
    this.sql.run("UPDATE changes SET body = NULL WHERE item_id = ? AND body IS NOT NULL", id);
    // An idempotency record holds the answer of a create: the item's id and body, as JSON.
    this.sql.run("DELETE FROM idempotency WHERE instr(result, ?) > 0", JSON.stringify(id));
  }

  /** Drops superseded revisions (bodies) that stopped being current before `cutoff`, up to a batch; true when more remain. */
  compact(cutoff: number): boolean {
    const batch = LIMITS.retentionBatch;
    const n = this.sql.run(
      "DELETE FROM item_history WHERE (item_id, rev) IN (SELECT item_id, rev FROM item_history WHERE superseded_at < ? AND op IS NOT 'deleted' LIMIT ?)",
      cutoff, batch,
    );
    return n >= batch;
  }

  /** When the oldest superseded body stopped being current (ms), or null when none is kept. */
  oldestSuperseded(): number | null {
    return this.sql.one<{ at: number | null }>("SELECT MIN(superseded_at) AS at FROM item_history WHERE op IS NOT 'deleted'")?.at ?? null;
  }

  /** Superseded revisions kept: what an as-of list may scan besides the items. */
  count(): number {
    return this.sql.one<{ n: number }>("SELECT COUNT(*) AS n FROM item_history")?.n ?? 0;
  }
}

export function authorText(by: Author | null | undefined): string | null {
  return by ? JSON.stringify(by) : null;
}

function author(text: string | null): Author | null {
  return text ? (JSON.parse(text) as Author) : null;
}

function fromItemRow(row: ItemRow): Revision {
  return { id: row.id, rev: row.rev, ts: row.updated_ts, op: (row.op ?? (row.rev === 1 ? "created" : "replaced")) as ChangeOp, by: author(row.author), schemaVersion: row.schema_version, body: row.body };
}

function fromHistoryRow(row: HistoryRow): Revision {
  const op = (row.op ?? (row.rev === 1 ? "created" : "replaced")) as ChangeOp;
  return { id: row.item_id, rev: row.rev, ts: row.ts, op, by: author(row.author), schemaVersion: row.schema_version, body: op === "deleted" ? null : row.body };
}
