/**
 * A pod: one Durable Object holding the pod's record and its registry of
 * actors (id, optional name, type, config). The pod's `schemaVersion` changes
 * whenever an actor is added or changed, so schema caches elsewhere know when
 * to rebuild. Item traffic never passes through here: the Worker calls the
 * store actor's own object directly.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { capture, ok, type Result } from "../errors/result.js";
import { ItemIdGenerator } from "../store/item-id.js";
import type { ReconfigureReport, SchemaChangePolicy } from "../store/item.js";
import type { ActorEntry } from "../store/actor-record.js";
import { parseStoreConfig, type ConfigChange } from "../store/store-config.js";
import { storeStub } from "./stubs.js";
import { ACTOR_NAME_PATTERN } from "../names.js";
import { Sql } from "./sql.js";
import { sameBytesHex } from "../auth/secrets.js";
import type { Scope } from "../auth/scopes.js";

export interface PodRecord {
  name: string;
  createdAt: number;
  schemaVersion: number;
  actorCount: number;
  /** Anyone may read this pod (items, actors, subscriptions), without a key. */
  publicRead: boolean;
}

export interface ApiKeyRecord {
  id: string;
  label: string | null;
  scopes: Scope[];
  createdAt: number;
  revokedAt: number | null;
}

interface ApiKeyRow extends Record<string, SqlStorageValue> {
  id: string;
  label: string | null;
  scopes: string;
  secret_hash: string;
  created_at: number;
  revoked_at: number | null;
}

export type { ConfigChange as ActorChange } from "../store/store-config.js";

/** What a pod's typed schema is built from: its version, and its named actors unless the version asked about is current (null). */
export interface PodSchemaSource {
  version: number;
  actors: ActorEntry[] | null;
}

/** What a credential may do on a pod (Pod.access), and with a schema version asked, the typed schema's source. */
export interface PodAccess {
  publicRead: boolean;
  keyScopes: Scope[] | null;
  ticketEpoch: number;
  /** Null when there is no such pod; absent unless asked for. */
  schema?: PodSchemaSource | null;
}

