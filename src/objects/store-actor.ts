/**
 * The store actor: one Durable Object per actor, holding JSON items that must
 * satisfy the actor's JSON Schema, in SQLite.
 *
 * Storage layout (see docs/storage.md):
 * - `items` holds the current revision of each live item, keyed by a
 *   time-ordered id, body as JSON text.
 * - `item_history` keeps every revision a replace, patch or delete superseded,
 *   so per-item history and time travel need no migration of stored data.
 * - `item_index` holds one row per (index path, value, item); filters read it
 *   through an SQLite index. Changing the index list adds or drops rows there
 *   and never touches `items`.
 * Every write runs in one synchronous transaction: an exception leaves no
 * half-written item or index.
 *
 * With `params.retention_days`, the object's alarm deletes expired items (see
 * objects/retention.ts and `alarm` below).
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { capture, type Result } from "../errors/result.js";
import { LIMITS } from "../limits.js";
import { DocumentValidator, type Violation } from "../store/document-validator.js";
import { indexValues, type IndexValue } from "../store/index-path.js";
import { decodeTime, ItemIdGenerator, ULID_PATTERN } from "../store/item-id.js";
import { applyMergePatch } from "../store/merge-patch.js";
import { itemValueProblem } from "../store/json-value.js";
import { applyConfigChange, loadStoredConfig, parseStoreConfig, storedConfigProblems, type ConfigChange, type StoreConfig } from "../store/store-config.js";
import type { ChangeEvent, ChangeOp } from "../store/change.js";
import { staleRevision, type Author, type Revision, type RevisionSelector, type WriteOptions } from "../store/revision.js";
import type { ItemQueryPage, ReconfigureReport, SchemaChangePolicy, StoreState, StoredItem } from "../store/item.js";
import { encodeCursor, estimateRowsRead, planItemQuery, SNAPSHOT_SQL, type ItemQuery } from "../store/item-query.js";
import { planAggregate, type AggregateRow, type AggregateSpec, type GroupBySpec } from "../store/aggregate-query.js";
import { ChangeFeed } from "./change-feed.js";
import { QueryBudget, yieldToOtherRequests } from "./query-budget.js";
import { IDEMPOTENCY_MIGRATION, IdempotencyLog, requestFingerprint } from "./idempotency.js";
import { heartbeatMs } from "./heartbeat.js";
import { historyMs, Retention, retentionMs } from "./retention.js";
import { authorText, HISTORY_MIGRATION, ItemHistory, ITEM_COLUMNS, toItem, type ItemRow } from "./item-history.js";
import { chunkRows, Sql } from "./sql.js";
import { SearchIndex } from "./search-index.js";

const MIGRATIONS = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE items (id TEXT PRIMARY KEY, ts INTEGER NOT NULL, updated_ts INTEGER NOT NULL, rev INTEGER NOT NULL,
     schema_version INTEGER NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE item_history (item_id TEXT NOT NULL, rev INTEGER NOT NULL, ts INTEGER NOT NULL, schema_version INTEGER NOT NULL,
     body TEXT NOT NULL, superseded_at INTEGER NOT NULL, superseded_by TEXT NOT NULL, PRIMARY KEY (item_id, rev)) WITHOUT ROWID;
   CREATE TABLE item_index (path TEXT NOT NULL, value ANY, item_id TEXT NOT NULL);
   CREATE INDEX item_index_lookup ON item_index (path, value, item_id);
   CREATE INDEX item_index_item ON item_index (item_id);`,
  // The change feed (objects/change-feed.ts): one row per write, in the write's transaction.
  `CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT NOT NULL, op TEXT NOT NULL, ts INTEGER NOT NULL,
     rev INTEGER NOT NULL, schema_version INTEGER NOT NULL, body TEXT);`,
  // Idempotent creates (objects/idempotency.ts): the first result of each key, in the write's transaction.
  IDEMPOTENCY_MIGRATION,
  // Index rows per path, kept with every index write, for query work estimates (objects/query-budget.ts):
  // an array at an indexed path has a row per element, so items alone undercount the work.
  `CREATE TABLE index_stats (path TEXT PRIMARY KEY, rows INTEGER NOT NULL) WITHOUT ROWID;
   INSERT INTO index_stats (path, rows) SELECT path, COUNT(*) FROM item_index GROUP BY path;`,
  // Revisions record how they were made and by whom, and a deletion is a revision too (objects/item-history.ts).
  HISTORY_MIGRATION,
];

interface Loaded {
  config: StoreConfig;
  version: number;
  validator: DocumentValidator;
}


export class StoreActor extends DurableObject<Env> {
  private readonly sql: Sql;
  private loaded: Loaded | null = null;
  private ids: ItemIdGenerator | null = null;
  private readonly feed: ChangeFeed;
  private readonly retention: Retention;
  private readonly idempotency: IdempotencyLog;
  private readonly history: ItemHistory;
  private readonly search: SearchIndex;
  /** Live items, for query work estimates; null once an insert or delete makes it stale. */
  private itemCount: number | null = null;
  /** index_stats, cached for estimates; null once an index write makes it stale. */
  private indexRows: Map<string, number> | null = null;
  /** What today's checks say of the loaded config (state()); reset whenever the config changes. */
  private problems: { path: string; message: string }[] | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = new Sql(ctx.storage.sql);
    this.feed = new ChangeFeed(this.sql, heartbeatMs(env));
    this.idempotency = new IdempotencyLog(this.sql);
    this.history = new ItemHistory(this.sql);
    this.search = new SearchIndex(this.sql);
    this.retention = new Retention(this.sql, ctx.storage, () => this.history.oldestSuperseded());
    // Tables are created on configure(), so a request for an unknown actor stores nothing.
    if (this.sql.hasTable("_schema")) this.sql.migrate(MIGRATIONS);
  }

  /**
   * Sets or changes the config. Index rows are added for new paths (filled
   * from existing items) and dropped for removed ones; items are never
   * dropped. When the schema changes and existing items violate it, policy
   * "reject" refuses the change with a count and a sample; "keep" accepts it
   * and keeps those items as they are. Setting, changing or removing
   * `params.retention_days` reschedules or clears the expiry alarm.
   */
  async configure(input: unknown, policy: SchemaChangePolicy = "reject"): Promise<Result<{ report: ReconfigureReport; configJson: string }>> {
    const result = capture(() => {
      const { config, validator } = parseStoreConfig(input);
      this.sql.migrate(MIGRATIONS);
      const previous = this.load();
      // A change of format mode or of resources changes what the schema accepts, like a change of the schema itself.
      const validation = (c: StoreConfig) => JSON.stringify([c.schema, c.format ?? "assert", c.resources ?? {}]);
      const schemaChanged = !previous || validation(previous.config) !== validation(config);
      const report: ReconfigureReport = {
        configVersion: (previous?.version ?? 0) + 1,
        schemaChanged,
        violatingItems: 0,
        sample: [],
        indexesAdded: config.indexes.filter((p) => !previous?.config.indexes.includes(p)),
        indexesRemoved: (previous?.config.indexes ?? []).filter((p) => !config.indexes.includes(p)),
      };
      if (previous && schemaChanged) {
        for (const row of this.sql.all<{ id: string; body: string }>("SELECT id, body FROM items ORDER BY id")) {
          const violations = validator.validate(JSON.parse(row.body));
          if (violations.length === 0) continue;
          report.violatingItems++;
          if (report.sample.length < 5) report.sample.push({ id: row.id, violations: violations.slice(0, 5) });
        }
        if (report.violatingItems > 0 && policy === "reject") {
          throw new GatewayError(
            "SCHEMA_VALIDATION_FAILED",
            `The new schema rejects ${report.violatingItems} stored item(s); nothing was changed. Fix them or pass policy "keep".`,
            { violatingItems: report.violatingItems, sample: report.sample },
          );
        }
      }
      this.ctx.storage.transactionSync(() => {
        for (const path of report.indexesRemoved) {
          this.sql.run("DELETE FROM item_index WHERE path = ?", path);
          this.sql.run("DELETE FROM index_stats WHERE path = ?", path);
          this.indexRows = null;
        }
        if (report.indexesAdded.length > 0) this.backfill(report.indexesAdded);
        this.search.prepare(config.search ?? []);
        if (JSON.stringify(previous?.config.search ?? []) !== JSON.stringify(config.search ?? [])) this.search.rebuild(config.search ?? []);
        this.retention.prepare(config);
        this.sql.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('config', ?), ('config_version', ?)", JSON.stringify(config), String(report.configVersion));
      });
      this.loaded = { config, version: report.configVersion, validator };
      this.problems = [];
      // The config as parsed here, as JSON text (what crosses RPC): the pod's registry stores it without parsing it again.
      return { report, configJson: JSON.stringify(config) };
    });
    // After the commit, so a failure cannot undo it; it is logged, and the next write or restart schedules again.
    if (result.ok) await this.retention.sync(this.loaded!.config).catch((error: unknown) => console.error("retention: could not schedule the alarm", error));
    return result;
  }

  /**
   * Applies a change to the config this object holds and reconfigures, with
   * no await between reading the config and writing the new one: concurrent
   * changes are applied one after another, each to the result of the last.
   */
  changeConfig(change: ConfigChange, policy: SchemaChangePolicy = "reject"): Promise<Result<{ report: ReconfigureReport; configJson: string }>> {
    const loaded = this.load();
    if (!loaded) return Promise.resolve({ ok: false, error: { code: "NOT_FOUND", message: "Actor not found." } });
    return this.configure(applyConfigChange(loaded.config, change), policy);
  }

  /** The actor's status: its config version, item count, and what today's checks say of its stored config. */
  state(): Result<StoreState> {
    return capture(() => {
      const { version, config } = this.require();
      const itemCount = this.sql.one<{ n: number }>("SELECT COUNT(*) AS n FROM items")?.n ?? 0;
      // Computed once per loaded config: the checks can take a while on a large one, and a status is public on a public pod.
      this.problems ??= storedConfigProblems(config);
      return { configVersion: version, itemCount, configProblems: this.problems };
    });
  }

  /** Stores one item. With `idempotencyKey`, a retry of the same request answers the first result and stores nothing. */
  async createItem(body: unknown, idempotencyKey?: string, options: WriteOptions = {}): Promise<Result<StoredItem>> {
    const fingerprint = idempotencyKey === undefined ? null : await requestFingerprint("createItem", body);
    let replayed = false;
    const result = capture(() => {
      const loaded = this.require();
      if (idempotencyKey !== undefined) {
        const first = this.idempotency.replay(idempotencyKey, fingerprint!);
        if (first !== null) {
          replayed = true;
          return JSON.parse(first) as StoredItem;
        }
      }
      const text = this.validate(loaded, body);
      const { id, time } = this.idGenerator().next();
      const item: StoredItem = { id, ts: time, updatedTs: time, rev: 1, schemaVersion: loaded.version, body: text };
      const event = this.ctx.storage.transactionSync(() => {
        this.sql.run(`INSERT INTO items (${ITEM_COLUMNS}) VALUES (?, ?, ?, 1, ?, ?, 'created', ?)`, id, time, time, loaded.version, text, authorText(options.by));
        this.itemCount = null;
        this.writeIndex(loaded.config.indexes, id, body);
        this.search.write(loaded.config.search ?? [], id, body);
        if (idempotencyKey !== undefined) this.idempotency.record(idempotencyKey, fingerprint!, JSON.stringify(item), time);
        return this.feed.log("created", id, time, 1, loaded.version, text);
      });
      this.feed.publish([event]);
      return item;
    });
    if (result.ok && !replayed) await this.retention.afterInsert(this.loaded!.config, result.value.ts);
    return result;
  }

  /**
   * Stores a batch in one transaction: every document valid and all stored,
   * or none stored and every violation reported with its index in the batch.
   */
  async createItems(bodies: unknown[], idempotencyKey?: string, options: WriteOptions = {}): Promise<Result<StoredItem[]>> {
    const fingerprint = idempotencyKey === undefined ? null : await requestFingerprint("createItems", bodies);
    let replayed = false;
    const result = capture(() => {
      const loaded = this.require();
      if (idempotencyKey !== undefined) {
        const first = this.idempotency.replay(idempotencyKey, fingerprint!);
        if (first !== null) {
          replayed = true;
          return JSON.parse(first) as StoredItem[];
        }
      }
      if (!Array.isArray(bodies) || bodies.length === 0) throw new GatewayError("BAD_USER_INPUT", "A batch needs at least one item.");
      if (bodies.length > LIMITS.maxBatchItems) {
        throw new GatewayError("PAYLOAD_TOO_LARGE", `A batch holds at most ${LIMITS.maxBatchItems} items; this one has ${bodies.length}.`);
      }
      const texts: string[] = [];
      const failures: { index: number; violations: Violation[] }[] = [];
      bodies.forEach((body, index) => {
        try {
          texts.push(this.validate(loaded, body));
        } catch (error) {
          if (!(error instanceof GatewayError)) throw error;
          failures.push({ index, violations: Array.isArray(error.details) ? (error.details as Violation[]) : [{ path: "", keyword: error.code, message: error.message }] });
        }
      });
      if (failures.length > 0) {
        throw new GatewayError("SCHEMA_VALIDATION_FAILED", `${failures.length} of ${bodies.length} documents do not match the actor's schema; nothing was stored.`, failures);
      }
      const stored: StoredItem[] = [];
      const counts = new Map<string, number>();
      const events = this.ctx.storage.transactionSync(() => {
        const logged = bodies.map((body, i) => {
          const { id, time } = this.idGenerator().next();
          this.sql.run(`INSERT INTO items (${ITEM_COLUMNS}) VALUES (?, ?, ?, 1, ?, ?, 'created', ?)`, id, time, time, loaded.version, texts[i]!, authorText(options.by));
          this.itemCount = null;
          this.writeIndex(loaded.config.indexes, id, body, counts);
          this.search.write(loaded.config.search ?? [], id, body);
          stored.push({ id, ts: time, updatedTs: time, rev: 1, schemaVersion: loaded.version, body: texts[i]! });
          const event = this.feed.log("created", id, time, 1, loaded.version, texts[i]!);
          if (idempotencyKey !== undefined && i === bodies.length - 1) this.idempotency.record(idempotencyKey, fingerprint!, JSON.stringify(stored), time);
          return event;
        });
        for (const [path, n] of counts) this.countIndexRows(path, n);
        return logged;
      });
      this.feed.publish(events);
      return stored;
    });
    if (result.ok && !replayed) await this.retention.afterInsert(this.loaded!.config, result.value[0]!.ts);
    return result;
  }

  /**
   * Runs a batch of item queries (filters, orders and pages on indexed paths: store/item-query.ts),
   * the ones a request makes of this actor in one tick, within `rowsAllowed` rows read
   * (objects/query-budget.ts). A query past the budget fails alone, with QUERY_LIMIT_EXCEEDED.
   * Between queries the object serves its other requests, so a batch of heavy queries delays
   * them by one query at most, not by the whole batch.
   */
  async queryItems(queries: ItemQuery[], rowsAllowed: number = LIMITS.maxRowsReadPerRequest, bytesAllowed: number = LIMITS.maxBatchBytes): Promise<Result<{ pages: Result<ItemQueryPage>[]; rowsRead: number; bytes: number }>> {
    const budget = new QueryBudget(this.sql, rowsAllowed);
    const pages: Result<ItemQueryPage>[] = [];
    // Workers RPC carries at most 32 MiB per answer, and the object has 128 MB: pages share a byte budget.
    const bytes = { left: Math.min(bytesAllowed, LIMITS.maxBatchBytes) };
    const start = bytes.left;
    for (const [i, query] of queries.entries()) {
      if (i > 0) await yieldToOtherRequests();
      pages.push(capture(() => this.queryPage(query, budget, bytes)));
    }
    return capture(() => {
      this.require();
      return { pages, rowsRead: budget.used, bytes: start - bytes.left };
    });
  }

  /**
   * Aggregates (count, sum, avg, min, max) over the sets item queries select, or per group
   * (group-by: store/aggregate-query.ts), within `rowsAllowed` rows read like queryItems: each
   * is charged its filter's work plus a read of every matching item per path. One fails alone.
   */
  async aggregateItems(requests: { query: ItemQuery; spec: AggregateSpec | GroupBySpec }[], rowsAllowed: number = LIMITS.maxRowsReadPerRequest): Promise<Result<{ results: Result<AggregateRow[]>[]; rowsRead: number }>> {
    const budget = new QueryBudget(this.sql, rowsAllowed);
    const results: Result<AggregateRow[]>[] = [];
    for (const [i, { query, spec }] of requests.entries()) {
      if (i > 0) await yieldToOtherRequests();
      results.push(capture(() => {
        const { config } = this.require();
        const plan = planItemQuery({ ...query, count: true }, config.indexes, (config.search?.length ?? 0) > 0);
        const aggregate = planAggregate(plan, spec);
        const items = this.countItems() + (query.asOf == null ? 0 : this.history.count());
        const estimate = estimateRowsRead(plan, items, query.asOf == null ? this.indexRowsByPath() : new Map()) + items * aggregate.paths;
        return budget.charge(estimate, () => this.sql.all(aggregate.sql, ...aggregate.params).map(aggregate.read));
      }));
    }
    return capture(() => {
      this.require();
      return { results, rowsRead: budget.used };
    });
  }

  /**
   * One page: at most `limit` items and about LIMITS.maxPageBytes of their JSON (a page of large
   * items ends early, with hasNextPage, or hasPreviousPage going backward), within what is left of
   * the call's byte budget; a page that cannot hold even its first item fails with QUERY_LIMIT_EXCEEDED.
   */
  private queryPage(query: ItemQuery, budget: QueryBudget, bytes: { left: number }): ItemQueryPage {
    const { config } = this.require();
    const plan = planItemQuery(query, config.indexes, (config.search?.length ?? 0) > 0);
    // In the past, every revision kept may be scanned, and no index helps.
    const estimate = query.asOf == null ? estimateRowsRead(plan, this.countItems(), this.indexRowsByPath()) : estimateRowsRead(plan, this.countItems() + this.history.count(), new Map());
    return budget.charge(estimate, () => {
      const page: ItemRow[] = [];
      let more = false;
      let size = 0;
      this.sql.each<ItemRow>(plan.sql, plan.params, (row) => {
        if (page.length === plan.limit) return !(more = true);
        const cost = row.body.length;
        if (page.length > 0 && (size + cost > LIMITS.maxPageBytes || size + cost > bytes.left)) return !(more = true);
        if (cost > bytes.left) {
          throw new GatewayError("QUERY_LIMIT_EXCEEDED", `The lists of this request hold more item JSON than one request may return (${LIMITS.maxBatchBytes} characters from one actor, ${LIMITS.maxResponseBytes} in all): ask for fewer or smaller pages.`, { limit: "responseBytes", max: LIMITS.maxResponseBytes });
        }
        size += cost;
        page.push(row);
        return true;
      });
      bytes.left -= size;
      if (plan.backward) page.reverse();
      const { keyCount, ftsQuery } = plan;
      const highlights = ftsQuery === null ? null : this.search.highlights(ftsQuery, page.map((row) => row.id));
      const edges = page.map((row) => ({
        item: toItem(row),
        cursor: encodeCursor([...Array.from({ length: keyCount }, (_, i) => (row[`k${i}`] ?? null) as string | number | null), row.id]),
        // bm25 is lower for better matches; a score is higher for them.
        ...(highlights ? { search: { score: -Number(row.score ?? row.k0 ?? 0), highlights: highlights.get(row.id) ?? [] } } : {}),
      }));
      const totalCount = plan.countSql ? (this.sql.one<{ n: number }>(plan.countSql, ...plan.countParams)?.n ?? 0) : null;
      return {
        edges,
        hasNextPage: plan.backward ? Boolean(query.before) : more,
        hasPreviousPage: plan.backward ? more : Boolean(query.after),
        totalCount,
      };
    });
  }

  /** The number of live items, for work estimates; counted again after any insert or delete. */
  private countItems(): number {
    this.itemCount ??= this.sql.one<{ n: number }>("SELECT COUNT(*) AS n FROM items")?.n ?? 0;
    return this.itemCount;
  }

  /**
   * Deletes everything the actor stores (items, history, change log, idempotency keys, config)
   * and its alarm, and ends its open change streams: their subscribers resubscribe and find no
   * actor (NOT_FOUND), so every open subscription on it ends. Idempotent.
   */
  async destroy(): Promise<void> {
    this.feed.closeAll();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.loaded = null;
    this.ids = null;
    this.itemCount = null;
    this.indexRows = null;
    this.problems = null;
  }

  /**
   * A byte stream of NDJSON change events (store/change.ts): those after
   * `after` from the log, then live ones. See objects/change-feed.ts.
   */
  subscribe(after: number | null): Result<ReadableStream<Uint8Array>> {
    return capture(() => {
      this.require();
      return this.feed.subscribe(after);
    });
  }

  /**
   * How many subscribers are live on the change feed, read-only. A subscription
   * counts here once it gets every later write, so the tests wait on it
   * (test/sync-objects.ts) before they write, where they used to sleep.
   */
  changeListenerCount(): number {
    return this.feed.size;
  }

  /** The newest change's sequence number (0 before any write): a cursor for "from now on". */
  latestChange(): Result<number> {
    return capture(() => {
      this.require();
      return this.sql.one<{ seq: number | null }>("SELECT MAX(seq) AS seq FROM changes")?.seq ?? 0;
    });
  }

  /** The items with these ids, in the order asked; null where none exists. */
  getItems(ids: string[]): Result<(StoredItem | null)[]> {
    return capture(() => {
      this.require();
      const found = new Map<string, StoredItem>();
      for (const chunk of chunkRows([...new Set(ids)], 1)) {
        const rows = this.sql.all<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE id IN (${chunk.map(() => "?").join(",")})`, ...chunk);
        for (const row of rows) found.set(row.id, toItem(row));
      }
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  /** With `ifRev`, only while the item is at that revision (else CONFLICT, with the item as it is). */
  replaceItem(id: string, body: unknown, options: WriteOptions = {}): Promise<Result<StoredItem>> {
    return this.superseding(capture(() => this.rewrite(id, "replace", () => body, options)));
  }

  patchItem(id: string, patch: unknown, options: WriteOptions = {}): Promise<Result<StoredItem>> {
    return this.superseding(capture(() => this.rewrite(id, "patch", (current) => applyMergePatch(current, patch), options)));
  }

  /** After a write that superseded a revision: with `history_days`, the alarm that drops it is set. */
  private async superseding<T>(result: Result<T>): Promise<Result<T>> {
    if (result.ok && this.loaded && historyMs(this.loaded.config) !== null) await this.retention.afterSupersede(this.loaded.config, Date.now());
    return result;
  }

  /**
   * Deletes an item: a deletion revision, with no body, follows its last one. With `purge`, every
   * body of it kept besides goes too (history, change log, idempotency log); purging an item
   * deleted before is allowed, and idempotent.
   */
  deleteItem(id: string, options: WriteOptions & { purge?: boolean } = {}): Promise<Result<{ id: string; deleted: true; rev: number }>> {
    return this.superseding(capture(() => {
      const loaded = this.require();
      const now = Date.now();
      const row = this.sql.one<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`, id);
      if (!row) {
        const deletion = options.purge ? this.history.deletion(id) : null;
        if (!deletion || (options.ifRev != null && options.ifRev !== deletion.rev)) {
          if (deletion) throw staleRevision(id, options.ifRev!, null);
          throw new GatewayError("NOT_FOUND", `Item "${id}" not found.`, { id });
        }
        this.ctx.storage.transactionSync(() => this.history.purge(id));
        return { id, deleted: true as const, rev: deletion.rev };
      }
      this.checkRevision(row, options.ifRev);
      const event = this.ctx.storage.transactionSync(() => {
        const event = this.remove(row, now, "delete", options.by ?? null);
        if (options.purge) {
          this.history.purge(id);
          event.body = null;
        }
        return event;
      });
      void loaded;
      this.feed.publish([event]);
      return { id, deleted: true as const, rev: event.rev };
    }));
  }

  /**
   * Writes a new revision equal to revision `rev`, validated against today's schema; for a deleted
   * item this undeletes it. History stays linear: the old revisions stay as they were.
   */
  restoreItem(id: string, rev: number, options: WriteOptions = {}): Promise<Result<StoredItem>> {
    return this.superseding(capture(() => {
      const loaded = this.require();
      const current = this.sql.one<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`, id);
      const old = this.history.select(current, id, { rev });
      if (old.body === null) throw new GatewayError("BAD_USER_INPUT", `Revision ${rev} of item "${id}" is its deletion, which has no body to restore.`, { id, rev });
      const body: unknown = JSON.parse(old.body);
      const text = this.validate(loaded, body);
      if (current) {
        this.checkRevision(current, options.ifRev);
        return this.rewrite(id, "restore", () => body, options);
      }
      const deletion = this.history.deletion(id)!;
      if (options.ifRev != null && options.ifRev !== deletion.rev) throw staleRevision(id, options.ifRev, null);
      const now = Math.max(Date.now(), deletion.ts);
      const item: StoredItem = { id, ts: decodeTime(id), updatedTs: now, rev: deletion.rev + 1, schemaVersion: loaded.version, body: text };
      const event = this.ctx.storage.transactionSync(() => {
        this.history.endDeletion(id, now);
        this.sql.run(`INSERT INTO items (${ITEM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 'restored', ?)`, id, item.ts, now, item.rev, loaded.version, text, authorText(options.by));
        this.itemCount = null;
        this.writeIndex(loaded.config.indexes, id, body);
        this.search.write(loaded.config.search ?? [], id, body);
        return this.feed.log("restored", id, now, item.rev, loaded.version, text);
      });
      this.feed.publish([event]);
      return item;
    }));
  }

  /** An item's revisions, newest first: `limit` of them below revision `before` (from the newest when null). */
  itemHistory(id: string, limit: number, before: number | null): Result<{ revisions: Revision[]; nextBefore: number | null }> {
    return capture(() => {
      this.require();
      const current = this.sql.one<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`, id);
      if (!current && !this.history.knows(id)) throw new GatewayError("NOT_FOUND", `Item "${id}" not found.`, { id });
      const { revisions, more } = this.history.list(current, id, limit, before);
      return { revisions, nextBefore: more ? revisions[revisions.length - 1]!.rev : null };
    });
  }

  /** One revision of an item: by number, n back from the latest, or the one current at a time. */
  itemRevision(id: string, selector: RevisionSelector): Result<Revision> {
    return capture(() => {
      this.require();
      const current = this.sql.one<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`, id);
      return this.history.select(current, id, selector);
    });
  }

  /** Up to `limit` items as they were at `asOf` (now when null), after the id `after`, in id order: what a fork copies. */
  exportItems(asOf: number | null, after: string | null, limit: number): Result<StoredItem[]> {
    return capture(() => {
      this.require();
      const sql = asOf === null
        ? `SELECT ${ITEM_COLUMNS} FROM items WHERE id > ? ORDER BY id LIMIT ?`
        : `WITH snap AS (${SNAPSHOT_SQL}) SELECT * FROM snap WHERE id > ? ORDER BY id LIMIT ?`;
      const params = asOf === null ? [after ?? "", limit] : [asOf, asOf, asOf, after ?? "", limit];
      // A page holds about LIMITS.maxPageBytes of JSON at most (at least one item): RPC answers are bounded.
      const page: StoredItem[] = [];
      let size = 0;
      this.sql.each<ItemRow>(sql, params, (row) => {
        size += row.body.length;
        if (page.length > 0 && size > LIMITS.maxPageBytes) return false;
        page.push(toItem(row));
        return true;
      });
      return page;
    });
  }

  /**
   * Stores copies of items under their own ids (a fork's), each as its revision 1, validated
   * against this actor's schema. Ids already here are refused, so a retried copy stores nothing twice.
   */
  importItems(items: { id: string; body: string }[], options: WriteOptions = {}): Result<number> {
    return capture(() => {
      const loaded = this.require();
      if (items.length > LIMITS.maxBatchItems) throw new GatewayError("PAYLOAD_TOO_LARGE", `At most ${LIMITS.maxBatchItems} items at once.`);
      const bodies = items.map((item) => {
        if (!ULID_PATTERN.test(item.id)) throw new GatewayError("BAD_USER_INPUT", `"${item.id}" is not an item id.`);
        const body: unknown = JSON.parse(item.body);
        return { body, text: this.validate(loaded, body) };
      });
      const now = Date.now();
      let stored = 0;
      const counts = new Map<string, number>();
      const events = this.ctx.storage.transactionSync(() => {
        const logged: ChangeEvent[] = [];
        items.forEach((item, i) => {
          if (this.sql.one("SELECT 1 AS found FROM items WHERE id = ?", item.id) || this.history.knows(item.id)) return;
          this.sql.run(`INSERT INTO items (${ITEM_COLUMNS}) VALUES (?, ?, ?, 1, ?, ?, 'created', ?)`, item.id, decodeTime(item.id), now, loaded.version, bodies[i]!.text, authorText(options.by));
          this.writeIndex(loaded.config.indexes, item.id, bodies[i]!.body, counts);
          this.search.write(loaded.config.search ?? [], item.id, bodies[i]!.body);
          logged.push(this.feed.log("created", item.id, now, 1, loaded.version, bodies[i]!.text));
          stored++;
        });
        for (const [path, n] of counts) this.countIndexRows(path, n);
        return logged;
      });
      this.itemCount = null;
      // New ids must sort after the copied ones: the generator reads its floor again.
      this.ids = null;
      this.feed.publish(events);
      return stored;
    });
  }

  /**
   * The retention alarm: deletes up to `LIMITS.retentionBatch` items created
   * `retention_days` or more ago, oldest first, in one transaction, each exactly
   * like a delete (revision archived, index rows dropped, a "deleted" change
   * published), then schedules the next run: at once if more are due, else at
   * the next expiry, or none. A run that throws rolls its batch back whole and
   * the platform retries it. Items are never deleted before they expire: the
   * cutoff comes from the clock at run time, not from when the alarm was set.
   */
  override async alarm(): Promise<void> {
    this.retention.forget();
    const loaded = this.load();
    if (!loaded) return;
    const period = retentionMs(loaded.config);
    if (period !== null) {
      const now = Date.now();
      // An expired item is purged: retention keeps no body of it anywhere (docs/storage.md).
      const events = this.ctx.storage.transactionSync(() =>
        this.sql
          .all<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE ts <= ? ORDER BY ts, id LIMIT ?`, now - period, LIMITS.retentionBatch)
          .map((row) => {
            const event = this.remove(row, now, "expire", { kind: "retention" });
            this.history.purge(row.id);
            event.body = null;
            return event;
          }),
      );
      this.feed.publish(events);
    }
    const keep = historyMs(loaded.config);
    if (keep !== null) this.ctx.storage.transactionSync(() => this.history.compact(Date.now() - keep));
    await this.retention.sync(loaded.config);
  }

  private rewrite(id: string, cause: "replace" | "patch" | "restore", next: (current: unknown) => unknown, options: WriteOptions): StoredItem {
    const loaded = this.require();
    const row = this.current(id);
    this.checkRevision(row, options.ifRev);
    const body = next(JSON.parse(row.body));
    const text = this.validate(loaded, body);
    const now = Math.max(Date.now(), row.updated_ts);
    const op: ChangeOp = cause === "replace" ? "replaced" : cause === "patch" ? "patched" : "restored";
    const event = this.ctx.storage.transactionSync(() => {
      this.history.archive(row, now, cause);
      this.sql.run("UPDATE items SET body = ?, updated_ts = ?, rev = ?, schema_version = ?, op = ?, author = ? WHERE id = ?", text, now, row.rev + 1, loaded.version, op, authorText(options.by), id);
      this.dropIndex(id);
      this.writeIndex(loaded.config.indexes, id, body);
      this.search.drop(loaded.config.search ?? [], id);
      this.search.write(loaded.config.search ?? [], id, body);
      return this.feed.log(op, id, now, row.rev + 1, loaded.version, text);
    });
    this.feed.publish([event]);
    return { id, ts: row.ts, updatedTs: now, rev: row.rev + 1, schemaVersion: loaded.version, body: text };
  }

  /** CONFLICT, with the item as it is, unless `ifRev` is absent or the item's revision. */
  private checkRevision(row: ItemRow, ifRev: number | null | undefined): void {
    if (ifRev !== null && ifRev !== undefined && ifRev !== row.rev) throw staleRevision(row.id, ifRev, toItem(row));
  }

  /** Deletes a live item: archives its revision, records the deletion as the next one, drops its index rows, logs "deleted". Call inside a transaction. */
  private remove(row: ItemRow, at: number, reason: "delete" | "expire", by: Author | null): ChangeEvent {
    this.history.archive(row, at, reason);
    this.history.recordDeletion(row.id, row.rev + 1, at, row.schema_version, by);
    this.sql.run("DELETE FROM items WHERE id = ?", row.id);
    this.itemCount = null;
    this.dropIndex(row.id);
    this.search.drop(this.require().config.search ?? [], row.id);
    return this.feed.log("deleted", row.id, at, row.rev + 1, row.schema_version, null);
  }

  private current(id: string): ItemRow {
    const row = this.sql.one<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`, id);
    if (!row) throw new GatewayError("NOT_FOUND", `Item "${id}" not found.`, { id });
    return row;
  }

  /** Validates `body` and returns its JSON text; throws SCHEMA_VALIDATION_FAILED with every violation. */
  private validate(loaded: Loaded, body: unknown): string {
    if (body === undefined) throw new GatewayError("BAD_USER_INPUT", "An item body is required.");
    // Before validation: a value JSON cannot write back exactly must not be stored (store/json-value.ts).
    const problem = itemValueProblem(body);
    if (problem) throw new GatewayError("SCHEMA_VALIDATION_FAILED", `${problem.path || "/"}: ${problem.message}`, [{ path: problem.path, keyword: "json", message: problem.message }]);
    const text = JSON.stringify(body);
    // UTF-16 length is a lower bound of the UTF-8 size; encode only when it could be over.
    const bytes = text.length * 3 <= LIMITS.maxItemBytes ? text.length : new TextEncoder().encode(text).byteLength;
    if (bytes > LIMITS.maxItemBytes) {
      throw new GatewayError("PAYLOAD_TOO_LARGE", `An item may be at most ${LIMITS.maxItemBytes} bytes of JSON (UTF-8); this one is ${bytes}.`);
    }
    const violations: Violation[] = loaded.validator.validate(body);
    if (violations.length > 0) {
      // Bounded: a document can break its schema in as many places as it has values.
      const shown = violations.slice(0, 10).map((v) => `${v.path || "/"} (${v.keyword}): ${v.message}`).join("; ");
      const more = violations.length > 10 ? `; and ${violations.length - 10} more (${Math.min(violations.length, LIMITS.maxViolations)} listed in details)` : "";
      throw new GatewayError("SCHEMA_VALIDATION_FAILED", `The document does not match the actor's schema: ${shown}${more}`, violations.slice(0, LIMITS.maxViolations));
    }
    return text;
  }

  /** Writes an item's index rows. With `counts`, the per-path counts are gathered there for the caller to add once (bulk writes). */
  private writeIndex(paths: string[], id: string, body: unknown, counts?: Map<string, number>): void {
    const rows: [string, IndexValue, string][] = [];
    for (const path of paths) {
      const values = new Set(indexValues(body, path));
      for (const value of values) rows.push([path, value, id]);
      if (values.size === 0) continue;
      if (counts) counts.set(path, (counts.get(path) ?? 0) + values.size);
      else this.countIndexRows(path, values.size);
    }
    for (const chunk of chunkRows(rows, 3)) {
      this.sql.run(`INSERT INTO item_index (path, value, item_id) VALUES ${chunk.map(() => "(?, ?, ?)").join(",")}`, ...chunk.flat());
    }
  }

  /** Drops an item's index rows, and takes them off the per-path counts. */
  private dropIndex(id: string): void {
    for (const { path, n } of this.sql.all<{ path: string; n: number }>("SELECT path, COUNT(*) AS n FROM item_index WHERE item_id = ? GROUP BY path", id)) this.countIndexRows(path, -n);
    this.sql.run("DELETE FROM item_index WHERE item_id = ?", id);
  }

  private countIndexRows(path: string, delta: number): void {
    this.sql.run("INSERT INTO index_stats (path, rows) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET rows = rows + excluded.rows", path, delta);
    this.indexRows = null;
  }

  /** Index rows per path (what estimates charge a filter or a sort on that path), cached until an index write. */
  private indexRowsByPath(): ReadonlyMap<string, number> {
    this.indexRows ??= new Map(this.sql.all<{ path: string; rows: number }>("SELECT path, rows FROM index_stats").map((r) => [r.path, r.rows]));
    return this.indexRows;
  }

  private backfill(paths: string[]): void {
    let after = "";
    const counts = new Map<string, number>();
    for (;;) {
      const rows = this.sql.all<{ id: string; body: string }>("SELECT id, body FROM items WHERE id > ? ORDER BY id LIMIT ?", after, LIMITS.indexBackfillBatch);
      for (const row of rows) this.writeIndex(paths, row.id, JSON.parse(row.body), counts);
      if (rows.length < LIMITS.indexBackfillBatch) break;
      after = rows[rows.length - 1]!.id;
    }
    for (const [path, n] of counts) this.countIndexRows(path, n);
  }

  private load(): Loaded | null {
    if (this.loaded) return this.loaded;
    if (!this.sql.hasTable("meta")) return null;
    const rows = this.sql.all<{ key: string; value: string }>("SELECT key, value FROM meta WHERE key IN ('config', 'config_version')");
    const values = new Map(rows.map((r) => [r.key, r.value]));
    const raw = values.get("config");
    if (!raw) return null;
    // Leniently: checks added since this config was stored must not brick the actor (state() reports them).
    const { config, validator } = loadStoredConfig(JSON.parse(raw) as StoreConfig);
    this.loaded = { config, version: Number(values.get("config_version") ?? 1), validator };
    this.problems = null;
    // A fresh instance: check that the stored alarm covers the oldest expiry (it needs no memory of earlier instances).
    if (retentionMs(config) !== null || historyMs(config) !== null) void this.retention.verify(config);
    return this.loaded;
  }

  private require(): Loaded {
    const loaded = this.load();
    if (!loaded) throw new GatewayError("NOT_FOUND", "Actor not found.");
    return loaded;
  }

  private idGenerator(): ItemIdGenerator {
    if (!this.ids) {
      // Deleted items leave their ids in item_history, so the floor never moves back.
      const floor = this.sql.one<{ id: string | null }>("SELECT MAX(id) AS id FROM (SELECT MAX(id) AS id FROM items UNION ALL SELECT MAX(item_id) FROM item_history)");
      this.ids = new ItemIdGenerator(floor?.id ?? null);
    }
    return this.ids;
  }
}
