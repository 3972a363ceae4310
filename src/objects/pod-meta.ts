/**
 * A pod's `meta` table: its name and creation time, the schema version (moved
 * on by every registry change, so typed-schema caches elsewhere know to
 * rebuild), the ticket epoch (stream tickets must match it) and public read.
 */
import type { Sql } from "./sql.js";

export interface PodRecord {
  name: string;
  createdAt: number;
  schemaVersion: number;
  actorCount: number;
  /** Anyone may read this pod (items, actors, subscriptions), without a key. */
  publicRead: boolean;
}

export class PodMeta {
  constructor(private readonly sql: Sql) {}

  /** Writes the record of a new pod; an existing one is kept, so a retried creation completes. */
  create(name: string, createdAt: number): void {
    this.sql.run("INSERT OR IGNORE INTO meta (key, value) VALUES ('name', ?), ('created_at', ?), ('schema_version', '1')", name, String(createdAt));
  }

  /** The pod's record, or null when no pod was created here. */
  record(actorCount: () => number): PodRecord | null {
    const values = this.values();
    const name = values.get("name");
    if (name === undefined) return null;
    return { name, createdAt: Number(values.get("created_at")), schemaVersion: Number(values.get("schema_version")), actorCount: actorCount(), publicRead: values.get("public_read") === "1" };
  }

  /** What every access check needs from here; a pod never created is private, at epoch 0. */
  access(): { publicRead: boolean; ticketEpoch: number } {
    const values = this.values("public_read", "ticket_epoch");
    return { publicRead: values.get("public_read") === "1", ticketEpoch: Number(values.get("ticket_epoch") ?? 0) };
  }

  bumpSchemaVersion(): void {
    this.sql.run("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'schema_version'");
  }

  bumpTicketEpoch(): number {
    this.sql.run("INSERT INTO meta (key, value) VALUES ('ticket_epoch', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
    return Number(this.values("ticket_epoch").get("ticket_epoch"));
  }

  setPublicRead(enabled: boolean): void {
    this.sql.run("INSERT INTO meta (key, value) VALUES ('public_read', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", enabled ? "1" : "0");
  }

  /** The counters a pod created again under this name must start past (Pod.destroy). */
  counters(): { schemaVersion: number; ticketEpoch: number } {
    const values = this.values("schema_version", "ticket_epoch");
    return { schemaVersion: Number(values.get("schema_version") ?? 0), ticketEpoch: Number(values.get("ticket_epoch") ?? 0) };
  }

  /** Starts the counters of an emptied pod past the ones it had. */
  startPast(counters: { schemaVersion: number; ticketEpoch: number }): void {
    this.sql.run("INSERT INTO meta (key, value) VALUES ('schema_version', ?), ('ticket_epoch', ?)", String(counters.schemaVersion + 1), String(counters.ticketEpoch + 1));
  }

  private values(...keys: string[]): Map<string, string> {
    if (!this.sql.hasTable("meta")) return new Map();
    const where = keys.length ? ` WHERE key IN (${keys.map(() => "?").join(", ")})` : "";
    return new Map(this.sql.all<{ key: string; value: string }>(`SELECT key, value FROM meta${where}`, ...keys).map((r) => [r.key, r.value]));
  }
}
