/**
 * A pod's stream leases (the `stream_leases` table): one row per open
 * subscription, renewed while it runs, so the caps of domain/stream-leases.ts
 * hold across every isolate. A lease not renewed in time is gone.
 */
import { GatewayError } from "../errors/gateway-error.js";
import { ok, type Result } from "../errors/result.js";
import type { Sql } from "./sql.js";

export interface LeaseRequest {
  id: string;
  /** A key, the admin, or an anonymous client's address. */
  holder: string;
  ttlMs: number;
  /** Null: no cap per holder. */
  perHolder: number | null;
  perPod: number;
}

export class StreamLeaseTable {
  constructor(private readonly sql: Sql) {}

  /** Takes a lease, unless the holder already has `perHolder` live ones or the pod `perPod`. */
  open(podName: string, lease: LeaseRequest): Result<{ id: string }> {
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
  renew(id: string, ttlMs: number): boolean {
    if (!this.sql.hasTable("stream_leases")) return false;
    const now = Date.now();
    return this.sql.run("UPDATE stream_leases SET expires_at = ? WHERE id = ? AND expires_at > ?", now + ttlMs, id, now) > 0;
  }

  /** Live leases. */
  count(): number {
    if (!this.sql.hasTable("stream_leases")) return 0;
    return this.sql.one<{ n: number }>("SELECT COUNT(*) AS n FROM stream_leases WHERE expires_at > ?", Date.now())!.n;
  }

  /** Gives a lease back when its stream ends. Idempotent. */
  close(id: string): void {
    if (this.sql.hasTable("stream_leases")) this.sql.run("DELETE FROM stream_leases WHERE id = ?", id);
  }
}

function tooManyStreams(message: string, cap: "perKey" | "perPod", max: number): Result<never> {
  return { ok: false, error: new GatewayError("TOO_MANY_STREAMS", message, { limit: cap, max }).toData() };
}
