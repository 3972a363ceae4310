/**
 * The pattern engine (src/store/pattern-engine.ts) over a collection of real
 * patterns (test/fixtures/patterns/real-world-patterns.json, written by
 * scripts/collect-patterns.ts from real schemas, pattern libraries and the
 * ReDoS literature), inside workerd, where store actors run patterns:
 *
 * - every pattern compiles to RE2, to the backtracking fallback, or is
 *   refused with a message; the share accepted has a floor (what was
 *   measured, rounded down);
 * - every accepted pattern runs on adversarial 100 KB inputs derived from
 *   it (test/pattern-inputs.ts); the worst time per pattern is printed, not
 *   asserted (the machine is shared and noisy; a catastrophic pattern would
 *   blow the test timeout instead);
 * - on RE2, the matcher agrees with `new RegExp(p, "u").test`, the dialect
 *   JSON Schema prescribes, on short generated, mutated and random strings
 *   (at most 30 UTF-16 code units; 12 for patterns the backtracking safety
 *   analysis refuses, so the V8 reference itself cannot run away), and on
 *   longer generated members (up to 200) when the analysis accepts the
 *   pattern.
 */
import { afterAll, describe, expect, it } from "vitest";
import { compilePattern, type CompiledPattern } from "../src/store/pattern-engine.js";
import { regexProblem } from "../src/store/regex-safety.js";
import collection from "./fixtures/patterns/real-world-patterns.json";
import { ADVERSARIAL_LENGTH, adversarialInputs, PATTERN_SOURCES, patternSource, semanticInputs } from "./pattern-inputs.js";

/** Accepted share (RE2 or backtracking) over the whole collection, rounded down: 800 of 818 (97.80%) when written. */
const ACCEPTED_FLOOR = 0.97;
/** Accepted share among the patterns found in real schemas (not only in the test suite, libraries or the literature): 109 of 110 (99.09%) when written. */
const SCHEMA_ACCEPTED_FLOOR = 0.99;
const CHUNK = 60;

interface Collected {
  pattern: string;
  kinds: string[];
  groups: string[];
  first: string;
  literature?: string;
}

const patterns = (collection as { patterns: Collected[] }).patterns;
const category = (p: Collected) => patternSource(p.groups);

interface Result {
  entry: Collected;
  compiled: CompiledPattern;
  compileMs: number;
  worstMs?: number;
  worstInput?: string;
  inputs?: number;
}

const results: Result[] = patterns.map((entry) => {
  const start = performance.now();
  const compiled = compilePattern(entry.pattern); // one budget per pattern: each stands for its own schema
  return { entry, compiled, compileMs: performance.now() - start };
});
const accepted = results.filter((r) => r.compiled.ok);
const mismatches: { pattern: string; input: string; engine: boolean; v8: boolean }[] = [];
let compared = 0;
/** Comparisons where both engines matched, and RE2 patterns with at least one such input. */
let bothMatched = 0;
let patternsWithAMatch = 0;
let re2Compared = 0;

