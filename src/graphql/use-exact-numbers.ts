/**
 * An integer written in a GraphQL document (`data: { n: 9007199254740993 }`)
 * must reach the store as written. graphql-js reads IntValue literals with
 * Number(), which rounds past 2^53 without a word; REST and JSON variables
 * refuse such a number (http/json-text.ts), and so does this validation rule
 * for literals, on both endpoints: the same rule wherever a number enters.
 */
import { GraphQLError, type ValidationRule } from "graphql";
import type { Plugin } from "graphql-yoga";
import { inexactIntegerMessage, isInexactInteger } from "../encoding/json-integers.js";

/** Refuses an IntValue literal whose digits a double cannot hold (its round trip through Number() changes it). */
export const ExactIntegerLiterals: ValidationRule = (context) => ({
  IntValue(node) {
    if (!isInexactInteger(node.value)) return;
    const message = inexactIntegerMessage(node.value);
    context.reportError(
      new GraphQLError(`${message[0]!.toUpperCase()}${message.slice(1)}.`, {
        nodes: [node],
        extensions: { code: "BAD_USER_INPUT" },
      }),
    );
  },
});

export function useExactNumbers(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(ExactIntegerLiterals);
    },
  };
}
