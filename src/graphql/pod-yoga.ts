/**
 * The Yoga server for typed pod endpoints (`/pods/{pod}/graphql`). The Worker
 * loads the pod's schema first (404 when there is no pod) and hands it over in
 * the server context; Yoga picks it per request.
 */
import { createYoga } from "graphql-yoga";
import type { Env } from "../env.js";
import { createLoaders } from "../loaders/loaders.js";
import type { PodSchema } from "../typed/build-pod-schema.js";
import type { PodContext } from "../typed/pod-builder.js";
import { useCallCounter } from "./use-call-counter.js";

export interface PodServerContext {
  env: Env;
  ctx: ExecutionContext;
  pod: string;
  podSchema: PodSchema;
}

export const podYoga = createYoga<PodServerContext, PodContext>({
  schema: ({ podSchema }) => podSchema.schema,
  graphqlEndpoint: "/pods/:pod/graphql",
  landingPage: false,
  context: ({ env, pod, request }) => ({ env, pod, loaders: createLoaders(env), origin: new URL(request.url).origin }),
  plugins: [useCallCounter()],
});
