/**
 * With the `x-debug-calls: 1` request header, adds `extensions.doCalls`: how
 * many Durable Object calls the operation made. Tests and the benchmark read it.
 */
import type { Plugin } from "graphql-yoga";
import type { GatewayContext } from "./context.js";

export function useCallCounter(): Plugin<GatewayContext> {
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
