/**
 * A stream ticket opens subscriptions and nothing else (auth/stream-tickets.ts):
 * a query or mutation sent with one is refused before it runs, on both
 * endpoints and in graphql-sse's single-connection mode, whose operations
 * all pass through here.
 */
import type { Plugin } from "graphql-yoga";
import { GatewayError } from "../errors/gateway-error.js";
import type { GatewayContext } from "../schema-shared/context.js";

export function useTicketsForSubscriptionsOnly(): Plugin<GatewayContext> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      if (!(await args.contextValue.auth.isTicket())) return;
      setResultAndStopExecution({
        errors: [new GatewayError("FORBIDDEN", "A stream ticket opens subscriptions only: send queries and mutations with the API key it came from.")],
      });
    },
  };
}
