/** The Yoga plugins both GraphQL endpoints share, in the order they run. */
import { useDeferStream } from "@graphql-yoga/plugin-defer-stream";
import { useGraphQLSSE } from "@graphql-yoga/plugin-graphql-sse";
import type { Plugin } from "graphql-yoga";
import { LIMITS } from "../limits.js";
import { useCsrfPrevention } from "./csrf.js";
import { maskedErrors } from "./mask-errors.js";
import { queryLimitPlugins } from "./limits/index.js";
import { usePersistedOperationsManifest } from "./persisted-operations.js";
import { useCallCounter } from "./use-call-counter.js";
import { useErrorCodes } from "./use-error-codes.js";
import { useExactNumbers } from "./use-exact-numbers.js";
import { useGraphQLSSESingleConnection } from "./use-graphql-sse-single.js";
import { useMultipartSubscriptions } from "./use-multipart-subscriptions.js";
import { useNotAcceptable } from "./use-not-acceptable.js";
import { useStreamAccess } from "./use-stream-access.js";
import { useTicketsForSubscriptionsOnly } from "./use-tickets-for-subscriptions.js";

export function gatewayPlugins(): Plugin[] {
  return [
    useCsrfPrevention(),
    usePersistedOperationsManifest(),
    ...queryLimitPlugins(),
    useExactNumbers(),
    useErrorCodes(),
    useTicketsForSubscriptionsOnly() as Plugin,
    useStreamAccess() as Plugin,
    useCallCounter() as Plugin,
    // graphql-sse protocol (docs/subscriptions.md): single-connection mode at the endpoint and at
    // <endpoint>/stream; distinct connections at <endpoint>/stream (Yoga serves them at the endpoint).
    useGraphQLSSESingleConnection() as Plugin,
    useGraphQLSSE(),
    // Apollo Client's HTTP subscription transport (multipart/mixed, subscriptionSpec 1.0).
    useMultipartSubscriptions(),
    // @defer and @stream, delivered incrementally over multipart/mixed or SSE; costed like any field.
    useDeferStream(),
    // Last: a streamed result nothing accepted gets a 406 that says what to send.
    useNotAcceptable(),
  ];
}

/** Yoga options both endpoints share: CORS is applied by the Worker entry for every route, not by Yoga; errors are masked by ./mask-errors.ts. */
export const sharedYogaOptions = {
  landingPage: false,
  cors: false,
  batching: { limit: LIMITS.maxBatchOperations },
  maskedErrors,
} as const;
