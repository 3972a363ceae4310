/**
 * Patterns for test/regex-safety.test.ts: real-world patterns the gateway must
 * accept, and patterns from the ReDoS literature it must refuse, each with
 * the words its refusal must contain.
 */

/** Ordinary patterns, as found in real schemas, forms and validation libraries. */
export const SAFE_PATTERNS: string[] = [
  // identifiers, slugs, names
  "^[a-z0-9]+(?:-[a-z0-9]+)*$", // slug: nested, but "-" separates the iterations
  "^[a-z][a-z0-9_]*$",
  "^[a-zA-Z0-9_]{3,16}$",
  "^[a-z0-9][a-z0-9-]*$",
  "^[a-z]+(\\.[a-z]+)+$", // dotted name
  "^(?:@[a-z0-9-~][a-z0-9-._~]*/)?[a-z0-9-~][a-z0-9-._~]*$", // npm package name
  "^\\p{Lu}\\p{Ll}+$",
  "^[A-Z]{2,6}(-[A-Z0-9]{1,6})*$",
  // e-mail
  "^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$",
  "^[^\\s@]+@[^\\s@.]+(?:\\.[^\\s@.]+)+$",
  // versions, dates, times
  "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$", // semver
  "^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$",
  "^\\d{4}-\\d{2}-\\d{2}$",
  "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$",
  "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})$",
  "^([01]\\d|2[0-3]):[0-5]\\d$",
  // colours, ids, hashes, encodings
  "^#(?:[0-9a-fA-F]{3}){1,2}$",
  "^#[0-9a-f]{6}$",
  "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", // UUID
  "^[a-f0-9]{40}$",
  "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$", // base64
  "^[0-9A-HJKMNP-TV-Z]{26}$", // ULID
  // phone numbers, postcodes, codes
  "^\\+[1-9]\\d{1,14}$", // E.164
  "^\\(?\\d{3}\\)?[-.\\s]?\\d{3}[-.\\s]?\\d{4}$",
  "^\\+?[0-9 ()-]{6,20}$",
  "^[0-9]{5}(?:-[0-9]{4})?$",
  "^[A-Z]{2}\\d{4}$",
  "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$", // IBAN
  "^[A-Z]{3}$",
  "^[a-z]{2}(-[A-Z]{2})?$", // locale
  "^(97[89])?[0-9]{9}[0-9X]$", // ISBN
  // numbers, money, addresses
  "^\\d+$",
  "^-?\\d+(?:\\.\\d+)?$",
  "^\\$?\\d{1,3}(?:,\\d{3})*(?:\\.\\d{2})?$",
  "^(?:\\d{1,3}\\.){3}\\d{1,3}$", // IPv4
  "^https?://[^\\s/$.?#].[^\\s]*$", // URL
  // free text
  "^.*$",
  "^[^<>]*$",
  "^\\S+$",
  "^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,}$", // password rules
  "^[a-z]+(?:\\s*,\\s*[a-z]+)*$", // comma-separated words
  // unanchored "contains" patterns: the first attempt at a match succeeds
  "\\d+",
  "[a-z0-9]+",
  "foo",
  "^(?:a|b)+$",
];

/** Known evil patterns, each with a word of the reason it must be refused for. */
export const EVIL_PATTERNS: [pattern: string, reason: string][] = [
  ["^(a+)+$", "nested repetition"], // the textbook case
  ["^([a-zA-Z]+)*$", "nested repetition"], // OWASP
  ["^(a|aa)+$", "alternation inside repetition"], // OWASP
  ["^(a|a?)+$", "alternation inside repetition"], // OWASP
  ["^(.*a){12}$", "nested repetition"], // OWASP, (.*a){x} for x > 10
  ["^(([a-z])+.)+[A-Z]([a-z])+$", "nested repetition"], // OWASP
  [
    "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
    "nested repetition",
  ], // OWASP e-mail validation
  ["^(\\w+\\s?)*$", "nested repetition"], // "person name"
  ["^(\\d+)*$", "nested repetition"],
  ["(x+x+)+y", "nested repetition"], // regular-expressions.info
  ["^((ab)*)+$", "nested repetition"],
  ["^([a-z0-9]+[-_.]?)+@", "nested repetition"],
  ["(.*){1,32000}[bc]", "repetition count"], // Java ReDoS example
  ["^(a|b|ab)*c$", "alternation inside repetition"],
  ["^(?:a|a)*$", "alternation inside repetition"],
  ["^" + "a?".repeat(30) + "a".repeat(30) + "$", "too many optional parts"], // a?ⁿaⁿ (Russ Cox, "Regular Expression Matching Can Be Simple And Fast")
  ["^\\d*\\d*$", "adjacent repetitions"],
  ["a*a*", "adjacent repetitions"],
  ["^.*.*$", "adjacent repetitions"],
  ["^.*a.*b$", "adjacent repetitions"],
  ["^\\w+\\s?\\w+$", "adjacent repetitions"],
  ["^-?\\d*\\.?\\d+$", "adjacent repetitions"], // the common "number" pattern
  ["^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$", "adjacent repetitions"], // quadratic e-mail
  ["^((?:\\d+)?\\.?\\d+) *(ms|s|m|h|d)?$", "adjacent repetitions"], // npm "ms" (CVE-2015-8315)
  ["\\s+$", "unanchored repetition"], // npm "trim" (CVE-2020-7753)
  ["^\\s+|\\s+$", "unanchored repetition"], // Stack Overflow outage, 2016
  ["a+b", "unanchored repetition"],
  ["(?=.*\\d)", "unanchored repetition"],
  ["(?<=a+)b", "lookbehind"],
  ["^(a+)\\1$", "backreferences"],
  ["^(?<x>a+)\\k<x>$", "backreferences"],
  ["((((a{10}){10}){10}){10})", "repetition count"],
  ["a".repeat(1001), "characters long"],
  ["([a-z", "invalid regular expression"],
];
