/**
 * A store actor's change feed. Every write appends to the `changes` table in
 * the same transaction as the write, so the log and the items never disagree;
 * after the commit the new events go to the live subscribers. A subscriber is
 * a byte stream (RPC streams must carry bytes) of NDJSON events: the missed
 * events replayed from the log, then live ones.
 *
 * The replay is pulled by the reader: one page (LIMITS.replayPageChanges
 * changes, about LIMITS.replayPageBytes bytes) at a time, the next only once
 * the last was read, so a reader that never reads costs one page, not the
 * whole log. Events written meanwhile are in the log, so the next page has
 * them; the subscriber goes live in the same synchronous turn as the query
 * that found nothing more to replay, so nothing falls between the two.
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
  /** Set once its stream closed or broke: a replay in progress stops. */
  closed: boolean;
}

type ChangeRow = { seq: number; item_id: string; op: ChangeOp; ts: number; rev: number; schema_version: number; body: string | null };

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
    const subscriber: Subscriber = { writer: writable.getWriter(), pending: 0, closed: false };
    const gone = () => {
      subscriber.closed = true;
      this.remove(subscriber);
    };
    subscriber.writer.closed.then(gone, gone);
    if (after === null) this.goLive(subscriber);
    else void this.replay(subscriber, after);
    return readable;
  }

  /** Sends the log after `from` one page at a time, each once the last was read; then goes live. */
  private async replay(subscriber: Subscriber, from: number): Promise<void> {
    for (;;) {
      if (subscriber.closed) return;
      const rows = this.page(from);
      // Nothing more in the log: go live in this same turn, before any other write can publish.
      if (rows.length === 0) return this.goLive(subscriber);
      from = rows[rows.length - 1]!.seq;
      const events = rows.map((r) => ({ seq: r.seq, op: r.op, id: r.item_id, ts: r.ts, rev: r.rev, schemaVersion: r.schema_version, body: r.body }));
      try {
        // Resolves once the reader has taken the page: the reader's pace drives the replay.
        await subscriber.writer.write(encoder.encode(events.map(encodeChange).join("")));
      } catch {
        subscriber.closed = true;
        return;
      }
    }
  }

  /** The changes after `from`, at most replayPageChanges of them and about replayPageBytes (a page holds at least one). */
  private page(from: number): ChangeRow[] {
    return this.sql.all<ChangeRow>(
      `SELECT seq, item_id, op, ts, rev, schema_version, body FROM (
         SELECT *, SUM(COALESCE(LENGTH(CAST(body AS BLOB)), 0) + 100) OVER (ORDER BY seq) AS running, COALESCE(LENGTH(CAST(body AS BLOB)), 0) + 100 AS size
         FROM (SELECT * FROM changes WHERE seq > ? ORDER BY seq LIMIT ?)
       ) WHERE running - size < ? ORDER BY seq`,
      from,
      LIMITS.replayPageChanges,
      LIMITS.replayPageBytes,
    );
  }

  private goLive(subscriber: Subscriber): void {
    if (subscriber.closed) return;
    this.subscribers.add(subscriber);
    // Heartbeats let the Worker tell a quiet feed from a broken one; they run only while someone listens.
    this.heartbeat ??= setInterval(() => {
      const beat = encoder.encode(`{"heartbeat":${Date.now()}}\n`);
      for (const s of this.subscribers) this.send(s, beat);
    }, this.heartbeatMs);
  }

  /** Live subscribers, for tests and limits. */
  get size(): number {
    return this.subscribers.size;
  }

  /** Ends every subscriber's stream (the actor is being deleted); they resubscribe and learn why. */
  closeAll(): void {
    for (const subscriber of [...this.subscribers]) {
      subscriber.closed = true;
      this.remove(subscriber);
      subscriber.writer.abort(new Error("actor deleted")).catch(() => undefined);
    }
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
