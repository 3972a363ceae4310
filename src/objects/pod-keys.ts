/**
 * A pod's API keys (the `api_keys` table) and the access check built on them.
 * Only the SHA-256 of a secret is stored (auth/api-keys.ts); revoked keys stay
 * listed with their revocation time.
 */
import { sameBytesHex } from "../auth/secrets.js";
import type { Scope } from "../auth/scopes.js";
import type { Sql } from "./sql.js";

export interface ApiKeyRecord {
  id: string;
  label: string | null;
  scopes: Scope[];
  createdAt: number;
  revokedAt: number | null;
}

/** A key to check: its id, and the hash of the secret presented (null: a signed ticket already proved it; only check it is active). */
export interface KeyCheck {
  keyId: string;
  secretHash: string | null;
}

interface ApiKeyRow extends Record<string, SqlStorageValue> {
  id: string;
  label: string | null;
  scopes: string;
  secret_hash: string;
  created_at: number;
  revoked_at: number | null;
}

/** A stand-in digest compared when a key id is unknown, so unknown and wrong keys take the same time. */
const NO_KEY_HASH = "0".repeat(64);

export class PodKeys {
  constructor(private readonly sql: Sql) {}

  create(key: { id: string; secretHash: string; scopes: Scope[]; label: string | null }): ApiKeyRecord {
    this.sql.run(
      "INSERT INTO api_keys (id, label, scopes, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)",
      key.id, key.label, JSON.stringify(key.scopes), key.secretHash, Date.now(),
    );
    return this.get(key.id)!;
  }

  list(): ApiKeyRecord[] {
    if (!this.sql.hasTable("api_keys")) return [];
    return this.sql.all<ApiKeyRow>("SELECT * FROM api_keys ORDER BY created_at, id").map(toApiKey);
  }

  /** Revokes a key, keeping it listed; null when there is no such key. Idempotent. */
  revoke(id: string): ApiKeyRecord | null {
    if (!this.get(id)) return null;
    this.sql.run("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", Date.now(), id);
    return this.get(id);
  }

  /** The key checked, with its scopes and label: null when it is unknown, wrong or revoked. */
  check(check: KeyCheck): { scopes: Scope[]; label: string | null } | null {
    if (!this.sql.hasTable("api_keys")) return null;
    const row = this.sql.one<ApiKeyRow>("SELECT * FROM api_keys WHERE id = ?", check.keyId);
    if (check.secretHash !== null && !sameBytesHex(row?.secret_hash ?? NO_KEY_HASH, check.secretHash)) return null;
    if (!row || row.revoked_at !== null) return null;
    return { scopes: JSON.parse(row.scopes) as Scope[], label: row.label };
  }

  private get(id: string): ApiKeyRecord | null {
    if (!this.sql.hasTable("api_keys")) return null;
    const row = this.sql.one<ApiKeyRow>("SELECT * FROM api_keys WHERE id = ?", id);
    return row ? toApiKey(row) : null;
  }
}

function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return { id: row.id, label: row.label, scopes: JSON.parse(row.scopes) as Scope[], createdAt: row.created_at, revokedAt: row.revoked_at };
}
