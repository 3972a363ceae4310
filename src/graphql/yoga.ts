/**
 * The Yoga server, created once per isolate. Each request gets its own
 * context (loaders included). GatewayErrors reach clients with their code;
 * any other exception is masked. With the `x-debug-calls: 1` header, the
 * response's `extensions.doCalls` counts the Durable Object calls it made.
 */
import { createYoga, type Plugin } from "graphql-yoga";
import type { Env } from "../env.js";
import { createLoaders } from "../loaders/loaders.js";
import type { GatewayContext } from "./context.js";
import { schema } from "./schema.js";

type ServerContext = { env: Env; ctx: ExecutionContext };

function useCallCounter(): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const context = args.contextValue as GatewayContext & { request: Request };
      if (context.request.headers.get("x-debug-calls") !== "1") return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, doCalls: context.loaders.calls.count } });
        },
      };
    },
  };
}

export const yoga = createYoga<ServerContext, GatewayContext>({
  schema,
  graphqlEndpoint: "/graphql",
  landingPage: false,
  context: ({ env, request }) => ({ env, loaders: createLoaders(env), origin: new URL(request.url).origin }),
  plugins: [useCallCounter()],
});
