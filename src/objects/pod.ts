/**
 * A pod: one Durable Object holding the pod's record, its registry of actors
 * (id, optional name, type, config), its API keys and its stream leases, each
 * kept by a small helper over its own table (pod-meta.ts, actor-registry.ts,
 * pod-keys.ts, stream-lease-table.ts). This class composes them into the RPC
 * surface and owns the transactions that span them. Item traffic never passes
 * through here: the Worker calls the store actor's own object directly.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.js";
import { capture, ok, type Result } from "../errors/result.js";
import { ItemIdGenerator } from "../store/item-id.js";
import type { ReconfigureReport, SchemaChangePolicy } from "../store/item.js";
import type { ActorEntry } from "../store/actor-record.js";
import { parseStoreConfig, type ConfigChange } from "../store/store-config.js";
import type { Scope } from "../auth/scopes.js";
import { storeStub } from "./stubs.js";
import { Sql } from "./sql.js";
import { PodMeta, type PodRecord } from "./pod-meta.js";
import { ActorRegistry, type PodSchemaSource } from "./actor-registry.js";
import { PodKeys, type ApiKeyRecord, type KeyCheck } from "./pod-keys.js";
import { StreamLeaseTable, type LeaseRequest } from "./stream-lease-table.js";

export type { ConfigChange as ActorChange } from "../store/store-config.js";

/** What a credential may do on a pod (Pod.access), and with a schema version asked, the typed schema's source. */
export interface PodAccess {
  publicRead: boolean;
  keyScopes: Scope[] | null;
  /** The label of the key checked, which revisions record as their author (never its secret). */
  keyLabel: string | null;
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

export class Pod extends DurableObject<Env> {
  private readonly sql: Sql;
  private readonly ids = new ItemIdGenerator();
  private readonly meta: PodMeta;
  private readonly actors: ActorRegistry;
  private readonly keys: PodKeys;
  private readonly leases: StreamLeaseTable;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = new Sql(ctx.storage.sql);
    this.meta = new PodMeta(this.sql);
    this.actors = new ActorRegistry(this.sql);
    this.keys = new PodKeys(this.sql);
    this.leases = new StreamLeaseTable(this.sql);
    // Tables exist only once the pod is created, so a lookup of an unknown pod stores nothing.
    if (this.sql.hasTable("_schema")) this.sql.migrate(MIGRATIONS);
  }

  /** Creates the pod's record. Idempotent, so a retried creation completes. */
  init(name: string, createdAt: number): PodRecord {
    this.sql.migrate(MIGRATIONS);
    this.meta.create(name, createdAt);
    return this.record()!;
  }

  /** The pod's record, or null when no pod was created under this name. */
  info(): PodRecord | null {
    return this.record();
  }

