/**
 * With debugging on (GATEWAY_DEBUG = "true") and the `x-debug-calls: 1`
 * request header, adds `extensions.doCalls`: the Durable Object calls the
 * operation made, by kind. Tests and the benchmark read it.
 */
import type { Plugin } from "graphql-yoga";
import type { GatewayContext } from "../schema-shared/context.js";

export function useCallCounter(): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const context = args.contextValue as GatewayContext & { request: Request };
      if (context.env.GATEWAY_DEBUG !== "true" || context.request.headers.get("x-debug-calls") !== "1") return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, doCalls: { ...context.counts } } });
        },
      };
    },
  };
}
