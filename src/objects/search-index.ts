/**
 * A store actor's full-text search index (FTS5), over the strings at its
 * config's `search` paths: kept in each write's transaction, rebuilt when the
 * paths change, gone with them. `item_search` holds one document per item
 * (its strings joined by newlines), tokenized by unicode61 with diacritics
 * removed; `item_search_ids` maps items to the FTS rowids, so a write touches
 * one row instead of scanning the FTS table for an id. Queries over it are
 * planned by store/item-query.ts (SEARCH_MATCHES_SQL).
 */
import { LIMITS } from "../limits.js";
import type { Sql } from "./sql.js";

export class SearchIndex {
  constructor(private readonly sql: Sql) {}

  /** Creates the tables for `paths`, or drops them when there are none. Call inside the configure transaction. */
  prepare(paths: readonly string[]): void {
    if (paths.length === 0) {
      this.sql.run("DROP TABLE IF EXISTS item_search");
      this.sql.run("DROP TABLE IF EXISTS item_search_ids");
      return;
    }
    this.sql.run("CREATE VIRTUAL TABLE IF NOT EXISTS item_search USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')");
    this.sql.run("CREATE TABLE IF NOT EXISTS item_search_ids (item_id TEXT PRIMARY KEY, docid INTEGER NOT NULL UNIQUE) WITHOUT ROWID");
  }

  /** Indexes every stored item again for `paths` (a reconfigure changed them), in batches. */
  rebuild(paths: readonly string[]): void {
    if (paths.length === 0) return;
    this.sql.run("DELETE FROM item_search");
    this.sql.run("DELETE FROM item_search_ids");
    let after = "";
    for (;;) {
      const rows = this.sql.all<{ id: string; body: string }>("SELECT id, body FROM items WHERE id > ? ORDER BY id LIMIT ?", after, LIMITS.indexBackfillBatch);
      for (const row of rows) this.write(paths, row.id, JSON.parse(row.body));
      if (rows.length < LIMITS.indexBackfillBatch) break;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Indexes an item's strings at `paths` (none: nothing). */
  write(paths: readonly string[], id: string, body: unknown): void {
    if (paths.length === 0) return;
    const text = paths.flatMap((path) => stringsAt(body, path)).join("\n");
    if (!text) return;
    const docid = (this.sql.one<{ n: number | null }>("SELECT MAX(docid) AS n FROM item_search_ids")?.n ?? 0) + 1;
    this.sql.run("INSERT INTO item_search (rowid, text) VALUES (?, ?)", docid, text);
    this.sql.run("INSERT INTO item_search_ids (item_id, docid) VALUES (?, ?)", id, docid);
  }

  /** Drops an item's document. */
  drop(paths: readonly string[], id: string): void {
    if (paths.length === 0) return;
    const row = this.sql.one<{ docid: number }>("SELECT docid FROM item_search_ids WHERE item_id = ?", id);
    if (!row) return;
    this.sql.run("DELETE FROM item_search WHERE rowid = ?", row.docid);
    this.sql.run("DELETE FROM item_search_ids WHERE item_id = ?", id);
  }

  /** Snippets of these items' text with the terms of `ftsQuery` marked (`<mark>…</mark>`). */
  highlights(ftsQuery: string, ids: string[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    const rows = this.sql.all<{ item_id: string; snippet: string }>(
      `SELECT m.item_id AS item_id, snippet(item_search, 0, '<mark>', '</mark>', '…', 16) AS snippet FROM item_search JOIN item_search_ids AS m ON m.docid = item_search.rowid
       WHERE item_search MATCH ? AND m.item_id IN (${ids.map(() => "?").join(",")})`,
      ftsQuery, ...ids,
    );
    for (const row of rows) out.set(row.item_id, [row.snippet]);
    return out;
  }
}

/** The strings at a dotted path: a string, or each string of an array; nothing else. */
function stringsAt(body: unknown, path: string): string[] {
  let node: unknown = body;
  for (const segment of path.split(".")) {
    if (node === null || typeof node !== "object" || Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, segment)) return [];
    node = (node as Record<string, unknown>)[segment];
  }
  if (typeof node === "string") return [node];
  return Array.isArray(node) ? node.filter((v): v is string => typeof v === "string") : [];
}
