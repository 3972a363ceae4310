/**
 * A small typed layer over a Durable Object's SQLite storage: typed reads,
 * and idempotent migrations recorded in a `_schema` row so an object created
 * by an older release upgrades itself on first use.
 */
export type SqlValue = string | number | null | ArrayBuffer;

export class Sql {
  /**
   * Rows SQLite has read for this object since it was loaded, as the storage API counts them (what
   * Cloudflare bills): the measure of database work that query budgets are charged in.
   */
  rowsRead = 0;

  constructor(private readonly storage: SqlStorage) {}

  all<T extends Record<string, SqlStorageValue>>(query: string, ...params: SqlValue[]): T[] {
    const cursor = this.storage.exec<T>(query, ...params);
    const rows = cursor.toArray();
    this.rowsRead += cursor.rowsRead;
    return rows;
  }

  /**
   * Visits rows one at a time, as SQLite produces them, until `visit` returns false: a caller
   * that stops early never holds the rest in memory (large item bodies).
   */
  each<T extends Record<string, SqlStorageValue>>(query: string, params: SqlValue[], visit: (row: T) => boolean): void {
    const cursor = this.storage.exec<T>(query, ...params);
    try {
      for (const row of cursor) if (!visit(row)) break;
    } finally {
      this.rowsRead += cursor.rowsRead;
    }
  }

  one<T extends Record<string, SqlStorageValue>>(query: string, ...params: SqlValue[]): T | null {
    return this.all<T>(query, ...params)[0] ?? null;
  }

  run(query: string, ...params: SqlValue[]): number {
    const cursor = this.storage.exec(query, ...params);
    this.rowsRead += cursor.rowsRead;
    return cursor.rowsWritten;
  }

  hasTable(name: string): boolean {
    return this.one("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?", name) !== null;
  }

  /** Applies the migrations past the stored version, in order. Each entry is one version. */
  migrate(migrations: readonly string[]): void {
    this.storage.exec("CREATE TABLE IF NOT EXISTS _schema (version INTEGER NOT NULL)");
    const current = this.one<{ version: number }>("SELECT version FROM _schema")?.version ?? 0;
    for (let version = current; version < migrations.length; version++) {
      this.storage.exec(migrations[version]!);
    }
    if (current === 0) this.run("INSERT INTO _schema (version) VALUES (?)", migrations.length);
    else if (current < migrations.length) this.run("UPDATE _schema SET version = ?", migrations.length);
  }
}

/** Splits `rows` so that no statement binds more than `maxParams` (D1/DO limit: 100). */
export function chunkRows<T>(rows: T[], paramsPerRow: number, maxParams = 100): T[][] {
  const size = Math.max(1, Math.floor(maxParams / paramsPerRow));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
