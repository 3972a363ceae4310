/**
 * Idempotent creates, composed into the store actor. A client that sends a
 * create with an `Idempotency-Key` (REST) or `idempotencyKey` (GraphQL) and
 * sees no answer (a dropped connection, a crash) can send it again: within
 * LIMITS.idempotencyTtlMs the retry gets the first result and nothing new is
 * stored. The record is written in the same transaction as the items, so a
 * write that committed always has it, and one that did not never does.
 *
 * A key names one request: the same key with another body is a CONFLICT, not
 * a silent replay of something else. Keys are per actor; records older than
 * the TTL are dropped as new ones are written.
 */
import { GatewayError } from "../errors/gateway-error.js";
import { LIMITS } from "../limits.js";
import type { Sql } from "./sql.js";

export const IDEMPOTENCY_MIGRATION = `CREATE TABLE idempotency (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, result TEXT NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE INDEX idempotency_age ON idempotency (created_at);`;

/** What the GraphQL `idempotencyKey` arguments say of themselves. */
export const IDEMPOTENCY_KEY_HELP = "Send the same key again when no answer came: within 24 h the retry answers the first result and stores nothing.";

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Checks a client's key: 1 to 200 visible ASCII characters. */
export function checkIdempotencyKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new GatewayError("BAD_USER_INPUT", "An idempotency key is 1 to 200 visible ASCII characters (a UUID, say).", { field: "idempotencyKey" });
}

/** A digest of what the request asked for, so a reused key with another request is told apart. */
export async function requestFingerprint(operation: string, payload: unknown): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${operation}\n${JSON.stringify(payload)}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export class IdempotencyLog {
  constructor(private readonly sql: Sql) {}

  /** The first result stored under `key` (JSON text), or null when the key is new; CONFLICT when it was used for another request. */
  replay(key: string, fingerprint: string, now = Date.now()): string | null {
    const row = this.sql.one<{ fingerprint: string; result: string; created_at: number }>("SELECT fingerprint, result, created_at FROM idempotency WHERE key = ?", key);
    if (!row || row.created_at <= now - LIMITS.idempotencyTtlMs) return null;
    if (row.fingerprint !== fingerprint) {
      throw new GatewayError("CONFLICT", `The idempotency key "${key}" was used for a different request; use a new key for a new request.`, { idempotencyKey: key });
    }
    return row.result;
  }

  /** Records the result of a new request; call inside the write's transaction. Drops records past the TTL. */
  record(key: string, fingerprint: string, result: string, now = Date.now()): void {
    this.sql.run("DELETE FROM idempotency WHERE created_at <= ?", now - LIMITS.idempotencyTtlMs);
    this.sql.run("INSERT OR REPLACE INTO idempotency (key, fingerprint, result, created_at) VALUES (?, ?, ?, ?)", key, fingerprint, result, now);
  }
}
