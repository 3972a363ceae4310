/**
 * The Yoga server for the global schema (`/graphql`), created once per
 * isolate. Each request gets its own context, loaders included. GatewayErrors
 * reach clients with their code; any other exception is masked.
 */
import { useGraphQLSSE } from "@graphql-yoga/plugin-graphql-sse";
import { createYoga } from "graphql-yoga";
import type { Env } from "../env.js";
import type { GatewayContext } from "./context.js";
import { requestContext } from "./request-context.js";
import { schema } from "./schema.js";
import { useCallCounter } from "./use-call-counter.js";

type ServerContext = { env: Env; ctx: ExecutionContext };

export const yoga = createYoga<ServerContext, GatewayContext>({
  schema,
  graphqlEndpoint: "/graphql",
  landingPage: false,
  context: ({ env, request }) => requestContext(env, request),
  // graphql-sse protocol at <endpoint>/stream, both modes (docs/subscriptions.md).
  plugins: [useCallCounter(), useGraphQLSSE()],
});
