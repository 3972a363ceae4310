/**
 * Database work budgets, enforced inside the store actor. A request may make
 * SQLite read at most LIMITS.maxRowsReadPerRequest rows in one actor: the Worker
 * passes what is left of it with each call and subtracts what the call reports
 * (loaders/loaders.ts), so the object keeps no state between calls. Rows are
 * counted by the storage API itself (Sql.rowsRead). A statement cannot be stopped
 * part way, so one whose estimate passes what is left is refused before it runs;
 * a budget may therefore be passed by at most one statement's estimate error.
 */
import { GatewayError } from "../errors/gateway-error.js";
import { LIMITS } from "../limits.js";
import type { Sql } from "./sql.js";

export class QueryBudget {
  /** Rows read by this budget's own statements; the object's other requests, run in between, count for theirs. */
  used = 0;

  constructor(
    private readonly sql: Sql,
    private readonly allowed: number,
  ) {}

  /** Runs `fn` (synchronous, so no other request runs inside it) if a statement reading about `estimate` rows still fits; else QUERY_LIMIT_EXCEEDED. */
  charge<T>(estimate: number, fn: () => T): T {
    const left = this.allowed - this.used;
    if (estimate > left) {
      const max = LIMITS.maxRowsReadPerRequest;
      const spent = max - left;
      throw new GatewayError(
        "QUERY_LIMIT_EXCEEDED",
        `This query would read about ${estimate} rows of the actor, and ${left} of the ${max} one request may read in one actor are left` +
          (spent > 0 ? ` (${spent} were read by its other fields)` : "") +
          ": sorting or counting reads every item the filter keeps, so filter on an indexed path, ask for fewer sorted or counted lists, or split the request.",
        { limit: "rowsRead", max, estimate, left },
      );
    }
    const before = this.sql.rowsRead;
    try {
      return fn();
    } finally {
      this.used += this.sql.rowsRead - before;
    }
  }
}

/** A pause that lets the object's other requests in between one query of a batch and the next. */
export function yieldToOtherRequests(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
