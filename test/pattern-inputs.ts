/**
 * Inputs derived from a pattern, shared by test/pattern-engine.test.ts
 * (inside workerd) and bench/patterns.ts (in Node):
 *
 * - adversarialInputs: 100 KB strings meant to make a backtracking engine
 *   work hard on that pattern. Each is a long run of characters the pattern
 *   can consume, then a character it cannot: every character sample the
 *   pattern spells out (a literal, or a character its class, escape or `.`
 *   accepts) repeated, the body of every repetition pumped after a prefix
 *   that reaches it, and a few generic runs ("a"…"!", " "…"x").
 * - semanticInputs: short strings (at most `maxLength`) to compare two
 *   engines on: members generated from the pattern's syntax tree, each
 *   mutated (a character deleted, inserted, replaced, a line terminator
 *   added), and random strings over the pattern's characters and a pool of
 *   awkward ones (line terminators, Unicode white space, case-folding
 *   oddities, astral characters, lone surrogates).
 *
 * Deterministic: a seed derived from the pattern drives every choice.
 */
import { RegExpParser, type AST } from "@eslint-community/regexpp";

export const ADVERSARIAL_LENGTH = 100_000;

/**
 * Where a collected pattern comes from, by the groups of
 * test/fixtures/patterns/real-world-patterns.json it occurs in: a real
 * schema wins over the JSON-Schema-Test-Suite, which wins over a pattern
 * library, which wins over the ReDoS literature lists.
 */
export type PatternSource = "schema" | "test-suite" | "library" | "literature";

export function patternSource(groups: string[]): PatternSource {
  if (groups.some((g) => !g.startsWith("library/") && g !== "literature" && g !== "json-schema-test-suite")) return "schema";
  if (groups.includes("json-schema-test-suite")) return "test-suite";
  return groups.some((g) => g.startsWith("library/")) ? "library" : "literature";
}

export const PATTERN_SOURCES: PatternSource[] = ["schema", "test-suite", "library", "literature"];

const parser = new RegExpParser({ ecmaVersion: 2025 });

/** Characters tried, in this order, as samples of a class. */
const PREFERRED = ["a", "0", "A", " ", "-", ".", "_", "/", ":", "@", "x", "Z", "9"];
const ASCII = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i));
/** Characters two engines are most likely to disagree on. */
const AWKWARD = [
  "\t", "\n", "\r", "\v", "\f", "\u0000", "\u0085", "\u00a0", "\u1680", "\u2000", "\u200a", "\u200b", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff",
  "é", "É", "ß", "ſ", "\u212a", "İ", "ı", "Ω", "ω", "Ж", "ж", "א", "ب", "٣", "०", "０", "Ａ", "中", "あ", "한", "\u0301", "😀", "𝐀", "\u{10ffff}", "\ud800", "\udbff", "\udc00", "\udfff", "\uffff",
];
const BREAKERS = ["!", "\u0000", "~", "\u{10ffff}", "\u0001", "`"];

export interface Input {
  label: string;
  input: string;
}

/** The pattern's syntax tree (u flag), or null when it does not parse. */
export function parsePattern(source: string): AST.Pattern | null {
  try {
    return parser.parsePattern(source, 0, source.length, { unicode: true });
  } catch {
    return null;
  }
}

type Atom = AST.Character | AST.CharacterClass | AST.CharacterSet | AST.ExpressionCharacterClass;

interface Shape {
  ast: AST.Pattern;
  atoms: Atom[];
  /** Per atom: a regex that matches exactly the characters it accepts. */
  test: Map<Atom, RegExp>;
  quantifiers: AST.Quantifier[];
}