const MIGRATIONS = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE actors (id TEXT PRIMARY KEY, name TEXT UNIQUE, actor_type TEXT NOT NULL, version TEXT NOT NULL,
     config TEXT NOT NULL, config_version INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;`,
  // strict = every stored item satisfies the current schema (typed outputs may then be non-null).
  `ALTER TABLE actors ADD COLUMN strict INTEGER NOT NULL DEFAULT 1;`,
  // API keys: only the SHA-256 of the secret is stored (auth/api-keys.ts). Revoked keys stay listed.
  `CREATE TABLE api_keys (id TEXT PRIMARY KEY, label TEXT, scopes TEXT NOT NULL, secret_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL, revoked_at INTEGER) WITHOUT ROWID;`,
  // Open subscriptions (domain/stream-leases.ts): a lease per stream, renewed while it runs.
  `CREATE TABLE stream_leases (id TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE INDEX stream_leases_holder ON stream_leases (holder, expires_at);
   CREATE INDEX stream_leases_expiry ON stream_leases (expires_at);`,
];

/** A stand-in digest compared when a key id is unknown, so unknown and wrong keys take the same time. */
const NO_KEY_HASH = "0".repeat(64);


interface ActorRow extends Record<string, SqlStorageValue> {
  id: string;
  strict: number;
  name: string | null;
  actor_type: string;
  version: string;
  config: string;
  config_version: number;
  created_at: number;
  updated_at: number;
}

export class Pod extends DurableObject<Env> {
  private readonly sql: Sql;
  private readonly ids = new ItemIdGenerator();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = new Sql(ctx.storage.sql);
    // Tables exist only once the pod is created, so a lookup of an unknown pod stores nothing.
    if (this.sql.hasTable("_schema")) this.sql.migrate(MIGRATIONS);
  }

  /** Creates the pod's record. Idempotent, so a retried creation completes. */
  init(name: string, createdAt: number): PodRecord {
    this.sql.migrate(MIGRATIONS);
    this.sql.run("INSERT OR IGNORE INTO meta (key, value) VALUES ('name', ?), ('created_at', ?), ('schema_version', '1')", name, String(createdAt));
    return this.record()!;
  }

  /** The pod's record, or null when no pod was created under this name. */
  info(): PodRecord | null {
    return this.record();
  }

  async createActor(podName: string, input: { config: unknown; name?: string | null }): Promise<Result<ActorEntry>> {
    const pod = this.record();
    if (!pod) return notFound(podName);
    const prepared = capture(() => {
      const { config } = parseStoreConfig(input.config);
      const name = input.name ?? null;
      if (name !== null) this.checkName(name);
      return { config, name };
    });
    if (!prepared.ok) return prepared;
    const { config, name } = prepared.value;
    const id = this.ids.next().id;
    const configured = await storeStub(this.env, podName, id).configure(config);
    if (!configured.ok) return configured;
    return capture(() => {
      if (name !== null) this.checkName(name); // another request may have taken it meanwhile
      const now = Date.now();
      this.ctx.storage.transactionSync(() => {
        this.sql.run(
          "INSERT INTO actors (id, name, actor_type, version, config, config_version, created_at, updated_at) VALUES (?, ?, 'store', 'v1', ?, ?, ?, ?)",
          id, name, JSON.stringify(config), configured.value.report.configVersion, now, now,
        );
        this.bumpSchemaVersion();
      });
      return this.actor(podName, id)!;
    });
  }

  /** Changes an actor's schema, indexes or params; see StoreActor.configure for what happens to items. */
  async updateActor(podName: string, id: string, change: ConfigChange, policy: SchemaChangePolicy): Promise<Result<{ actor: ActorEntry; report: ReconfigureReport }>> {
    const current = this.actor(podName, id);
    if (!current) return { ok: false, error: { code: "NOT_FOUND", message: `Actor "${id}" not found in pod "${podName}".` } };
    // The actor's own object applies the change to the config it holds, in one synchronous step, so
    // concurrent changes apply one after another and none is lost (a merge here, across the await, lost them).
    const configured = await storeStub(this.env, podName, id).changeConfig(change, policy);
    if (!configured.ok) return configured;
    const { configJson, report } = configured.value;
    const strict = report.schemaChanged ? report.violatingItems === 0 : current.strict;
    this.ctx.storage.transactionSync(() => {
      // Answers may come back out of order: the registry only ever moves to a newer config version.
      this.sql.run(
        "UPDATE actors SET config = ?, config_version = ?, strict = ?, updated_at = ? WHERE id = ? AND config_version < ?",
        configJson, report.configVersion, strict ? 1 : 0, Date.now(), id, report.configVersion,
      );
      this.bumpSchemaVersion();
    });
    return ok({ actor: this.actor(podName, id)!, report });
  }

  /** Drops an actor from the registry (its object's storage is deleted first: domain/actors.ts). Idempotent. */
  removeActor(id: string): void {
    if (!this.sql.hasTable("actors")) return;
    this.ctx.storage.transactionSync(() => {
      if (this.sql.run("DELETE FROM actors WHERE id = ?", id) > 0) this.bumpSchemaVersion();
    });
  }

  /**
   * Deletes the pod's storage: its record, its actor registry, its keys (so every key and ticket
   * of it stops working), its stream leases. Two counters stay behind, moved on: a pod created
   * again under the name starts past the old schema version and ticket epoch, so no isolate's
   * cached typed schema and no ticket of the old pod fits the new one. Idempotent.
   */
  async destroy(): Promise<void> {
    const meta = this.sql.hasTable("meta") ? new Map(this.sql.all<{ key: string; value: string }>("SELECT key, value FROM meta WHERE key IN ('schema_version', 'ticket_epoch')").map((r) => [r.key, Number(r.value)])) : new Map<string, number>();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.sql.migrate(MIGRATIONS);
    this.sql.run("INSERT INTO meta (key, value) VALUES ('schema_version', ?), ('ticket_epoch', ?)", String((meta.get("schema_version") ?? 0) + 1), String((meta.get("ticket_epoch") ?? 0) + 1));
  }

  /**
   * What a pod's typed schema is built from: the schema version, and the
   * named actors unless the caller's `knownVersion` is still current. One
   * call per typed request keeps every isolate's cached schema honest.
   */
  typedSchemaSource(podName: string, knownVersion: number | null): PodSchemaSource | null {
    const record = this.record();
    if (!record) return null;
    if (knownVersion === record.schemaVersion) return { version: record.schemaVersion, actors: null };
    const rows = this.sql.all<ActorRow>("SELECT * FROM actors WHERE name IS NOT NULL ORDER BY id");
    return { version: record.schemaVersion, actors: rows.map((row) => toRecord(podName, row)) };
  }

  /** Actors in creation order, `limit` of them after the id `after`. */
  listActors(podName: string, limit: number, after: string | null): ActorEntry[] {
    if (!this.sql.hasTable("actors")) return [];
    return this.sql
      .all<ActorRow>("SELECT * FROM actors WHERE id > ? ORDER BY id LIMIT ?", after ?? "", limit)
      .map((row) => toRecord(podName, row));
  }

  /** The actors with these ids or names, in the order asked; null where none matches. */
  getActors(podName: string, keys: string[]): (ActorEntry | null)[] {
    if (!this.sql.hasTable("actors")) return keys.map(() => null);
    return keys.map((key) => {
      const row = this.sql.one<ActorRow>("SELECT * FROM actors WHERE id = ? OR name = ?", key, key);
      return row ? toRecord(podName, row) : null;
    });
  }

  /**
   * What a caller may do here: whether the pod is public, and the scopes of
   * the key presented (null when it is unknown, revoked, or wrong). With
   * `secretHash` null the Worker has already verified a signed ticket and
   * asks only whether its key is still active.
   */
  /**
   * What a credential may do here: whether the pod is public, the scopes of the key checked (null when
   * unknown, wrong or revoked), and the ticket epoch, which stream tickets must match (auth/stream-tickets.ts).
   */
  access(check: { keyId: string; secretHash: string | null } | null, schemaVersion?: number | null): PodAccess {
    // With `schemaVersion` (the typed endpoint's cached version, or null), the typed schema's source
    // comes in the same answer: one call per typed request checks both.
    const schema = schemaVersion === undefined ? {} : { schema: this.typedSchemaSource(this.record()?.name ?? "", schemaVersion) };
    return { ...this.keyAccess(check), ...schema };
  }

  private keyAccess(check: { keyId: string; secretHash: string | null } | null): { publicRead: boolean; keyScopes: Scope[] | null; ticketEpoch: number } {
    if (!this.sql.hasTable("api_keys")) return { publicRead: false, keyScopes: null, ticketEpoch: 0 };
    const meta = new Map(this.sql.all<{ key: string; value: string }>("SELECT key, value FROM meta WHERE key IN ('public_read', 'ticket_epoch')").map((r) => [r.key, r.value]));
    const publicRead = meta.get("public_read") === "1";
    const ticketEpoch = Number(meta.get("ticket_epoch") ?? 0);
    if (!check) return { publicRead, keyScopes: null, ticketEpoch };
    const row = this.sql.one<ApiKeyRow>("SELECT * FROM api_keys WHERE id = ?", check.keyId);
    if (check.secretHash !== null) {
      const matches = sameBytesHex(row?.secret_hash ?? NO_KEY_HASH, check.secretHash);
      if (!row || !matches) return { publicRead, keyScopes: null, ticketEpoch };
    }
    if (!row || row.revoked_at !== null) return { publicRead, keyScopes: null, ticketEpoch };
    return { publicRead, keyScopes: JSON.parse(row.scopes) as Scope[], ticketEpoch };
  }


  /**
   * Takes a lease for one open stream of `holder` (a key, the admin, or an anonymous client's
   * address), unless the holder already has `perHolder` live ones or the pod `perPod`
   * (null: no per-holder cap). Leases not renewed within their time are gone; see domain/stream-leases.ts.
   */
  openStream(podName: string, lease: { id: string; holder: string; ttlMs: number; perHolder: number | null; perPod: number }): Result<{ id: string }> {
    if (!this.record()) return notFound(podName);
    const now = Date.now();
    this.sql.run("DELETE FROM stream_leases WHERE expires_at <= ?", now);
    const count = (where: string, ...params: (string | number)[]) => this.sql.one<{ n: number }>(`SELECT COUNT(*) AS n FROM stream_leases ${where}`, ...params)!.n;
    if (lease.perHolder !== null && count("WHERE holder = ?", lease.holder) >= lease.perHolder) {
      return tooManyStreams(`This credential already holds ${lease.perHolder} open streams on pod "${podName}", the most it may: close one first.`, "perKey", lease.perHolder);
    }
    if (count("") >= lease.perPod) {
      return tooManyStreams(`Pod "${podName}" already has ${lease.perPod} open streams, the most it may: try again later.`, "perPod", lease.perPod);
    }
    this.sql.run("INSERT INTO stream_leases (id, holder, expires_at) VALUES (?, ?, ?)", lease.id, lease.holder, now + lease.ttlMs);
    return ok({ id: lease.id });
  }

  /** Extends a live lease; false when it has expired or was never taken (the stream should end). */
  renewStream(id: string, ttlMs: number): boolean {
    if (!this.sql.hasTable("stream_leases")) return false;
    const now = Date.now();
    return this.sql.run("UPDATE stream_leases SET expires_at = ? WHERE id = ? AND expires_at > ?", now + ttlMs, id, now) > 0;
  }

  /** Live stream leases of the pod. */
  countStreams(): number {
    if (!this.sql.hasTable("stream_leases")) return 0;
    return this.sql.one<{ n: number }>("SELECT COUNT(*) AS n FROM stream_leases WHERE expires_at > ?", Date.now())!.n;
  }

  /** Gives a lease back when its stream ends. Idempotent. */
  closeStream(id: string): void {
    if (this.sql.hasTable("stream_leases")) this.sql.run("DELETE FROM stream_leases WHERE id = ?", id);
  }

  /** Voids every stream ticket of the pod issued so far (the admin's, anonymous and key-bound alike). */
  revokeStreamTickets(podName: string): Result<{ pod: string; ticketEpoch: number }> {
    if (!this.record()) return notFound(podName);
    return ok({ pod: podName, ticketEpoch: this.bumpTicketEpoch() });
  }

  private bumpTicketEpoch(): number {
    this.sql.run("INSERT INTO meta (key, value) VALUES ('ticket_epoch', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
    return Number(this.sql.one<{ value: string }>("SELECT value FROM meta WHERE key = 'ticket_epoch'")!.value);
  }

  createApiKey(podName: string, key: { id: string; secretHash: string; scopes: Scope[]; label: string | null }): Result<ApiKeyRecord> {
    if (!this.record()) return notFound(podName);
    this.sql.run(
      "INSERT INTO api_keys (id, label, scopes, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)",
      key.id, key.label, JSON.stringify(key.scopes), key.secretHash, Date.now(),
    );
    return ok(this.apiKey(key.id)!);
  }

  listApiKeys(): ApiKeyRecord[] {
    if (!this.sql.hasTable("api_keys")) return [];
    return this.sql.all<ApiKeyRow>("SELECT * FROM api_keys ORDER BY created_at, id").map(toApiKey);
  }

  /** Revokes a key; it stays listed with its revocation time. Idempotent. */
  revokeApiKey(podName: string, id: string): Result<ApiKeyRecord> {
    const key = this.sql.hasTable("api_keys") ? this.apiKey(id) : null;
    if (!key) return { ok: false, error: { code: "NOT_FOUND", message: `API key "${id}" not found in pod "${podName}".` } };
    this.sql.run("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", Date.now(), id);
    return ok(this.apiKey(id)!);
  }

  setPublicRead(podName: string, enabled: boolean): Result<PodRecord> {
    if (!this.record()) return notFound(podName);
    this.ctx.storage.transactionSync(() => {
      this.sql.run("INSERT INTO meta (key, value) VALUES ('public_read', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", enabled ? "1" : "0");
      // Making the pod private voids the tickets it gave to anyone who asked.
      if (!enabled) this.bumpTicketEpoch();
    });
    return ok(this.record()!);
  }

  private apiKey(id: string): ApiKeyRecord | null {
    const row = this.sql.one<ApiKeyRow>("SELECT * FROM api_keys WHERE id = ?", id);
    return row ? toApiKey(row) : null;
  }

  private actor(podName: string, id: string): ActorEntry | null {
    return this.getActors(podName, [id])[0] ?? null;
  }

  private checkName(name: string): void {
    if (!ACTOR_NAME_PATTERN.test(name)) {
      throw new GatewayError("BAD_USER_INPUT", `Actor name "${name}" must start with a letter and contain only letters, digits and "_" (at most 64 characters).`, { field: "name" });
    }
    // Names become GraphQL type names; a case-insensitive twin would only differ by a suffix there.
    if (this.sql.one("SELECT 1 AS found FROM actors WHERE lower(name) = lower(?)", name)) {
      throw new GatewayError("CONFLICT", `An actor named "${name}" already exists in this pod.`, { field: "name" });
    }
  }

  private bumpSchemaVersion(): void {
    this.sql.run("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'schema_version'");
  }

  private record(): PodRecord | null {
    if (!this.sql.hasTable("meta")) return null;
    const values = new Map(this.sql.all<{ key: string; value: string }>("SELECT key, value FROM meta").map((r) => [r.key, r.value]));
    const name = values.get("name");
    if (name === undefined) return null;
    const actorCount = this.sql.one<{ n: number }>("SELECT COUNT(*) AS n FROM actors")?.n ?? 0;
    return { name, createdAt: Number(values.get("created_at")), schemaVersion: Number(values.get("schema_version")), actorCount, publicRead: values.get("public_read") === "1" };
  }
}

function toRecord(pod: string, row: ActorRow): ActorEntry {
  return {
    pod,
    id: row.id,
    name: row.name,
    configJson: row.config,
    configVersion: row.config_version,
    strict: row.strict === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return { id: row.id, label: row.label, scopes: JSON.parse(row.scopes) as Scope[], createdAt: row.created_at, revokedAt: row.revoked_at };
}

function notFound(podName: string): Result<never> {
  return { ok: false, error: { code: "NOT_FOUND", message: `Pod "${podName}" not found.` } };
}

function tooManyStreams(message: string, cap: "perKey" | "perPod", max: number): Result<never> {
  return { ok: false, error: new GatewayError("TOO_MANY_STREAMS", message, { limit: cap, max }).toData() };
}
