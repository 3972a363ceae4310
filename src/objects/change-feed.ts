/**
 * A store actor's change feed. Every write appends to the `changes` table in
 * the same transaction as the write, so the log and the items never disagree;
 * after the commit the new events go to the live subscribers. A subscriber is
 * a byte stream (RPC streams must carry bytes) of NDJSON events: the missed
 * events replayed from the log, then live ones, registered in the same
 * synchronous turn as the replay, so nothing falls between the two.
 *
 * Subscribers live in memory and are a cache, not the truth: when the object
 * restarts, their streams break and each subscriber resumes from its last
 * sequence number. The log keeps the last `changeLogMaxEntries` changes and
 * none older than `changeLogMaxAgeMs`.
 */
import { GatewayError } from "../errors/gateway-error.js";
import { LIMITS } from "../limits.js";
import { encodeChange, type ChangeEvent, type ChangeOp } from "../store/change.js";
import type { Sql } from "./sql.js";

interface Subscriber {
  writer: WritableStreamDefaultWriter<Uint8Array>;
  pending: number;
}

const encoder = new TextEncoder();

export class ChangeFeed {
  private readonly subscribers = new Set<Subscriber>();
  private writesSinceTrim = 0;
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly heartbeatMs: number,
  ) {}

  /** Appends one change; call inside the write's transaction. */
  log(op: ChangeOp, id: string, ts: number, rev: number, schemaVersion: number, body: string | null): ChangeEvent {
    const row = this.sql.one<{ seq: number }>(
      "INSERT INTO changes (item_id, op, ts, rev, schema_version, body) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq",
      id, op, ts, rev, schemaVersion, body,
    );
    return { seq: row!.seq, op, id, ts, rev, schemaVersion, body };
  }

  /** Sends committed events to every live subscriber; drops subscribers that are gone or too far behind. */
  publish(events: ChangeEvent[]): void {
    if (events.length > 0 && ++this.writesSinceTrim >= 256) this.trim();
    if (this.subscribers.size === 0 || events.length === 0) return;
    const bytes = encoder.encode(events.map(encodeChange).join(""));
    for (const subscriber of this.subscribers) this.send(subscriber, bytes);
  }

  /**
   * A stream of events after `after` (replayed from the log), then live ones.
   * With `after` null the stream starts at the next change. A cursor older
   * than the log's retention gets CURSOR_EXPIRED: resuming from it would
   * silently skip changes.
   */
  subscribe(after: number | null): ReadableStream<Uint8Array> {
    const trimmedThrough = Number(this.sql.one<{ value: string }>("SELECT value FROM meta WHERE key = 'changes_trimmed_through'")?.value ?? 0);
    if (after !== null && after < trimmedThrough) {
      throw new GatewayError("INVALID_CURSOR", `Changes after ${after} are no longer kept (the log starts after ${trimmedThrough}); start without a cursor.`, { code: "CURSOR_EXPIRED", after, trimmedThrough });
    }
    const { readable, writable } = new IdentityTransformStream();
    const subscriber: Subscriber = { writer: writable.getWriter(), pending: 0 };
    if (after !== null) {
      let from = after;
      for (;;) {
        const rows = this.sql.all<{ seq: number; item_id: string; op: ChangeOp; ts: number; rev: number; schema_version: number; body: string | null }>(
          "SELECT seq, item_id, op, ts, rev, schema_version, body FROM changes WHERE seq > ? ORDER BY seq LIMIT 500",
          from,
        );
        if (rows.length === 0) break;
        const events = rows.map((r) => ({ seq: r.seq, op: r.op, id: r.item_id, ts: r.ts, rev: r.rev, schemaVersion: r.schema_version, body: r.body }));
        this.send(subscriber, encoder.encode(events.map(encodeChange).join("")));
        from = rows[rows.length - 1]!.seq;
        if (rows.length < 500) break;
      }
    }
    this.subscribers.add(subscriber);
    subscriber.writer.closed.then(
      () => this.remove(subscriber),
      () => this.remove(subscriber),
    );
    // Heartbeats let the Worker tell a quiet feed from a broken one; they run only while someone listens.
    this.heartbeat ??= setInterval(() => {
      const beat = encoder.encode(`{"heartbeat":${Date.now()}}\n`);
      for (const s of this.subscribers) this.send(s, beat);
    }, this.heartbeatMs);
    return readable;
  }

  /** Live subscribers, for tests and limits. */
  get size(): number {
    return this.subscribers.size;
  }

  private send(subscriber: Subscriber, bytes: Uint8Array): void {
    if (subscriber.pending >= LIMITS.subscriberMaxPendingWrites) {
      // Too far behind: close it; the client resumes from its cursor instead of this object buffering without bound.
      this.remove(subscriber);
      subscriber.writer.abort(new Error("subscriber too slow")).catch(() => undefined);
      return;
    }
    subscriber.pending++;
    subscriber.writer.write(bytes).then(
      () => subscriber.pending--,
      () => this.remove(subscriber),
    );
  }

  private remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0 && this.heartbeat !== null) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private trim(): void {
    this.writesSinceTrim = 0;
    const cutoff = this.sql.one<{ seq: number | null }>(
      "SELECT MAX(seq) AS seq FROM changes WHERE seq <= (SELECT MAX(seq) FROM changes) - ? OR ts < ?",
      LIMITS.changeLogMaxEntries,
      Date.now() - LIMITS.changeLogMaxAgeMs,
    )?.seq;
    if (!cutoff) return;
    this.sql.run("DELETE FROM changes WHERE seq <= ?", cutoff);
    this.sql.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('changes_trimmed_through', ?)", String(cutoff));
  }
}
