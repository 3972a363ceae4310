/**
 * The Yoga server for typed pod endpoints (`/pods/{pod}/graphql`). The Worker
 * loads the pod's schema first (404 when there is no pod) and hands it over in
 * the server context; Yoga picks it per request.
 */
import { useGraphQLSSE } from "@graphql-yoga/plugin-graphql-sse";
import { createYoga } from "graphql-yoga";
import type { Env } from "../env.js";
import type { CallCounts } from "../objects/call-counter.js";
import type { PodSchema } from "../typed/build-pod-schema.js";
import type { PodContext } from "../typed/pod-builder.js";
import { requestContext } from "./request-context.js";
import { useCallCounter } from "./use-call-counter.js";

export interface PodServerContext {
  env: Env;
  ctx: ExecutionContext;
  pod: string;
  podSchema: PodSchema;
  /** Calls made before Yoga ran (loading the schema), so the count covers the whole request. */
  counts: CallCounts;
}

export const podYoga = createYoga<PodServerContext, PodContext>({
  schema: ({ podSchema }) => podSchema.schema,
  graphqlEndpoint: "/pods/:pod/graphql",
  landingPage: false,
  context: ({ env, pod, request, counts }) => ({ ...requestContext(env, request, counts), pod }),
  // graphql-sse protocol at <endpoint>/stream, both modes (docs/subscriptions.md).
  plugins: [useCallCounter(), useGraphQLSSE()],
});
