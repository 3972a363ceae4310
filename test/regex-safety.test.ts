/**
 * The static ReDoS check (src/store/regex-safety.ts): real-world patterns are
 * accepted, patterns from the ReDoS literature are refused with the reason,
 * and every accepted pattern validates long adversarial strings (each many
 * repetitions of a short unit, then a character that breaks the match) through
 * the same validator store actors use. No timing assertion: the test timeout
 * bounds it, and a catastrophic pattern would take minutes.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../src/limits.js";
import { DocumentValidator } from "../src/store/document-validator.js";
import { regexProblem } from "../src/store/regex-safety.js";
import { EVIL_PATTERNS, SAFE_PATTERNS } from "./regex-safety.patterns.js";

describe("regex safety: the lists", () => {
  it("has at least 25 patterns to accept and 15 to refuse", () => {
    expect(SAFE_PATTERNS.length).toBeGreaterThanOrEqual(25);
    expect(EVIL_PATTERNS.length).toBeGreaterThanOrEqual(15);
  });

  it.each(SAFE_PATTERNS.map((p) => [p]))("accepts %s", (pattern) => {
    expect(regexProblem(pattern)).toBeNull();
  });

  it.each(EVIL_PATTERNS)("refuses %s (%s)", (pattern, reason) => {
    expect(regexProblem(pattern)).toContain(reason);
  });
});

describe("regex safety: the reasons", () => {
  it("names the offending part of the pattern", () => {
    expect(regexProblem("^(a+)+$")).toMatch(/nested repetition: "\(a\+\)\+" repeats "a\+"/);
    expect(regexProblem("^x(a|ab)*$")).toMatch(/branches "a" and "ab" can start with the same character/);
    expect(regexProblem("^(a?|b)+$")).toMatch(/the branch "a\?" can match the empty string/);
    expect(regexProblem("^\\d+\\s?\\d+$")).toMatch(/adjacent repetitions: "\\d\+" and "\\d\+"/);
    expect(regexProblem("[a-z]+@")).toMatch(/unanchored repetition: "\[a-z\]\+"/);
    expect(regexProblem(`^a{${LIMITS.maxPatternRepeat + 1}}$`)).toContain("repetition count too large");
    expect(regexProblem("a".repeat(LIMITS.maxPatternLength))).toBeNull();
  });

  it("accepts a repeated group when a separator only it matches bounds each iteration", () => {
    for (const ok of ["^(?:-[a-z]+)*$", "^(?:[a-z]+-)*[a-z]+$", "^(?:\\d{1,3}\\.){3}\\d{1,3}$", "^(?:\\s*,\\s*\\w+)*$", "^(?:ab?)+$"]) expect(regexProblem(ok), ok).toBeNull();
    // The separator must be required, must be the only character of its kind in the iteration, and iterations must not run into each other.
    for (const bad of ["^(?:-?[a-z]+)*$", "^(?:[a-z-]+-)*$", "^([a-z]+-[a-z]+)+$"]) expect(regexProblem(bad), bad).toContain("nested repetition");
  });

  it("allows alternation inside repetition when the branches start differently", () => {
    for (const ok of ["^(?:.|\\n)*$", "^(?:a|b)+$", "^(?:ab|cd)*$", "^(?:\\d|[a-f])+$", "^(?:\\.[a-z]+|-\\d+)*$"]) expect(regexProblem(ok), ok).toBeNull();
    for (const bad of ["^(?:ab|a)+$", "^(?:\\w|\\d)+$", "^(?:\\s|\\n)*$"]) expect(regexProblem(bad), bad).toContain("alternation inside repetition");
  });

  it("compares character sets, not spellings: classes, escapes, unicode properties and case", () => {
    expect(regexProblem("^[0-9]+\\d+$")).toContain("adjacent repetitions");
    expect(regexProblem("^\\p{L}+[a-z]*$")).toContain("adjacent repetitions");
    expect(regexProblem("^\\p{Lu}+\\p{Ll}+$")).toBeNull();
    expect(regexProblem("^[\\u4e00-\\u9fff]+[\\u9000]*$")).toContain("adjacent repetitions");
    expect(regexProblem("^[^a]+a+$")).toBeNull();
    expect(regexProblem("^\\S+\\s+$")).toBeNull();
    expect(regexProblem("^[A-Z]+[a-z]+$")).toBeNull();
  });

  it("follows inline modifiers where the runtime supports them: (?i:) makes letters of both cases overlap", () => {
    let supported = true;
    try {
      new RegExp("(?i:a)", "u");
    } catch {
      supported = false;
    }
    if (!supported) return;
    expect(regexProblem("^[a-z]+[A-Z]+$")).toBeNull();
    expect(regexProblem("^(?i:[a-z]+)[A-Z]+$")).toContain("adjacent repetitions");
    expect(regexProblem("^(?s:.)*\\n+$")).toContain("adjacent repetitions");
  });

  it("treats lookarounds, anchors and word boundaries conservatively", () => {
    expect(regexProblem("^(?=.*\\d)(?!.*\\s).{8,64}$")).toBeNull();
    expect(regexProblem("(?=.*\\d)")).toContain("unanchored repetition");
    expect(regexProblem("(?<=\\d+)x")).toContain("lookbehind");
    expect(regexProblem("(?<=\\d{3})x")).toBeNull();
    expect(regexProblem("^\\bfoo\\b$")).toBeNull();
  });

  it("refuses backreferences and patterns that do not compile with the u flag", () => {
    expect(regexProblem("(a)\\1")).toContain("backreferences");
    expect(regexProblem("(?<n>a)\\k<n>")).toContain("backreferences");
    expect(regexProblem("\\-")).toContain("invalid regular expression"); // an identity escape the u flag refuses
    expect(regexProblem("a{2,1}")).toContain("invalid regular expression");
  });
});

/** Units repeated to build adversarial strings: single characters and pairs of them. */
const CHARS = [..."a1 .-@A_:,#+/=xZ\t("];
const UNITS = [...CHARS, ...CHARS.flatMap((a) => CHARS.map((b) => a + b))];

describe("regex safety: accepted patterns on 100 KB adversarial strings", () => {
  it(`every accepted pattern validates ${UNITS.length * 2} strings of 100 KB each, as pattern and as patternProperties`, () => {
    const validators = SAFE_PATTERNS.map((pattern) => ({
      pattern,
      value: new DocumentValidator({ type: "string", pattern }, "2020-12"),
      key: new DocumentValidator({ type: "object", patternProperties: { [pattern]: { const: 0 } } }, "2020-12"),
    }));
    let runs = 0;
    for (const unit of UNITS) {
      for (const tail of ["!", "\n"]) {
        const text = unit.repeat(Math.ceil(100_000 / unit.length)) + tail;
        for (const { value, key } of validators) {
          value.validate(text);
          if (unit.length === 1) key.validate({ [text]: 1 });
          runs++;
        }
      }
    }
    expect(runs).toBe(UNITS.length * 2 * SAFE_PATTERNS.length);
  }, 120_000);
});
