/**
 * One graphql-sse single-connection session, named by its reservation
 * token. In that mode an operation POSTed in one request streams its results
 * over another request's SSE response, and Workers forbid a request from
 * touching another request's streams. So requests never meet in Worker
 * memory: POST and DELETE hand their commands to this object, and the SSE
 * request holds a byte stream from it (NDJSON commands) and runs each
 * operation itself, in its own request context.
 *
 * Commands that arrive before the SSE request connects wait in SQLite, so
 * no operation is lost between the two requests, up to
 * LIMITS.sessionQueueMaxCommands commands and LIMITS.sessionQueueMaxBytes
 * bytes; a reservation that is never connected expires, and an alarm then
 * deletes everything it stored.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { capture, type Result } from "../errors/result.js";
import { LIMITS } from "../limits.js";
import { Sql } from "./sql.js";

export type SessionCommand = { op: "start"; id: string; request: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null } } | { op: "stop"; id: string };

const MIGRATIONS = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE queued (seq INTEGER PRIMARY KEY AUTOINCREMENT, command TEXT NOT NULL);`,
];

const RESERVATION_TTL_MS = LIMITS.sessionReservationTtlMs;
const encoder = new TextEncoder();

export class StreamSession extends DurableObject<Env> {
  private readonly sql: Sql;
  private writer: WritableStreamDefaultWriter<Uint8Array> | null = null;
  private readonly active = new Set<string>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = new Sql(ctx.storage.sql);
    if (this.sql.hasTable("_schema")) this.sql.migrate(MIGRATIONS);
  }

  async reserve(): Promise<void> {
    this.sql.migrate(MIGRATIONS);
    const now = Date.now();
    this.sql.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('reserved_at', ?)", String(now));
    await this.ctx.storage.setAlarm(now + RESERVATION_TTL_MS);
  }

  /** The reservation's time is up: unless its event stream is open, everything it stored goes. */
  override async alarm(): Promise<void> {
    if (this.writer) return;
    await this.ctx.storage.deleteAll();
  }

  /** The one SSE connection of this reservation: queued commands first, then live ones. */
  open(): Result<ReadableStream<Uint8Array>> {
    return capture(() => {
      this.requireReservation();
      if (this.writer) throw new GatewayError("CONFLICT", "This reservation already has its event stream.");
      const { readable, writable } = new IdentityTransformStream();
      const writer = writable.getWriter();
      this.writer = writer;
      const queued = this.sql.all<{ command: string }>("SELECT command FROM queued ORDER BY seq");
      this.sql.run("DELETE FROM queued");
      for (const { command } of queued) writer.write(encoder.encode(command + "\n")).catch(() => undefined);
      writer.closed.then(
        () => this.end(writer),
        () => this.end(writer),
      );
      return readable;
    });
  }

  /** Starts an operation on the event stream; CONFLICT when the id is already running. */
  start(command: Extract<SessionCommand, { op: "start" }>): Result<null> {
    return capture(() => {
      this.requireReservation();
      if (this.active.has(command.id)) throw new GatewayError("CONFLICT", `Operation "${command.id}" is already running.`, { operationId: command.id });
      // Unconnected, the queue's own bounds apply (send); connected, the running operations are bounded.
      if (this.writer && this.active.size >= LIMITS.sessionMaxOperations) {
        throw new GatewayError("PAYLOAD_TOO_LARGE", `This event stream already runs ${this.active.size} operations; at most ${LIMITS.sessionMaxOperations} at once. Stop some first.`, { max: LIMITS.sessionMaxOperations });
      }
      this.send(command);
      this.active.add(command.id);
      return null;
    });
  }

  stop(id: string): Result<null> {
    return capture(() => {
      this.requireReservation();
      this.active.delete(id);
      this.send({ op: "stop", id });
      return null;
    });
  }

  /** The SSE request reports an operation that finished by itself. */
  finished(id: string): void {
    this.active.delete(id);
  }

  private send(command: SessionCommand): void {
    const line = JSON.stringify(command);
    if (this.writer) {
      this.writer.write(encoder.encode(line + "\n")).catch(() => undefined);
      return;
    }
    // Until the stream connects, commands wait here: bounded, so an unconnected reservation cannot fill the object.
    const queued = this.sql.one<{ n: number; bytes: number | null }>("SELECT COUNT(*) AS n, SUM(LENGTH(CAST(command AS BLOB))) AS bytes FROM queued")!;
    const bytes = encoder.encode(line).byteLength;
    if (queued.n >= LIMITS.sessionQueueMaxCommands || (queued.bytes ?? 0) + bytes > LIMITS.sessionQueueMaxBytes) {
      throw new GatewayError(
        "PAYLOAD_TOO_LARGE",
        `At most ${LIMITS.sessionQueueMaxCommands} commands and ${LIMITS.sessionQueueMaxBytes} bytes wait for an event stream that is not open yet; open it (GET with the token) first.`,
        { maxCommands: LIMITS.sessionQueueMaxCommands, maxBytes: LIMITS.sessionQueueMaxBytes },
      );
    }
    this.sql.run("INSERT INTO queued (command) VALUES (?)", line);
  }

  private requireReservation(): void {
    const reservedAt = this.sql.hasTable("meta") ? Number(this.sql.one<{ value: string }>("SELECT value FROM meta WHERE key = 'reserved_at'")?.value ?? 0) : 0;
    if (!reservedAt || (!this.writer && Date.now() - reservedAt > RESERVATION_TTL_MS)) {
      throw new GatewayError("NOT_FOUND", "No such event stream reservation; make one with PUT first.");
    }
  }

  /** The event stream closed: the reservation is over (the protocol allows one connection per reservation). */
  private end(writer: WritableStreamDefaultWriter<Uint8Array>): void {
    if (this.writer !== writer) return;
    this.writer = null;
    this.active.clear();
    this.ctx.storage.deleteAll().catch(() => undefined);
  }
}
