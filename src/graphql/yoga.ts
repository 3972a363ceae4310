/**
 * The Yoga server for the global schema (`/graphql`), created once per
 * isolate. Each request gets its own context, loaders included. GatewayErrors
 * reach clients with their code; any other exception is masked.
 */
import { createYoga } from "graphql-yoga";
import type { Env } from "../env.js";
import type { GatewayContext } from "../schema-shared/context.js";
import { requestContext } from "./request-context.js";
import { schema } from "./schema.js";
import { gatewayPlugins, sharedYogaOptions } from "./plugins.js";

type ServerContext = { env: Env; ctx: ExecutionContext };

export const yoga = createYoga<ServerContext, GatewayContext>({
  schema,
  graphqlEndpoint: "/graphql",
  ...sharedYogaOptions,
  context: ({ env, request }) => requestContext(env, request),
  plugins: gatewayPlugins(),
});
