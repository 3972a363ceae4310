/**
 * The gateway's one error type. Every failure a client can cause is a
 * GatewayError with a stable `code`; GraphQL shows it as
 * `errors[].extensions.code`, REST as `{ error, message, details }` with the
 * matching HTTP status (see ./codes.ts). It extends GraphQLError so Yoga's
 * masking lets it through while unexpected exceptions stay masked.
 */
import { GraphQLError, type ASTNode } from "graphql";
import { ERROR_CODES, type ErrorCode } from "./codes.js";

/** An error as it crosses the RPC boundary; details travel as JSON text to keep RPC types flat. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
  detailsJson?: string;
}

export class GatewayError extends GraphQLError {
  readonly code: ErrorCode;
  readonly details: unknown;

  /** `nodes`: where in the operation the mistake is, for errors raised before execution (shown as `locations`). */
  constructor(code: ErrorCode, message: string, details?: unknown, nodes?: ASTNode | readonly ASTNode[]) {
    super(message, {
      ...(nodes ? { nodes } : {}),
      extensions: {
        code,
        http: { status: ERROR_CODES[code].status },
        ...(details === undefined ? {} : { details }),
        // A stale-revision CONFLICT shows the item as it now is where clients look first.
        ...(details !== null && typeof details === "object" && "current" in details ? { current: (details as { current: unknown }).current } : {}),
      },
    });
    this.name = "GatewayError";
    this.code = code;
    this.details = details;
  }

  static from(data: ErrorData): GatewayError {
    return new GatewayError(data.code, data.message, data.detailsJson === undefined ? undefined : JSON.parse(data.detailsJson));
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message, ...(this.details === undefined ? {} : { detailsJson: JSON.stringify(this.details) }) };
  }
}
