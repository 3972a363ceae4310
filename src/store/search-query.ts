/**
 * The `search` argument's syntax, turned into an FTS5 query that can never be
 * a syntax error in SQLite: every term and phrase is quoted (FTS5 reads
 * nothing inside quotes as an operator), and only the operators below are
 * passed through. A mistake is BAD_USER_INPUT with what was wrong.
 *
 *   word             a term; terms side by side must all match (AND)
 *   "two words"      a phrase: the words next to each other, in order
 *   pre*             a prefix: any term that starts with "pre"
 *   a OR b           either (OR is written in capitals)
 *   a NOT b, a -b    a without b (there must be something before NOT)
 *
 * Matching is by the unicode61 tokenizer with diacritics removed: case and
 * accents do not matter ("Café" matches "cafe"), punctuation separates terms.
 */
import { GatewayError } from "../errors/gateway-error.js";

export const MAX_SEARCH_LENGTH = 500;
const MAX_TERMS = 32;

type Token = { kind: "term"; text: string; prefix: boolean } | { kind: "phrase"; text: string } | { kind: "op"; op: "OR" | "NOT" | "AND" };

export function toFtsQuery(input: string): string {
  if (input.length > MAX_SEARCH_LENGTH) fail(`is at most ${MAX_SEARCH_LENGTH} characters long`);
  const tokens = tokenize(input);
  if (tokens.filter((t) => t.kind !== "op").length === 0) fail("needs at least one word to search for");
  if (tokens.filter((t) => t.kind !== "op").length > MAX_TERMS) fail(`takes at most ${MAX_TERMS} words and phrases`);
  const out: string[] = [];
  let previous: Token | null = null;
  for (const token of tokens) {
    if (token.kind === "op") {
      if (previous === null || previous.kind === "op") fail(`has ${token.op} without a word before it`);
      out.push(token.op);
    } else {
      out.push(token.kind === "phrase" ? quote(token.text) : quote(token.text) + (token.prefix ? "*" : ""));
    }
    previous = token;
  }
  if (previous?.kind === "op") fail(`ends with ${previous.op}, which needs a word after it`);
  return out.join(" ");
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) fail("has a phrase without its closing quote");
      const text = input.slice(i + 1, end).trim();
      if (text) tokens.push({ kind: "phrase", text });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < input.length && !/\s/.test(input[j]!) && input[j] !== '"') j++;
    let word = input.slice(i, j);
    i = j;
    if (word === "OR" || word === "NOT" || word === "AND") {
      tokens.push({ kind: "op", op: word });
      continue;
    }
    if (word.startsWith("-") && word.length > 1) {
      tokens.push({ kind: "op", op: "NOT" });
      word = word.slice(1);
    }
    const prefix = word.endsWith("*");
    const text = word.replace(/\*+$/, "");
    if (!text) {
      if (prefix) fail(`has "*" without a word before it`);
      continue;
    }
    tokens.push({ kind: "term", text, prefix });
  }
  return tokens;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function fail(problem: string): never {
  throw new GatewayError("BAD_USER_INPUT", `The search ${problem}.`, { argument: "search" });
}