const show = (s: string, max = 90) => {
  const json = JSON.stringify(s);
  return json.length > max ? `${json.slice(0, max)}…"` : json;
};
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(2)}%`;

describe("pattern engine over the collected real-world patterns", () => {
  it("has at least 200 unique patterns", () => {
    expect(new Set(patterns.map((p) => p.pattern)).size).toBe(patterns.length);
    expect(patterns.length).toBeGreaterThanOrEqual(200);
  });

  it("compiles them: the share accepted has a floor, every refusal says why", () => {
    const by = (engine: "re2" | "backtracking") => results.filter((r) => r.compiled.ok && r.compiled.engine === engine);
    const refused = results.filter((r) => !r.compiled.ok);
    const lines = [`${results.length} patterns: ${by("re2").length} on RE2, ${by("backtracking").length} on backtracking, ${refused.length} refused; accepted ${pct(accepted.length, results.length)}`];
    for (const cat of PATTERN_SOURCES) {
      const here = results.filter((r) => category(r.entry) === cat);
      lines.push(`  ${cat}: ${here.length}, accepted ${pct(here.filter((r) => r.compiled.ok).length, here.length)} (re2 ${here.filter((r) => r.compiled.ok && r.compiled.engine === "re2").length}, backtracking ${here.filter((r) => r.compiled.ok && r.compiled.engine === "backtracking").length})`);
    }
    lines.push("  e.g. RE2:", ...by("re2").slice(0, 3).map((r) => `    ${show(r.entry.pattern)}`));
    lines.push("  backtracking (all):", ...by("backtracking").map((r) => `    ${show(r.entry.pattern)} (${r.entry.first})`));
    lines.push("  refused (all):", ...refused.map((r) => `    ${show(r.entry.pattern)} [${r.entry.groups.join(", ")}]: ${r.compiled.ok ? "" : r.compiled.problem}`));
    console.log(lines.join("\n"));

    for (const r of refused) {
      expect(r.compiled.ok ? "" : r.compiled.problem, r.entry.pattern).toMatch(/\w.{10,}/);
    }
    expect(accepted.length / results.length).toBeGreaterThanOrEqual(ACCEPTED_FLOOR);
    const schema = results.filter((r) => category(r.entry) === "schema");
    expect(schema.filter((r) => r.compiled.ok).length / schema.length).toBeGreaterThanOrEqual(SCHEMA_ACCEPTED_FLOOR);
  });

  for (let from = 0; from < accepted.length; from += CHUNK) {
    const chunk = accepted.slice(from, from + CHUNK);
    it(`runs patterns ${from + 1}–${from + chunk.length} of ${accepted.length} on adversarial ${ADVERSARIAL_LENGTH / 1000} KB inputs`, { timeout: 300_000 }, () => {
      for (const r of chunk) {
        if (!r.compiled.ok) continue;
        const inputs = adversarialInputs(r.entry.pattern);
        r.inputs = inputs.length;
        r.worstMs = -1;
        for (const { label, input } of inputs) {
          const start = performance.now();
          r.compiled.matcher.test(input);
          const ms = performance.now() - start;
          if (ms > r.worstMs) [r.worstMs, r.worstInput] = [ms, label];
        }
      }
    });
  }

  for (let from = 0; from < accepted.length; from += CHUNK) {
    const chunk = accepted.slice(from, from + CHUNK);
    it(`agrees with new RegExp(p, "u") on RE2, patterns ${from + 1}–${from + chunk.length}`, { timeout: 300_000 }, () => {
      const found: typeof mismatches = [];
      for (const r of chunk) {
        if (!r.compiled.ok || r.compiled.engine !== "re2") continue;
        const v8 = new RegExp(r.entry.pattern, "u");
        const safeForV8 = regexProblem(r.entry.pattern) === null;
        const inputs = semanticInputs(r.entry.pattern, { maxLength: safeForV8 ? 30 : 12 });
        if (safeForV8) inputs.push(...semanticInputs(r.entry.pattern, { maxLength: 200, members: 15, random: 0 }));
        re2Compared++;
        let matched = false;
        for (const input of inputs) {
          compared++;
          const [engine, native] = [r.compiled.matcher.test(input), v8.test(input)];
          if (engine !== native) found.push({ pattern: r.entry.pattern, input, engine, v8: native });
          else if (native) [bothMatched, matched] = [bothMatched + 1, true];
        }
        if (matched) patternsWithAMatch++;
      }
      mismatches.push(...found);
      expect(found.map((m) => `${show(m.pattern)} on ${show(m.input)}: engine ${m.engine}, V8 ${m.v8}`)).toEqual([]);
    });
  }
});

afterAll(() => {
  const timed = accepted.filter((r) => r.worstMs !== undefined && r.worstMs >= 0).sort((a, b) => b.worstMs! - a.worstMs!);
  if (!timed.length) return;
  const worst = timed.map((r) => r.worstMs!);
  const median = [...worst].sort((a, b) => a - b)[Math.floor(worst.length / 2)]!;
  const compile = results.map((r) => r.compileMs).sort((a, b) => b - a);
  const lines = [
    "",
    "=== pattern engine summary ===",
    `${results.length} patterns (${PATTERN_SOURCES.map((cat) => `${cat} ${patterns.filter((p) => category(p) === cat).length}`).join(", ")}); accepted ${accepted.length} (${pct(accepted.length, results.length)}): RE2 ${accepted.filter((r) => r.compiled.ok && r.compiled.engine === "re2").length}, backtracking ${accepted.filter((r) => r.compiled.ok && r.compiled.engine === "backtracking").length}; refused ${results.length - accepted.length}`,
    `adversarial ${ADVERSARIAL_LENGTH / 1000} KB inputs: ${timed.reduce((n, r) => n + r.inputs!, 0)} matches over ${timed.length} accepted patterns; worst per pattern: median ${median.toFixed(1)} ms, worst ${worst[0]!.toFixed(1)} ms on ${show(timed[0]!.entry.pattern)} (${timed[0]!.compiled.ok ? timed[0]!.compiled.engine : ""}, input ${timed[0]!.worstInput})`,
    ...(["re2", "backtracking"] as const).map((engine) => {
      const here = timed.filter((r) => r.compiled.ok && r.compiled.engine === engine);
      return here.length ? `  on ${engine}: ${here.length} patterns, worst ${here[0]!.worstMs!.toFixed(1)} ms on ${show(here[0]!.entry.pattern, 70)} (input ${here[0]!.worstInput})` : `  on ${engine}: none`;
    }),
    "slowest 10:",
    ...timed.slice(0, 10).map((r) => `  ${r.worstMs!.toFixed(1).padStart(7)} ms  ${r.compiled.ok ? r.compiled.engine.padEnd(12) : ""} ${show(r.entry.pattern, 70)}  input ${r.worstInput}`),
    `compile: slowest ${compile[0]!.toFixed(1)} ms, total ${compile.reduce((a, b) => a + b, 0).toFixed(0)} ms`,
    `RE2 vs V8 semantics: ${compared} comparisons over ${re2Compared} RE2 patterns (${bothMatched} inputs matched by both; ${patternsWithAMatch} patterns had a matching input), ${mismatches.length} mismatches${mismatches.length ? ":" : ""}`,
    ...mismatches.slice(0, 20).map((m) => `  ${show(m.pattern)} on ${show(m.input)}: engine ${m.engine}, V8 ${m.v8}`),
  ];
  console.log(lines.join("\n"));
});

describe("pattern engine: constructs where RE2 and ECMAScript differ", () => {
  // Each [pattern, input]: the engine must answer what V8 (which runs in workerd) answers.
  const cases: [string, string][] = [
    ["^(?i:a)$", "A"],
    ["^(?i:[a-z]+)$", "ABC"],
    ["^(?s:.)$", "\n"],
    ["^(?m:a$)", "a\nb"],
    ["^[\\S]+$", "ab\u3000"],
    ["^[\\S]+$", "abc"],
    ["^[\\s\\S]{0,}$", "x\ny"],
    ["[^\\p{ASCII}]", "é"],
    ["[^\\p{ASCII}]", "e"],
    ["^[\\P{ASCII}a]$", "é"],
    ["^[\\P{ASCII}a]$", "b"],
    ["^.$", "\u2028"],
    ["^\\s$", "\ufeff"],
  ];
  it.each(cases)("%s on %j answers as V8 does", (pattern, input) => {
    const compiled = compilePattern(pattern);
    expect(compiled.ok, compiled.ok ? "" : compiled.problem).toBe(true);
    if (compiled.ok) expect(compiled.matcher.test(input)).toBe(new RegExp(pattern, "u").test(input));
  });

  it("modifier groups go to the backtracking engine (RE2 would drop the modifier); \\S in a class and \\p{ASCII} stay on RE2", () => {
    const engine = (p: string) => {
      const c = compilePattern(p);
      return c.ok ? c.engine : c.problem;
    };
    expect(engine("^(?i:a)$")).toBe("backtracking");
    expect(engine("^[\\s\\S]{0,}$")).toBe("re2");
    expect(engine("[^\\p{ASCII}]")).toBe("re2");
  });
});
