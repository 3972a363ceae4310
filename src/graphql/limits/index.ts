/**
 * Limits on GraphQL operations, as Yoga plugins: GraphQL Armor's depth,
 * alias and directive limits, graphql-js's own token limit, and the
 * gateway's cost limit (./query-cost.ts), which counts page sizes. Every rejection is a
 * QUERY_LIMIT_EXCEEDED error that names the limit and the value found.
 */
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesPlugin } from "@escape.tech/graphql-armor-max-directives";
import { GraphQLError, parse, type ValidationContext } from "graphql";
import type { Plugin } from "graphql-yoga";
import { GatewayError } from "../../errors/gateway-error.js";
import { LIMITS } from "../../limits.js";
import { operationCost } from "./query-cost.js";

/** Armor reports "Syntax Error: <message>"; ours carry a code and the limit instead. */
function rejectAs(limit: string, max: number) {
  return {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const gatewayError = new GatewayError("QUERY_LIMIT_EXCEEDED", error.message.replace(/^Syntax Error: /, ""), { limit, max });
        if (context) context.reportError(gatewayError);
        else throw gatewayError; // armor's parse-time rules have no context
      },
    ],
  };
}

/**
 * graphql-js counts tokens itself (`maxTokens`). Armor's token plugin is not
 * used: it deep-imports graphql's CommonJS parser, a second copy of graphql
 * whose syntax errors Yoga cannot recognise (they came out as 500s).
 */
function useTokenLimit(): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: LIMITS.maxQueryTokens });
        } catch (error) {
          // graphql-js 16 writes "more that N tokens"; accept the corrected spelling too.
          if (error instanceof GraphQLError && /more tha[nt] \d+ tokens/.test(error.message)) {
            throw new GatewayError("QUERY_LIMIT_EXCEEDED", `Token limit of ${LIMITS.maxQueryTokens} exceeded.`, { limit: "tokens", max: LIMITS.maxQueryTokens });
          }
          throw error;
        }
      });
    },
  };
}

function useCostLimit(): Plugin {
  const check = (args: { document: Parameters<typeof operationCost>[0]; operationName?: string | null; variableValues?: Record<string, unknown> | null }) => {
    const cost = operationCost(args.document, args.operationName, args.variableValues);
    if (cost <= LIMITS.maxQueryCost) return null;
    return new GatewayError("QUERY_LIMIT_EXCEEDED", `Query cost limit of ${LIMITS.maxQueryCost} exceeded, found ${cost}: ask for smaller pages or fewer fields.`, { limit: "cost", max: LIMITS.maxQueryCost, found: cost });
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

export function queryLimitPlugins(): Plugin[] {
  return [
    useTokenLimit(),
    maxDepthPlugin({ n: LIMITS.maxQueryDepth, flattenFragments: true, ...rejectAs("depth", LIMITS.maxQueryDepth) }),
    maxAliasesPlugin({ n: LIMITS.maxQueryAliases, ...rejectAs("aliases", LIMITS.maxQueryAliases) }),
    maxDirectivesPlugin({ n: LIMITS.maxQueryDirectives, ...rejectAs("directives", LIMITS.maxQueryDirectives) }),
    useCostLimit(),
  ] as Plugin[];
}
