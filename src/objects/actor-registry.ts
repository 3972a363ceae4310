/**
 * A pod's registry of actors (the `actors` table): id, optional name, type
 * and config. The Pod object composes it with its meta and keys; calls that
 * change it also move the pod's schema version, in the same transaction.
 */
import { GatewayError } from "../errors/gateway-error.js";
import type { ActorEntry } from "../store/actor-record.js";
import { ACTOR_NAME_PATTERN } from "../names.js";
import type { Sql } from "./sql.js";

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

/** What a pod's typed schema is built from: its version, and its named actors unless the version asked about is current (null). */
export interface PodSchemaSource {
  version: number;
  actors: ActorEntry[] | null;
}

export class ActorRegistry {
  constructor(private readonly sql: Sql) {}

  count(): number {
    if (!this.sql.hasTable("actors")) return 0;
    return this.sql.one<{ n: number }>("SELECT COUNT(*) AS n FROM actors")!.n;
  }

  insert(actor: { id: string; name: string | null; configJson: string; configVersion: number }): void {
    const now = Date.now();
    this.sql.run(
      "INSERT INTO actors (id, name, actor_type, version, config, config_version, created_at, updated_at) VALUES (?, ?, 'store', 'v1', ?, ?, ?, ?)",
      actor.id, actor.name, actor.configJson, actor.configVersion, now, now,
    );
  }

  /** Records a newer config; an answer that arrives after a newer one changes nothing (false). */
  update(id: string, change: { configJson: string; configVersion: number; strict: boolean }): boolean {
    return this.sql.run(
      "UPDATE actors SET config = ?, config_version = ?, strict = ?, updated_at = ? WHERE id = ? AND config_version < ?",
      change.configJson, change.configVersion, change.strict ? 1 : 0, Date.now(), id, change.configVersion,
    ) > 0;
  }

  /** False when there was no such actor. */
  remove(id: string): boolean {
    if (!this.sql.hasTable("actors")) return false;
    return this.sql.run("DELETE FROM actors WHERE id = ?", id) > 0;
  }

  /** Actors in creation order, `limit` of them after the id `after`. */
  list(podName: string, limit: number, after: string | null): ActorEntry[] {
    if (!this.sql.hasTable("actors")) return [];
    return this.sql.all<ActorRow>("SELECT * FROM actors WHERE id > ? ORDER BY id LIMIT ?", after ?? "", limit).map((row) => toEntry(podName, row));
  }

  /** The actors with these ids or names, in the order asked; null where none matches. */
  get(podName: string, keys: string[]): (ActorEntry | null)[] {
    if (!this.sql.hasTable("actors")) return keys.map(() => null);
    return keys.map((key) => {
      const row = this.sql.one<ActorRow>("SELECT * FROM actors WHERE id = ? OR name = ?", key, key);
      return row ? toEntry(podName, row) : null;
    });
  }

  /** The named actors, which are the ones the typed schema shows. */
  named(podName: string): ActorEntry[] {
    return this.sql.all<ActorRow>("SELECT * FROM actors WHERE name IS NOT NULL ORDER BY id").map((row) => toEntry(podName, row));
  }

  /** Throws BAD_USER_INPUT or CONFLICT when `name` cannot name a new actor here. */
  checkName(name: string): void {
    if (!ACTOR_NAME_PATTERN.test(name)) {
      throw new GatewayError("BAD_USER_INPUT", `Actor name "${name}" must start with a letter and contain only letters, digits and "_" (at most 64 characters).`, { field: "name" });
    }
    // Names become GraphQL type names; a case-insensitive twin would only differ by a suffix there.
    if (this.sql.one("SELECT 1 AS found FROM actors WHERE lower(name) = lower(?)", name)) {
      throw new GatewayError("CONFLICT", `An actor named "${name}" already exists in this pod.`, { field: "name" });
    }
  }
}

function toEntry(pod: string, row: ActorRow): ActorEntry {
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