function shapeOf(source: string): Shape | null {
  const ast = parsePattern(source);
  if (!ast) return null;
  const atoms: Atom[] = [];
  const quantifiers: AST.Quantifier[] = [];
  const visit = (node: AST.Node): void => {
    switch (node.type) {
      case "Pattern":
      case "Group":
      case "CapturingGroup":
        node.alternatives.forEach(visit);
        return;
      case "Alternative":
        node.elements.forEach(visit);
        return;
      case "Quantifier":
        quantifiers.push(node);
        visit(node.element);
        return;
      case "Assertion":
        if (node.kind === "lookahead" || node.kind === "lookbehind") node.alternatives.forEach(visit);
        return;
      case "Character":
      case "CharacterClass":
      case "CharacterSet":
      case "ExpressionCharacterClass":
        atoms.push(node);
        return;
      default:
        return;
    }
  };
  visit(ast);
  const test = new Map<Atom, RegExp>();
  for (const atom of atoms) {
    const flags = atom.type === "ExpressionCharacterClass" || (atom.type === "CharacterClass" && atom.unicodeSets) ? "v" : "u";
    try {
      test.set(atom, atom.type === "Character" ? new RegExp(`^${escapeChar(atom.value)}$`, "u") : new RegExp(`^(?:${atom.raw})$`, flags));
    } catch {
      // An atom whose raw text does not stand alone (cannot happen for these node types); it gets no samples.
    }
  }
  return { ast, atoms, test, quantifiers };
}

