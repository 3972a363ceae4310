/**
 * Yoga's error masking for both endpoints. Yoga adds the original error and
 * its stack trace when NODE_ENV is "development", which `wrangler dev` sets,
 * so a development run would leak internals and a deploy could too; here
 * unexpected errors are always masked as INTERNAL_SERVER_ERROR, and the error
 * itself goes to the log. The caller's own GraphQL errors pass unchanged.
 */
import { maskError } from "graphql-yoga";

export const maskedErrors = {
  maskError: (error: unknown, message: string): Error => {
    const masked = maskError(error, message, false);
    // Only what was masked is unexpected; the caller's own errors pass through unlogged.
    if (masked.message === message) console.error("unexpected GraphQL error", error);
    return masked;
  },
};
