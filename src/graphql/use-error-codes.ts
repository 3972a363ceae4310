/**
 * Every error a client sees carries `extensions.code`. graphql-js leaves the
 * code out of request errors it raises itself before running anything (a
 * variable that does not coerce, an unknown operation name); those are the
 * caller's mistakes, so they become BAD_USER_INPUT.
 */
import { GraphQLError, type ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";

function withCodes(result: ExecutionResult): ExecutionResult | null {
  // Only request errors: execution did not start, so there is no `data` at all.
  if (result.data !== undefined || !result.errors?.some((e) => e.extensions?.code === undefined)) return null;
  const errors = result.errors.map((error) =>
    error.extensions?.code === undefined
      ? new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: { ...error.extensions, code: "BAD_USER_INPUT" } })
      : error,
  );
  return { ...result, errors };
}

export function useErrorCodes(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const coded = withCodes(result);
          if (coded) setResult(coded);
        },
      };
    },
  };
}