function escapeChar(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** Characters an atom accepts from `pool`. */
function accepted(shape: Shape, atom: Atom, pool: string[]): string[] {
  if (atom.type === "Character") return [String.fromCodePoint(atom.value)];
  const re = shape.test.get(atom);
  return re ? pool.filter((c) => re.test(c)) : [];
}

/** One character the atom accepts, preferring plain ASCII. */
function sampleOf(shape: Shape, atom: Atom): string | null {
  return accepted(shape, atom, [...PREFERRED, ...ASCII, ...AWKWARD])[0] ?? null;
}

/** The code points a pattern spells out, with their neighbours and case variants. */
function spelled(shape: Shape): string[] {
  const out = new Set<string>();
  const add = (cp: number) => {
    for (const c of [cp - 1, cp, cp + 1]) {
      if (c < 0 || c > 0x10ffff) continue;
      const ch = String.fromCodePoint(c);
      out.add(ch);
      for (const v of [ch.toLowerCase(), ch.toUpperCase()]) if ([...v].length === 1) out.add(v);
    }
  };
  const visit = (node: AST.Node): void => {
    if (node.type === "Character") add(node.value);
    else if (node.type === "CharacterClassRange") {
      add(node.min.value);
      add(node.max.value);
    } else if (node.type === "CharacterClass") node.elements.forEach(visit);
  };
  shape.atoms.forEach(visit);
  return [...out];
}

/** The 100 KB adversarial inputs for a pattern (generic ones only when it does not parse). */
export function adversarialInputs(source: string, length = ADVERSARIAL_LENGTH, max = 16): Input[] {
  const out = new Map<string, Input>();
  const add = (label: string, input: string) => {
    if (!out.has(input)) out.set(input, { label, input });
  };
  const run = (unit: string, n = length) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const shape = shapeOf(source);
  const breakers = shape ? BREAKERS.filter((b) => shape.atoms.every((a) => !accepted(shape, a, [b]).length)) : [];
  const [b1, b2] = [breakers[0] ?? "!", breakers[1] ?? (breakers[0] === "\u0000" ? "!" : "\u0000")];
  const show = (s: string) => JSON.stringify(s.length > 12 ? `${s.slice(0, 12)}…` : s);
  if (shape) {
    const samples = new Map<Atom, string>();
    for (const atom of shape.atoms) {
      const s = sampleOf(shape, atom);
      if (s !== null) samples.set(atom, s);
    }
    // Pump each repetition's body after a prefix of one sample per atom before it.
    for (const q of [...shape.quantifiers].sort((a, b) => b.max - a.max || a.start - b.start)) {
      if (q.max <= 1) continue;
      const unit = shape.atoms.filter((a) => a.start >= q.element.start && a.end <= q.element.end).map((a) => samples.get(a) ?? "").join("");
      if (!unit) continue;
      const prefix = shape.atoms.filter((a) => a.end <= q.start).map((a) => samples.get(a) ?? "").join("");
      add(`${show(prefix)} + ${show(unit)}×n + ${show(b1)} (pumps ${q.raw.slice(0, 40)})`, prefix + run(unit, length - prefix.length) + b1);
    }
    // Every character sample, repeated, then a breaker.
    for (const s of new Set(samples.values())) {
      add(`${show(s)}×n + ${show(b1)}`, run(s) + b1);
      add(`${show(s)}×n + ${show(b2)}`, run(s) + b2);
    }
  }
  add(`"a"×n + "!"`, run("a") + "!");
  add(`" "×n + "x"`, run(" ") + "x");
  add(`"0"×n + "!"`, run("0") + "!");
  add(`"a0"×n + "\\u0000"`, run("a0") + "\u0000");
  // Keep the generic runs and the pumps when there are too many.
  const all = [...out.values()];
  if (all.length <= max) return all;
  const generic = all.slice(-4);
  return [...all.slice(0, max - generic.length), ...generic];
}

// ---------------------------------------------------------------- short inputs

/** A small seeded generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Code units, cut so a string never ends halfway through a surrogate pair written on purpose. */
function cut(s: string, maxLength: number): string {
  return s.length <= maxLength ? s : s.slice(0, maxLength);
}

/**
 * Short strings to compare engines on: `members` generated strings and
 * their mutations, plus `random` random strings, each at most `maxLength`
 * UTF-16 code units.
 */
export function semanticInputs(source: string, { maxLength = 30, members = 40, random = 40 } = {}): string[] {
  const shape = shapeOf(source);
  const rnd = seeded(hash(source));
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]!;
  const pool = [...new Set([...ASCII, ...AWKWARD, ...(shape ? spelled(shape) : [])])];
  const out = new Set<string>(["", "a", "\n", "\ud800"]);
  if (shape) {
    const choices = new Map<Atom, string[]>();
    for (const atom of shape.atoms) choices.set(atom, accepted(shape, atom, pool));
    const generate = (node: AST.Node, budget: { left: number }): string => {
      if (budget.left <= 0) return "";
      switch (node.type) {
        case "Pattern":
        case "Group":
        case "CapturingGroup":
          return generate(pick(node.alternatives), budget);
        case "Alternative":
          return node.elements.map((e) => generate(e, budget)).join("");
        case "Quantifier": {
          const extra = node.max === Infinity ? 3 : Math.min(node.max - node.min, 3);
          const n = node.min + Math.floor(rnd() * (extra + 1));
          let s = "";
          for (let i = 0; i < n && budget.left > 0; i++) s += generate(node.element, budget);
          return s;
        }
        case "Character":
        case "CharacterClass":
        case "CharacterSet":
        case "ExpressionCharacterClass": {
          const options = choices.get(node) ?? [];
          if (!options.length) return "";
          const c = pick(options);
          budget.left -= c.length;
          return c;
        }
        default:
          return ""; // assertions and backreferences consume nothing here
      }
    };
    for (let i = 0; i < members; i++) {
      const m = cut(generate(shape.ast, { left: maxLength }), maxLength);
      out.add(m);
      const at = Math.floor(rnd() * (m.length + 1));
      out.add(m.slice(0, at) + m.slice(at + 1)); // delete
      out.add(cut(m.slice(0, at) + pick(pool) + m.slice(at), maxLength)); // insert
      out.add(m.slice(0, at) + pick(pool) + m.slice(at + 1)); // replace
      out.add(cut(pick(["\n", "\r", "\u2028", " ", "x"]) + m, maxLength)); // prefix
      out.add(cut(m + pick(["\n", "\r", "\u2029", " ", "!"]), maxLength)); // suffix
      out.add(m.length ? m.slice(0, at) + swapCase(m[at] ?? "") + m.slice(at + 1) : m);
    }
  }
  for (let i = 0; i < random; i++) {
    const n = Math.floor(rnd() * (maxLength + 1));
    let s = "";
    while (s.length < n) s += pick(pool);
    out.add(cut(s, maxLength));
  }
  return [...out];
}

function swapCase(c: string): string {
  const up = c.toUpperCase();
  return up !== c ? up : c.toLowerCase();
}
