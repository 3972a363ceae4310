/**
 * Runs a schema's `pattern` and `patternProperties` regexes in linear time.
 *
 * Why: a pattern runs inside the store actor's Durable Object on every write,
 * and V8's backtracking engine can take exponential time on one evil pattern
 * and one long string, pinning the object's only thread. RE2 (here re2js, a
 * pure-JavaScript port that needs no code generation) matches in time linear
 * in the input, whatever the pattern.
 *
 * How: the pattern is parsed as ECMAScript with the `u` flag, the dialect
 * JSON Schema prescribes, by @eslint-community/regexpp, and printed again in
 * RE2 syntax with ECMAScript's meaning kept where the two differ: `.` does not
 * match line terminators, `\s` is ECMAScript's white space, every character is
 * written as a code point escape. Only the parts RE2 cannot run at all
 * (lookaround, backreferences, modifier groups, properties RE2 lacks, counts over 1000) fall
 * back to V8, and then only when the static analysis in ./regex-safety.ts
 * shows that the pattern cannot backtrack catastrophically; anything else is
 * refused with the reason.
 */
import { RegExpParser, type AST } from "@eslint-community/regexpp";
import { RE2JS } from "re2js";
import { regexBudget, regexProblem, type RegexBudget } from "./regex-safety.js";
import { LIMITS } from "../limits.js";

export interface PatternMatcher {
  /** True when the pattern matches somewhere in `input` (JSON Schema patterns are not anchored). */
  test(input: string): boolean;
}

export type CompiledPattern =
  | { ok: true; matcher: PatternMatcher; engine: "re2" | "backtracking" }
  | { ok: false; problem: string };

/** ECMAScript's `\s`: WhiteSpace and LineTerminator code points (ECMA-262 §22.2.2.9). */
const ES_SPACE = "\\t\\n\\x{b}\\f\\r\\x{20}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}";
/** The complement of ES_SPACE, as ranges (for `\S` among other class items). */
const ES_NON_SPACE =
  "\\x{0}-\\x{8}\\x{e}-\\x{1f}\\x{21}-\\x{9f}\\x{a1}-\\x{167f}\\x{1681}-\\x{1fff}\\x{200b}-\\x{2027}\\x{202a}-\\x{202e}\\x{2030}-\\x{205e}\\x{2060}-\\x{2fff}\\x{3001}-\\x{fefe}\\x{ff00}-\\x{10ffff}";
/** ECMAScript's `.` without the `s` flag: anything but a line terminator. */
const ES_DOT = "[^\\n\\r\\x{2028}\\x{2029}]";
/** RE2 limits a single repetition count to 1000. */
const RE2_MAX_REPEAT = 1000;
/** General category names ECMAScript accepts, by their long alias; RE2 knows the short ones. */
const CATEGORY_ALIASES: Record<string, string> = {
  Letter: "L", Cased_Letter: "LC", Uppercase_Letter: "Lu", Lowercase_Letter: "Ll", Titlecase_Letter: "Lt", Modifier_Letter: "Lm", Other_Letter: "Lo",
  Mark: "M", Combining_Mark: "M", Nonspacing_Mark: "Mn", Spacing_Mark: "Mc", Enclosing_Mark: "Me",
  Number: "N", Decimal_Number: "Nd", digit: "Nd", Letter_Number: "Nl", Other_Number: "No",
  Punctuation: "P", punct: "P", Connector_Punctuation: "Pc", Dash_Punctuation: "Pd", Open_Punctuation: "Ps", Close_Punctuation: "Pe",
  Initial_Punctuation: "Pi", Final_Punctuation: "Pf", Other_Punctuation: "Po",
  Symbol: "S", Math_Symbol: "Sm", Currency_Symbol: "Sc", Modifier_Symbol: "Sk", Other_Symbol: "So",
  Separator: "Z", Space_Separator: "Zs", Line_Separator: "Zl", Paragraph_Separator: "Zp",
  Other: "C", Control: "Cc", cntrl: "Cc", Format: "Cf", Surrogate: "Cs", Private_Use: "Co", Unassigned: "Cn",
};
const SHORT_CATEGORIES = new Set(Object.values(CATEGORY_ALIASES).filter((c) => c !== "LC" && c !== "Cn"));

