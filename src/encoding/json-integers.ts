/**
 * Integer literals a JSON number cannot hold: past 2^53 not every integer
 * is a double, so JSON.parse and graphql-js (both read them with Number())
 * would round `9007199254740993` to ...992 without a word. The test is the
 * round trip: a literal is inexact when the double it reads as prints
 * differently. Used wherever a number enters as text: REST and GraphQL
 * bodies (http/json-text.ts) and GraphQL literals (graphql/use-exact-numbers.ts).
 */
/** Why an integer literal is refused: what it would have become, and the bound (shared with the GraphQL literal rule). */
export function inexactIntegerMessage(literal: string): string {
  const stored = Number(literal);
  const shown = Number.isFinite(stored) ? BigInt(stored).toString() : String(stored);
  return `the integer ${literal} is too large to be kept exactly: it would be stored as ${shown}, since JSON numbers hold every integer only up to 2^53 (send larger ones as strings, where the schema allows)`;
}

/** True when an integer literal's digits do not survive JSON.parse (Number()). Up to 15 digits always do; -0 is not a rounding. */
export function isInexactInteger(literal: string): boolean {
  return literal.length > 15 && /^-?\d+$/.test(literal) && String(Number(literal)) !== literal.replace(/^-0$/, "0");
}
