/** Shapes that cross the RPC boundary between the Worker and a store actor. */
import type { IndexValue } from "./index-path.js";
import type { Violation } from "./document-validator.js";

/** One item as stored. `body` stays JSON text so REST can pass it through unparsed. */
export interface StoredItem {
  id: string;
  /** Creation time, ms since the epoch. */
  ts: number;
  /** Time of the last replace or patch. */
  updatedTs: number;
  /** 1 on creation, +1 on each replace or patch. */
  rev: number;
  /** The actor's config version the body was last validated against. */
  schemaVersion: number;
  body: string;
}

/** What an actor reports about itself. */
export interface StoreState {
  configVersion: number;
  itemCount: number;
  /** What today's creation checks would refuse in the stored config ([] when none); the actor works regardless. */
  configProblems: { path: string; message: string }[];
}

export interface ReconfigureReport {
  configVersion: number;
  /** The schema itself changed (not only indexes or params); every stored item was re-validated. */
  schemaChanged: boolean;
  /** Items the new schema rejects (kept, under policy "keep"). */
  violatingItems: number;
  sample: { id: string; violations: Violation[] }[];
  indexesAdded: string[];
  indexesRemoved: string[];
}

/** What to do when existing items violate a new schema. */
export type SchemaChangePolicy = "reject" | "keep";

/** How a searched item matched: its bm25 score (higher is better) and snippets with the matched terms marked. */
export interface SearchHit {
  score: number;
  highlights: string[];
}

/** A page of a typed query: each item with its opaque cursor. */
export interface ItemQueryPage {
  edges: { item: StoredItem; cursor: string; search?: SearchHit }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Matching items in all pages; null unless asked for. */
  totalCount: number | null;
}
