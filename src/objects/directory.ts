/**
 * The directory: one Durable Object that lists every pod, so `pods(...)` and
 * name claims need no scan of all objects. It holds names only; each pod's
 * record lives in the pod's own object. Pod creation is its only write, which
 * keeps it far below one object's request budget.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { capture, type Result } from "../errors/result.js";
import { Sql } from "./sql.js";

export interface PodEntry {
  name: string;
  createdAt: number;
}

const MIGRATIONS = ["CREATE TABLE pods (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL) WITHOUT ROWID"];

export class Directory extends DurableObject<Env> {
  private readonly sql: Sql;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = new Sql(ctx.storage.sql);
    this.sql.migrate(MIGRATIONS);
  }

  /** Claims `name`; fails with CONFLICT when a pod already has it. */
  claim(name: string, createdAt: number): Result<PodEntry> {
    return capture(() => {
      if (this.sql.one("SELECT 1 AS found FROM pods WHERE name = ?", name)) {
        throw new GatewayError("CONFLICT", `Pod "${name}" already exists.`);
      }
      this.sql.run("INSERT INTO pods (name, created_at) VALUES (?, ?)", name, createdAt);
      return { name, createdAt };
    });
  }

  /** Frees `name` once its pod is deleted. Idempotent. */
  release(name: string): void {
    this.sql.run("DELETE FROM pods WHERE name = ?", name);
  }

  /** Pods in name order, `limit` of them after the name `after`. */
  list(limit: number, after: string | null): PodEntry[] {
    return this.sql
      .all<{ name: string; created_at: number }>(
        "SELECT name, created_at FROM pods WHERE name > ? ORDER BY name LIMIT ?",
        after ?? "",
        limit,
      )
      .map((row) => ({ name: row.name, createdAt: row.created_at }));
  }
}
