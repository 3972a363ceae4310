/** Bounds the gateway enforces, in one place so the docs can list them. */
export const LIMITS = {
  /** Default and maximum page size for item, actor and pod lists (Paseo: 50 / 200). */
  defaultPageSize: 50,
  maxPageSize: 200,
  /** Largest request body accepted, in bytes. */
  maxRequestBytes: 2 * 1024 * 1024,
  /**
   * Item JSON, in characters, in one page of a list (REST or GraphQL), and in all the lists one
   * request reads from one actor in one call (Workers RPC answers carry at most 32 MiB, and a string
   * may take two bytes per character there; an object has 128 MB). A page
   * of large items ends early, with its next-page cursor; a page that cannot hold one more item
   * fails with QUERY_LIMIT_EXCEEDED (limit "responseBytes").
   */
  maxPageBytes: 4 * 1024 * 1024,
  maxBatchBytes: 12 * 1024 * 1024,
  /** Item JSON one request may read in all (every actor, every operation of a batch): a Worker isolate has 128 MB. */
  maxResponseBytes: 24 * 1024 * 1024,
  /** Largest stored item body (JSON text), in bytes; SQLite rows hold at most 2 MB. */
  maxItemBytes: 1024 * 1024,
  /**
   * How deeply an item, a batch, a patch or a config may nest arrays and objects. Workers RPC
   * serialises arguments recursively and overflows the stack a few thousand levels down.
   */
  maxJsonDepth: 256,
  /** Largest actor config (JSON text, schema included), in bytes. */
  maxConfigBytes: 256 * 1024,
  /** Indexes an actor may declare, and how deep a dotted index path may go. */
  maxIndexes: 32,
  maxIndexPathDepth: 8,
  maxIndexPathLength: 200,
  /** Nesting depth of a JSON Schema accepted in an actor config. */
  maxSchemaDepth: 64,
  /**
   * Longest `pattern` / `patternProperties` regex in a schema, in characters.
   * Patterns run on V8's backtracking engine inside the actor's object, so
   * they are also checked for catastrophic backtracking (src/store/regex-safety.ts).
   */
  maxPatternLength: 1000,
  /**
   * RE2 matches in time linear in the string, times the size of the pattern's program (its characters,
   * counted once per repetition: `a.{999}b` is about 1,000). A match whose string length times that size
   * passes this many steps is refused (the document is, with the reason), so one match stays around a
   * second at worst (real patterns are far faster: they keep few states alive); a pattern whose size alone passes maxPatternProgram is refused when the schema is set.
   */
  maxPatternMatchWork: 100_000_000,
  maxPatternProgram: 20_000,
  /** Largest repetition count in a pattern, counting enclosing repetitions: `a{1000}` is fine, `(a{100}){20}` is not. */
  maxPatternRepeat: 1000,
  /**
   * Subschemas a schema may apply to one value of a document, after following
   * `$ref`, `allOf` and the rest: bounds the work a schema that references the
   * same subschema many times (or recursively, many times per level) can cause.
   */
  maxSubschemasPerValue: 1000,
  /** Filter conditions in one list request (each binds a few SQL parameters; statements bind at most 100). */
  maxFilters: 12,
  /** Violations listed for one refused document (the message names the first 10 and the count). */
  maxViolations: 100,
  /** Items in one bulk write (createMany, POST .../items:batch). */
  maxBatchItems: 500,
  /** Paths one aggregate or group-by reads (group keys and aggregated fields together). */
  maxAggregatePaths: 16,
  /** Paths in an actor's full-text search index (config `search`). */
  maxSearchPaths: 8,
  /** Items a fork copies per call to each object (a page; at most maxBatchItems). */
  forkPageItems: 200,
  /** The change log keeps at most this many changes per actor, and none older than the age below. */
  changeLogMaxEntries: 100_000,
  changeLogMaxAgeMs: 7 * 24 * 60 * 60 * 1000,
  /**
   * Replaying a change log to a subscriber goes page by page, each page sent only once the last was
   * read: at most this many changes and about this many bytes (one change may pass it) per step, so a
   * reader that never reads costs one page, and one step holds the object for one small query.
   */
  replayPageChanges: 500,
  replayPageBytes: 256 * 1024,
  /** Events queued for one subscriber before it is dropped (it then resumes from its cursor). */
  subscriberMaxPendingWrites: 1000,
  /** Rows written per statement batch when an index is rebuilt. */
  indexBackfillBatch: 500,
  /**
   * Expired items one retention alarm deletes, in one transaction (params.retention_days);
   * when more are due the alarm runs again at once, so other requests get in between batches.
   */
  retentionBatch: 500,
  /** GraphQL operations: tokens in the document, field depth (introspection excepted), aliases, directives. */
  maxQueryTokens: 5000,
  maxQueryDepth: 12,
  maxQueryAliases: 100,
  maxQueryDirectives: 30,
  /** Fields an operation may select, each counted once per node it runs for (graphql/limits/query-cost.ts). */
  maxQueryCost: 50_000,
  /**
   * Database work: rows SQLite may read for one request in one actor (counted by the storage API;
   * objects/query-budget.ts), about a second of the object's time. A query that would pass what is
   * left fails with QUERY_LIMIT_EXCEEDED before it runs. A sort term is charged about 6 rows per
   * item and 2.5 per index row of its path, so one request can sort an actor of some 550,000 items
   * on a single-valued path (fewer when the path holds arrays: each element is an index row).
   */
  maxRowsReadPerRequest: 5_000_000,
  /**
   * What the cost limit (maxQueryCost) charges for database work it cannot see in the page sizes:
   * a `totalCount` reads every item its filter keeps, and each `orderBy` term sorts them all.
   */
  countCost: 100,
  orderTermCost: 100,
  /** Operations in one array-batched GraphQL request. */
  maxBatchOperations: 10,
  /** How long a stream ticket (`?ticket=` for EventSource) stays valid. */
  streamTicketTtlMs: 60_000,
  /**
   * How often an open subscription checks again that its credential still reads the pods it reads:
   * a revoked key, a voided ticket or a pod made private ends the stream within this long.
   */
  streamAccessRecheckMs: 4_000,
  /**
   * Open subscriptions (domain/stream-leases.ts): per key on one pod (a ticket counts for the key it
   * was issued to; anonymous clients count per address; the admin key only toward the pod's cap), and
   * per pod. Vars STREAMS_PER_KEY and STREAMS_PER_POD override them. A stream renews its lease at
   * every access recheck; one not renewed for the lease time (its isolate died) stops counting.
   */
  streamsPerKey: 100,
  streamsPerPod: 1000,
  streamLeaseTtlMs: 15_000,
  /**
   * A graphql-sse single-connection reservation (objects/stream-session.ts): how long it waits for its
   * event stream before an alarm deletes it, how many commands and bytes may wait for that stream,
   * and how many operations one stream may run at once.
   */
  sessionReservationTtlMs: 5 * 60 * 1000,
  sessionQueueMaxCommands: 100,
  sessionQueueMaxBytes: 256 * 1024,
  sessionMaxOperations: 100,
  /** How long a create's idempotency key replays its first result (objects/idempotency.ts). */
  idempotencyTtlMs: 24 * 60 * 60 * 1000,
  /** Length of an API key's label. */
  maxKeyLabelLength: 200,
} as const;
