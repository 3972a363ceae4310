/**
 * Keeps a store actor's Durable Object alarm in step with `params.retention_days`.
 *
 * An item expires `retention_days` × 24 h after its creation time (`items.ts`;
 * replaces and patches do not extend it). While the actor has a retention
 * period and holds items, its object keeps one alarm scheduled for the moment
 * the oldest item expires; without one, or with no items, it has no alarm.
 * The alarm handler (StoreActor.alarm) deletes expired items in batches of
 * `LIMITS.retentionBatch` and calls `sync` again, which schedules the next
 * expiry, or "now" when expired items remain.
 *
 * The wanted alarm time is always recomputed from storage (the oldest `ts`), so
 * every path that calls `sync` converges on the same answer. The only memory
 * kept is `scheduledAt`, what this instance last set: a hint that lets a write
 * skip `setAlarm` when the alarm already fires no later than the new item's
 * expiry. A fresh instance starts without the hint, and its first load checks
 * the stored alarm (`verify`), so nothing depends on memory across restarts.
 *
 * `items_expiry` (on `ts`) exists only while the actor has a retention period,
 * so actors without one pay nothing on insert.
 */
import type { StoreConfig } from "../store/store-config.js";
import type { Sql } from "./sql.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The largest time a JavaScript Date (and so an alarm) can hold. */
const MAX_TIME_MS = 8.64e15;

/** The retention period in ms, or null when the actor keeps items forever. */
export function retentionMs(config: StoreConfig): number | null {
  const days = config.params.retention_days;
  return typeof days === "number" && days > 0 ? days * DAY_MS : null;
}

/** How long superseded revisions are kept (ms), or null when they are kept forever. */
export function historyMs(config: StoreConfig): number | null {
  const days = config.params.history_days;
  return typeof days === "number" && days > 0 ? days * DAY_MS : null;
}

export class Retention {
  /** What this instance last scheduled: a time, null for "no alarm", undefined when unknown. A hint only. */
  private scheduledAt: number | null | undefined = undefined;

  constructor(
    private readonly sql: Sql,
    private readonly storage: DurableObjectStorage,
    /** When the oldest superseded revision kept stopped being current (objects/item-history.ts), for `history_days`. */
    private readonly oldestSuperseded: () => number | null,
  ) {}

  /** Creates or drops the expiry index for `config`. Call inside the configure transaction. */
  prepare(config: StoreConfig): void {
    if (retentionMs(config) === null) this.sql.run("DROP INDEX IF EXISTS items_expiry");
    else this.sql.run("CREATE INDEX IF NOT EXISTS items_expiry ON items (ts, id)");
  }

  /**
   * When the alarm must next run (ms), or null when never: the oldest item's expiry, or with
   * `history_days`, when the oldest superseded revision kept is due to go.
   */
  nextExpiry(config: StoreConfig): number | null {
    const period = retentionMs(config);
    const oldest = period === null ? null : (this.sql.one<{ ts: number | null }>("SELECT MIN(ts) AS ts FROM items")?.ts ?? null);
    const keep = historyMs(config);
    const superseded = keep === null ? null : this.oldestSuperseded();
    const times = [oldest !== null ? oldest + period! : null, keep !== null && superseded !== null ? superseded + keep : null].filter((t): t is number => t !== null && t <= MAX_TIME_MS);
    return times.length ? Math.min(...times) : null;
  }

  /** Schedules the alarm for the next expiry (now, if something is already due), or clears it. */
  async sync(config: StoreConfig): Promise<void> {
    const expiry = this.nextExpiry(config);
    const at = expiry === null ? null : Math.max(expiry, Date.now());
    if (at === null && this.scheduledAt === null) return;
    // Recorded before the await, in the order the calls are issued, so the last sync wins in memory as in storage.
    this.scheduledAt = at;
    try {
      if (at === null) await this.storage.deleteAlarm();
      else await this.storage.setAlarm(at);
    } catch (error) {
      this.scheduledAt = undefined;
      throw error;
    }
  }

  /**
   * After items were created at `createdAt`: makes sure an alarm will fire no
   * later than their expiry. Free when this instance already scheduled one
   * early enough. The items are committed either way, so a storage failure here
   * is logged, not returned: the next write or restart schedules again.
   */
  async afterInsert(config: StoreConfig, createdAt: number): Promise<void> {
    const period = retentionMs(config);
    if (period === null) return;
    if (typeof this.scheduledAt === "number" && this.scheduledAt <= createdAt + period) return;
    await this.sync(config).catch((error: unknown) => console.error("retention: could not schedule the alarm", error));
  }

  /**
   * After a write superseded a revision at `at`: with `history_days`, makes sure an alarm will
   * fire no later than when that revision is due to go. Free when one is already early enough.
   */
  async afterSupersede(config: StoreConfig, at: number): Promise<void> {
    const keep = historyMs(config);
    if (keep === null) return;
    if (typeof this.scheduledAt === "number" && this.scheduledAt <= at + keep) return;
    await this.sync(config).catch((error: unknown) => console.error("retention: could not schedule the alarm", error));
  }

  /**
   * On the first load of a fresh instance with a retention period: makes sure
   * the stored alarm fires no later than the oldest expiry, scheduling it if
   * it is missing (e.g. a config set by an older release). Never throws.
   */
  async verify(config: StoreConfig): Promise<void> {
    try {
      if (retentionMs(config) !== null) this.sql.run("CREATE INDEX IF NOT EXISTS items_expiry ON items (ts, id)");
      const expiry = this.nextExpiry(config);
      if (expiry === null) return;
      const stored = await this.storage.getAlarm();
      if (this.scheduledAt !== undefined) return; // a write or alarm run synced meanwhile
      if (stored !== null && stored <= expiry) this.scheduledAt = stored;
      else await this.sync(config);
    } catch (error) {
      console.error("retention: could not verify the alarm", error);
    }
  }

  /** Forgets the hint: the alarm is being run by the platform (which clears or retries it). */
  forget(): void {
    this.scheduledAt = undefined;
  }
}