/** Thrown while printing when RE2 cannot express a construct; the message says which. */
class NotRe2 extends Error {}

const parser = new RegExpParser({ ecmaVersion: 2025 });

/**
 * Compiles a pattern for validation. Pass one budget for all the patterns of
 * a schema: the fallback analysis is bounded per schema, not per pattern.
 */
export function compilePattern(source: string, budget: RegexBudget = regexBudget()): CompiledPattern {
  if (source.length > LIMITS.maxPatternLength) {
    return { ok: false, problem: `the pattern is ${source.length} characters long; at most ${LIMITS.maxPatternLength} are accepted` };
  }
  let ast: AST.Pattern;
  try {
    ast = parser.parsePattern(source, 0, source.length, { unicode: true });
  } catch (error) {
    return { ok: false, problem: `invalid regular expression: ${(error as Error).message}` };
  }
  let why: string;
  try {
    const re2 = RE2JS.compile(print(ast));
    const size = programSize(ast);
    if (size > LIMITS.maxPatternProgram) {
      return { ok: false, problem: `its repetitions expand to about ${size} steps per character (at most ${LIMITS.maxPatternProgram}); bound lengths with minLength/maxLength instead of counted repetitions` };
    }
    const longest = Math.floor(LIMITS.maxPatternMatchWork / size);
    return {
      ok: true,
      engine: "re2",
      matcher: {
        test: (input) => {
          if (input.length > longest) throw new Error(`a string of ${input.length} characters is too long for this pattern (at most ${longest}: its matching work grows with both)`);
          return re2.matcher(input).find();
        },
      },
    };
  } catch (error) {
    why = error instanceof NotRe2 ? error.message : `RE2 cannot compile it (${(error as Error).message})`;
  }
  // Only a backtracking engine runs it: accept it there only if it cannot blow up.
  const problem = regexProblem(source, budget);
  if (problem) return { ok: false, problem: `it ${why}, which only a backtracking engine can run, and on one it could take more than linear time: ${problem}` };
  const native = new RegExp(source, "u");
  return { ok: true, engine: "backtracking", matcher: { test: (input) => native.test(input) } };
}

/** About how many NFA states RE2's program for the pattern has: each character once per repetition of what holds it. */
function programSize(node: AST.Node): number {
  switch (node.type) {
    case "Pattern":
    case "Group":
    case "CapturingGroup":
      return node.alternatives.reduce((sum, a) => sum + programSize(a), 0) || 1;
    case "Alternative":
      return node.elements.reduce((sum, e) => sum + programSize(e), 0) || 1;
    case "Quantifier":
      return programSize(node.element) * Math.max(1, node.max === Infinity ? node.min + 1 : node.max);
    default:
      return 1;
  }
}

/** The pattern in RE2 syntax, with ECMAScript semantics. */
function print(node: AST.Pattern): string {
  return alternatives(node.alternatives);
}

function alternatives(list: AST.Alternative[]): string {
  return list.map((a) => a.elements.map(element).join("")).join("|");
}

function element(node: AST.Element): string {
  switch (node.type) {
    case "Character":
      return codePoint(node.value);
    case "CharacterSet":
      return characterSet(node);
    case "CharacterClass":
      return characterClass(node);
    case "ExpressionCharacterClass":
      throw new NotRe2("uses a class set expression (the v flag)");
    case "Group":
      // `(?i:…)`, `(?s:…)`, `(?m:…)` change what the group matches; printing it as a plain group would drop that.
      if (node.modifiers) throw new NotRe2(`uses a modifier group (${node.raw.slice(0, node.raw.indexOf(":") + 1)}…)`);
      return `(?:${alternatives(node.alternatives)})`;
    case "CapturingGroup":
      return `(?:${alternatives(node.alternatives)})`;
    case "Quantifier": {
      const { min, max } = node;
      if (min > RE2_MAX_REPEAT || (max !== Infinity && max > RE2_MAX_REPEAT)) throw new NotRe2(`repeats more than ${RE2_MAX_REPEAT} times`);
      const body = `(?:${element(node.element)})`;
      if (max === Infinity) return min === 0 ? `${body}*` : min === 1 ? `${body}+` : `${body}{${min},}`;
      return min === max ? `${body}{${min}}` : `${body}{${min},${max}}`;
    }
    case "Assertion":
      switch (node.kind) {
        case "start":
          return "^";
        case "end":
          return "$";
        case "word":
          return node.negate ? "\\B" : "\\b";
        default:
          throw new NotRe2(`uses a ${node.kind === "lookahead" ? "lookahead" : "lookbehind"} (${node.raw})`);
      }
    case "Backreference":
      throw new NotRe2(`uses a backreference (${node.raw})`);
    default:
      throw new NotRe2("uses a construct RE2 does not have");
  }
}