  async createActor(podName: string, input: { config: unknown; name?: string | null }): Promise<Result<ActorEntry>> {
    if (!this.record()) return notFound(podName);
    const prepared = capture(() => {
      const { config } = parseStoreConfig(input.config);
      const name = input.name ?? null;
      if (name !== null) this.actors.checkName(name);
      return { config, name };
    });
    if (!prepared.ok) return prepared;
    const { config, name } = prepared.value;
    const id = this.ids.next().id;
    const configured = await storeStub(this.env, podName, id).configure(config);
    if (!configured.ok) return configured;
    return capture(() => {
      if (name !== null) this.actors.checkName(name); // another request may have taken it meanwhile
      this.ctx.storage.transactionSync(() => {
        this.actors.insert({ id, name, configJson: JSON.stringify(config), configVersion: configured.value.report.configVersion });
        this.meta.bumpSchemaVersion();
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
      this.actors.update(id, { configJson, configVersion: report.configVersion, strict });
      this.meta.bumpSchemaVersion();
    });
    return ok({ actor: this.actor(podName, id)!, report });
  }

  /** Drops an actor from the registry (its object's storage is deleted first: domain/actors.ts). Idempotent. */
  removeActor(id: string): void {
    if (!this.sql.hasTable("actors")) return;
    this.ctx.storage.transactionSync(() => {
      if (this.actors.remove(id)) this.meta.bumpSchemaVersion();
    });
  }

  /**
   * Deletes the pod's storage: its record, its actor registry, its keys (so every key and ticket
   * of it stops working), its stream leases. Two counters stay behind, moved on: a pod created
   * again under the name starts past the old schema version and ticket epoch, so no isolate's
   * cached typed schema and no ticket of the old pod fits the new one. Idempotent.
   */
  async destroy(): Promise<void> {
    const counters = this.meta.counters();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.sql.migrate(MIGRATIONS);
    this.meta.startPast(counters);
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
    return { version: record.schemaVersion, actors: this.actors.named(podName) };
  }

  /** Actors in creation order, `limit` of them after the id `after`. */
  listActors(podName: string, limit: number, after: string | null): ActorEntry[] {
    return this.actors.list(podName, limit, after);
  }

  /** The actors with these ids or names, in the order asked; null where none matches. */
  getActors(podName: string, keys: string[]): (ActorEntry | null)[] {
    return this.actors.get(podName, keys);
  }

  /**
   * What a credential may do here: whether the pod is public, the scopes of the key checked (null when
   * unknown, wrong or revoked), and the ticket epoch, which stream tickets must match (auth/stream-tickets.ts).
   * With `schemaVersion` (the typed endpoint's cached version, or null), the typed schema's source comes in
   * the same answer: one call per typed request checks both.
   */
  access(check: KeyCheck | null, schemaVersion?: number | null): PodAccess {
    const key = check ? this.keys.check(check) : null;
    const access: PodAccess = { ...this.meta.access(), keyScopes: key?.scopes ?? null, keyLabel: key?.label ?? null };
    if (schemaVersion !== undefined) {
      const name = this.record()?.name;
      access.schema = name === undefined ? null : this.typedSchemaSource(name, schemaVersion);
    }
    return access;
  }

  /** Takes a lease for one open stream; see stream-lease-table.ts and domain/stream-leases.ts. */
  openStream(podName: string, lease: LeaseRequest): Result<{ id: string }> {
    if (!this.record()) return notFound(podName);
    return this.leases.open(podName, lease);
  }

  /** Extends a live lease; false when it has expired or was never taken (the stream should end). */
  renewStream(id: string, ttlMs: number): boolean {
    return this.leases.renew(id, ttlMs);
  }

  /** Live stream leases of the pod. */
  countStreams(): number {
    return this.leases.count();
  }

  /** Gives a lease back when its stream ends. Idempotent. */
  closeStream(id: string): void {
    this.leases.close(id);
  }

  /** Voids every stream ticket of the pod issued so far (the admin's, anonymous and key-bound alike). */
  revokeStreamTickets(podName: string): Result<{ pod: string; ticketEpoch: number }> {
    if (!this.record()) return notFound(podName);
    return ok({ pod: podName, ticketEpoch: this.meta.bumpTicketEpoch() });
  }

  createApiKey(podName: string, key: { id: string; secretHash: string; scopes: Scope[]; label: string | null }): Result<ApiKeyRecord> {
    if (!this.record()) return notFound(podName);
    return ok(this.keys.create(key));
  }

  listApiKeys(): ApiKeyRecord[] {
    return this.keys.list();
  }

  /** Revokes a key; it stays listed with its revocation time. Idempotent. */
  revokeApiKey(podName: string, id: string): Result<ApiKeyRecord> {
    const key = this.keys.revoke(id);
    if (!key) return { ok: false, error: { code: "NOT_FOUND", message: `API key "${id}" not found in pod "${podName}".` } };
    return ok(key);
  }

  setPublicRead(podName: string, enabled: boolean): Result<PodRecord> {
    if (!this.record()) return notFound(podName);
    this.ctx.storage.transactionSync(() => {
      this.meta.setPublicRead(enabled);
      // Making the pod private voids the tickets it gave to anyone who asked.
      if (!enabled) this.meta.bumpTicketEpoch();
    });
    return ok(this.record()!);
  }

  private actor(podName: string, id: string): ActorEntry | null {
    return this.actors.get(podName, [id])[0] ?? null;
  }

  private record(): PodRecord | null {
    return this.meta.record(() => this.actors.count());
  }
}

function notFound(podName: string): Result<never> {
  return { ok: false, error: { code: "NOT_FOUND", message: `Pod "${podName}" not found.` } };
}
