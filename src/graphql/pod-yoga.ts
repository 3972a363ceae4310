/**
 * The Yoga server for typed pod endpoints (`/pods/{pod}/graphql`). The Worker
 * loads the pod's schema first (404 when there is no pod) and hands it over in
 * the server context; Yoga picks it per request.
 */
import { createYoga, type Plugin } from "graphql-yoga";
import type { Authorizer } from "../domain/authorizer.js";
import type { Env } from "../env.js";
import type { CallCounts } from "../objects/call-counter.js";
import type { PodSchema } from "../typed/build-pod-schema.js";
import type { PodContext } from "../typed/pod-builder.js";
import { requestContext } from "./request-context.js";
import { gatewayPlugins, sharedYogaOptions } from "./plugins.js";
import { useInputErrors } from "./use-input-errors.js";
import { usePodSchema } from "./use-pod-schema.js";

export interface PodServerContext {
  env: Env;
  ctx: ExecutionContext;
  pod: string;
  podSchema: PodSchema;
  /** Calls made before Yoga ran (loading the schema), so the count covers the whole request. */
  counts: CallCounts;
  /** The access already checked for this request, reused so no check is repeated. */
  auth: Authorizer;
}

export const podYoga = createYoga<PodServerContext, PodContext>({
  graphqlEndpoint: "/pods/:pod/graphql",
  ...sharedYogaOptions,
  context: ({ env, pod, request, counts, auth }) => ({ ...requestContext(env, request, counts, auth), pod }),
  // Typed input errors name the field, the format or the indexes to add (./use-input-errors.ts).
  // The schema comes with each request (./use-pod-schema.ts).
  plugins: [usePodSchema() as Plugin, ...gatewayPlugins(), useInputErrors()],
});
