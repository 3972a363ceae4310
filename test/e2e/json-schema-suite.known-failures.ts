/**
 * Required JSON-Schema-Test-Suite tests that the gateway fails when they run
 * over REST against `wrangler dev` (test/e2e/json-schema-suite.test.ts), each
 * keyed `file | group | test` with the reason it fails. That test fails when a
 * test outside this list fails and when a listed test starts to pass, so the
 * list only shrinks. On a mismatch it prints a ready-to-paste list.
 *
 * Not listed, because they are checked apart: the "... is only an annotation
 * by default" cases of format.json (excluded from the default-mode count, and
 * required to pass with `format: "annotate"`), and 5xx answers (never allowed).
 */
const DYNAMIC_AMPLIFICATION =
  "The amplification check (src/store/schema-graph.ts) assumes a $dynamicRef may land on every $dynamicAnchor of its name; this schema's two dynamic paths then look like a schema applying itself twice per level, past LIMITS.maxSubschemasPerValue, so it is refused at creation. Over-cautious, on purpose: the check must bound the work of any schema.";

export const KNOWN_FAILURES: Record<"2020-12" | "7", Record<string, string>> = {
  "2020-12": {
    "dynamicRef.json | A $dynamicRef that initially resolves to a schema with a matching $dynamicAnchor resolves to the first $dynamicAnchor in the dynamic scope | The recursive part is valid against the root": DYNAMIC_AMPLIFICATION,
    "dynamicRef.json | A $dynamicRef that initially resolves to a schema with a matching $dynamicAnchor resolves to the first $dynamicAnchor in the dynamic scope | The recursive part is not valid against the root": DYNAMIC_AMPLIFICATION,
  },
  "7": {},
};