function codePoint(value: number): string {
  if ((value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5a) || (value >= 0x61 && value <= 0x7a)) return String.fromCharCode(value);
  return `\\x{${value.toString(16)}}`;
}

/** `\d`, `\w`, `\s`, `.` and `\p{…}` outside a class. */
function characterSet(node: AST.CharacterSet): string {
  if (node.kind === "any") return ES_DOT;
  return node.negate ? `[^${classItem(node, false)}]` : `[${classItem(node, false)}]`;
}

function characterClass(node: AST.CharacterClass): string {
  if (node.elements.length === 0) return node.negate ? "[\\x{0}-\\x{10ffff}]" : "[^\\x{0}-\\x{10ffff}]";
  return `[${node.negate ? "^" : ""}${node.elements.map((e) => classElement(e)).join("")}]`;
}

function classElement(node: AST.CharacterClassElement): string {
  switch (node.type) {
    case "Character":
      return codePoint(node.value);
    case "CharacterClassRange":
      return `${codePoint(node.min.value)}-${codePoint(node.max.value)}`;
    case "CharacterSet":
      return classItem(node, true);
    default:
      throw new NotRe2("uses a class set expression (the v flag)");
  }
}

/** The contents of a class for `\d`, `\w`, `\s` or `\p{…}`; `inClass` when it sits among other class items. */
function classItem(node: AST.CharacterSet, inClass: boolean): string {
  switch (node.kind) {
    case "digit":
      return node.negate && inClass ? "\\D" : "0-9";
    case "word":
      return node.negate && inClass ? "\\W" : "0-9A-Za-z_";
    case "space":
      // Inside a class, \S is the complement of ECMAScript's white space, spelled as ranges.
      return node.negate && inClass ? ES_NON_SPACE : ES_SPACE;
    case "property": {
      // RE2 has no name for ASCII: it is one range.
      if (node.key === "ASCII" && node.value === null) return node.negate && inClass ? "\\x{80}-\\x{10ffff}" : "\\x{0}-\\x{7f}";
      const name = propertyName(node);
      // Negation of a lone set is applied by the caller; among other items it must be \P.
      return node.negate && inClass ? `\\P{${name}}` : `\\p{${name}}`;
    }
    default:
      throw new NotRe2(`uses ${node.raw}`);
  }
}

/** RE2's name for a Unicode property escape, or NotRe2 when RE2 lacks it. */
function propertyName(node: AST.CharacterSet & { kind: "property" }): string {
  if ("strings" in node && node.strings) throw new NotRe2(`uses a property of strings (${node.raw})`);
  const key = node.key;
  const value = node.value;
  if (key === "General_Category" || key === "gc") return category(value ?? "", node.raw);
  if (key === "Script" || key === "sc") return value!;
  if (value === null) {
    if (SHORT_CATEGORIES.has(key) || key in CATEGORY_ALIASES) return category(key, node.raw);
    if (key === "Any") return "Any";
  }
  throw new NotRe2(`uses the Unicode property ${node.raw}, which RE2 does not have`);
}

function category(name: string, raw: string): string {
  const short = SHORT_CATEGORIES.has(name) ? name : CATEGORY_ALIASES[name];
  if (!short || !SHORT_CATEGORIES.has(short)) throw new NotRe2(`uses the Unicode property ${raw}, which RE2 does not have`);
  return short;
}
