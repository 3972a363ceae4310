/**
 * The catalogue of stable error codes. GraphQL clients match on the code
 * (`extensions.code`); REST clients match on `error`, the Paseo-style snake
 * case name, and the HTTP status. Codes are API: add, never rename.
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: { status: 400, rest: "bad_request" },
  INVALID_JSON: { status: 400, rest: "invalid_json" },
  INVALID_CONFIG: { status: 400, rest: "invalid_config" },
  SCHEMA_VALIDATION_FAILED: { status: 400, rest: "invalid_document" },
  UNINDEXED_FILTER: { status: 400, rest: "unindexed_filter" },
  INVALID_CURSOR: { status: 400, rest: "invalid_cursor" },
  QUERY_LIMIT_EXCEEDED: { status: 400, rest: "query_limit_exceeded" },
  UNAUTHENTICATED: { status: 401, rest: "unauthorized" },
  FORBIDDEN: { status: 403, rest: "forbidden" },
  NOT_FOUND: { status: 404, rest: "not_found" },
  METHOD_NOT_ALLOWED: { status: 405, rest: "method_not_allowed" },
  CONFLICT: { status: 409, rest: "conflict" },
  /** REST only: an `If-Match` that no longer holds (GraphQL's `ifRev` answers CONFLICT). */
  PRECONDITION_FAILED: { status: 412, rest: "precondition_failed" },
  PAYLOAD_TOO_LARGE: { status: 413, rest: "payload_too_large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, rest: "unsupported_media_type" },
  TOO_MANY_STREAMS: { status: 429, rest: "too_many_streams" },
  NOT_ACCEPTABLE: { status: 406, rest: "not_acceptable" },
} as const satisfies Record<string, { status: number; rest: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
