/**
 * A conservative static check that a user's regular expression cannot make
 * the validator backtrack catastrophically.
 *
 * Why: @cfworker/json-schema tests `pattern` and `patternProperties` with
 * `new RegExp(p, "u")`, V8's backtracking engine, inside the store actor's
 * Durable Object. One evil pattern and one long string would pin the object's
 * only thread for minutes or forever, and Workers cannot run a linear-time
 * engine or interrupt a running match. So patterns are checked once, when a
 * schema is set, and refused unless they are plainly safe.
 *
 * How: the pattern is parsed (ECMAScript syntax with the u flag) by
 * @eslint-community/regexpp into a tree, and that into its position
 * automaton: every single-character matcher (a literal, `.`, an escape such
 * as `\d`, a class) is a position, and `follow` says which positions may
 * consume the next character. Which characters a position matches is decided
 * by testing sample code points (all of ASCII, a few hundred others, and
 * every code point the pattern spells out) against that matcher alone,
 * compiled natively; two matchers "overlap" when a sample matches both. The
 * rules, each with the reason a match can blow up:
 *
 * - length: longer than LIMITS.maxPatternLength characters;
 * - it must compile with the u flag;
 * - backreferences (`\1`, `\k<name>`): matching them is NP-hard in general;
 * - nested repetition: a repetition (max > 1) over a part that itself repeats
 *   or is optional (`(a+)+`, `(\w+\s?)*`, `(.*a){20}`) can split one string
 *   between its iterations in exponentially many ways. Accepted when each
 *   iteration holds exactly one separator character that nothing else in it
 *   can match and iterations cannot run into each other
 *   (`(?:-[a-z0-9]+)*`, `(?:\d{1,3}\.){3}`);
 * - alternation inside repetition (`(a|aa)+`): accepted only when no branch
 *   can match empty and no two branches can start with the same character;
 * - adjacent repetitions (`\d*\d*`, `.*a.*$`, `\w+\s?\w+`): two variable
 *   repetitions that can match the same characters, with no required
 *   character between them that one of them cannot match, make a failing
 *   match try every split: quadratic or worse. Optional parts (`?`) count
 *   too, but only a chain of more than four of them is refused (`a?a?a?a?a?`
 *   is exponential in its length);
 * - unanchored repetition (`\s+$`, `a+b`): a pattern without `^` is tried at
 *   every position, so a repetition it can start with, followed by more
 *   pattern, costs quadratic time on a long run; a repetition that can end
 *   the match (`\d+`) is fine because the first attempt succeeds;
 * - a variable repetition inside a lookbehind (rescanned at every position);
 * - repetition counts that multiply past LIMITS.maxPatternRepeat.
 *
 * Anything it cannot analyse within a fixed budget (shared by the patterns of
 * one schema) is refused too.
 */
import { RegExpParser, type AST } from "@eslint-community/regexpp";
import { LIMITS } from "../limits.js";

/**
 * Steps of path search the checks of one schema's patterns may take in all:
 * a schema may hold hundreds of patterns, and checking them must stay cheap.
 */
export interface RegexBudget {
  steps: number;
}

export function regexBudget(steps = 4_000_000): RegexBudget {
  return { steps };
}

/**
 * Null when the pattern is accepted; otherwise why it is refused, in a
 * sentence. Pass one budget for all the patterns of a schema.
 */
export function regexProblem(source: string, budget: RegexBudget = regexBudget()): string | null {
  if (source.length > LIMITS.maxPatternLength) return `the pattern is ${source.length} characters long; at most ${LIMITS.maxPatternLength} are accepted`;
  try {
    new RegExp(source, "u");
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  const known = verdicts.get(source);
  if (known !== undefined) return known;
  if (budget.steps <= 0) return OUT_OF_BUDGET;
  let verdict: string | null;
  try {
    verdict = new Analysis(source, tree(source), budget).problem();
  } catch (error) {
    if (error instanceof OutOfBudget) return error.message; // not remembered: it depends on the other patterns
    if (!(error instanceof Refusal)) throw error;
    verdict = error.message;
  }
  return remember(verdicts, source, verdict);
}

class Refusal extends Error {}
class OutOfBudget extends Error {}
const OUT_OF_BUDGET = "the pattern is too complex to check for catastrophic backtracking (with the schema's other patterns); simplify it";

// ---------------------------------------------------------------- syntax tree

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
}

interface Span {
  start: number;
  end: number;
}

type Node =
  /** One character: a literal, `.`, an escape or a class; `src` compiles on its own. */
  | ({ t: "char"; src: string; flags: Flags } & Span)
  /** `^` or `$`; with the m flag they are plain assertions. */
  | ({ t: "anchor"; multiline: boolean } & Span)
  /** `\b`, `\B`. */
  | ({ t: "boundary" } & Span)
  | ({ t: "look"; behind: boolean; body: Node } & Span)
  | ({ t: "group"; body: Node } & Span)
  | ({ t: "seq"; items: Node[] } & Span)
  | ({ t: "alt"; branches: Node[] } & Span)
  | ({ t: "quant"; body: Node; min: number; max: number } & Span);

const parser = new RegExpParser({ ecmaVersion: 2025 });
const NO_FLAGS: Flags = { i: false, s: false, m: false };

/**
 * The tree of a pattern that compiled, from regexpp's syntax tree: its
 * structure, the flags in force at each character (inline modifiers change
 * them) and where each part is spelled in the source.
 */
function tree(source: string): Node {
  let pattern: AST.Pattern;
  try {
    pattern = parser.parsePattern(source, 0, source.length, { unicode: true });
  } catch (error) {
    // The runtime compiled it, so regexpp is the one behind (a newer Unicode property, say).
    throw new Refusal(`the pattern uses syntax this check does not understand (${(error as Error).message})`);
  }
  return disjunction(pattern.alternatives, NO_FLAGS, 0);
}

/** One alternative is a sequence; more make an alternation of sequences. */
function disjunction(alternatives: AST.Alternative[], flags: Flags, depth: number): Node {
  if (depth > 100) throw new Refusal("the pattern nests groups too deeply to check");
  const branches = alternatives.map((a): Node => ({ t: "seq", items: a.elements.map((e) => element(e, flags, depth)), start: a.start, end: a.end }));
  return branches.length === 1 ? branches[0]! : { t: "alt", branches, start: alternatives[0]!.start, end: alternatives.at(-1)!.end };
}

function element(e: AST.Element, flags: Flags, depth: number): Node {
  const span: Span = { start: e.start, end: e.end };
  switch (e.type) {
    case "Character":
    case "CharacterSet":
    case "CharacterClass":
    case "ExpressionCharacterClass": // v flag only
      return { t: "char", src: e.raw, flags, ...span };
    case "Backreference":
      throw new Refusal(`backreferences ("${e.raw}") are not accepted: matching them can take exponential time`);
    case "Quantifier": // lazy or not: same ambiguity, other order
      return { t: "quant", body: element(e.element, flags, depth), ...counts(e), ...span };
    case "Group":
      return { t: "group", body: disjunction(e.alternatives, withModifiers(flags, e.modifiers), depth + 1), ...span };
    case "CapturingGroup":
      return { t: "group", body: disjunction(e.alternatives, flags, depth + 1), ...span };
    case "Assertion":
      switch (e.kind) {
        case "start":
        case "end":
          return { t: "anchor", multiline: flags.m, ...span };
        case "word":
          return { t: "boundary", ...span };
        case "lookahead":
        case "lookbehind":
          return { t: "look", behind: e.kind === "lookbehind", body: disjunction(e.alternatives, flags, depth + 1), ...span };
      }
  }
}

/** `(?i:...)`, `(?-i:...)`, `(?s-m:...)`. */
function withModifiers(flags: Flags, modifiers: AST.Modifiers | null): Flags {
  if (!modifiers) return flags;
  const inner = { ...flags };
  for (const [set, on] of [[modifiers.add, true], [modifiers.remove, false]] as const) {
    if (set?.ignoreCase) inner.i = on;
    if (set?.dotAll) inner.s = on;
    if (set?.multiline) inner.m = on;
  }
  return inner;
}

/**
 * A quantifier's counts. regexpp sums the digits of `{m,n}` one by one, which
 * past 2^53 can round differently from Number(); refusals print the counts.
 */
function counts(q: AST.Quantifier): { min: number; max: number } {
  const braces = /^\{(\d+)(,?)(\d*)\}/.exec(q.raw.slice(q.element.end - q.start));
  if (!braces || (q.min <= Number.MAX_SAFE_INTEGER && q.max <= Number.MAX_SAFE_INTEGER)) return { min: q.min, max: q.max };
  const [, min, comma, max] = braces;
  return { min: Number(min), max: comma === "" ? Number(min) : max === "" ? Infinity : Number(max) };
}

// ------------------------------------------------------- character samples

/** Code points every analysis tests: ASCII, a spread over the BMP, whitespace, letters, digits, astral and lone surrogates, and their case variants. */
const BASE_SAMPLES: string[] = (() => {
  const cps = new Set<number>();
  for (let cp = 0; cp < 0x80; cp++) cps.add(cp);
  for (let cp = 0x80; cp < 0x10000; cp += 0x9d) cps.add(cp);
  for (const cp of [0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff, 0x200b, 0x200c, 0x200d]) cps.add(cp);
  for (let cp = 0x2000; cp <= 0x200a; cp++) cps.add(cp);
  for (const cp of [0xe9, 0xc9, 0xdf, 0x130, 0x131, 0x17f, 0x212a, 0x3b1, 0x391, 0x436, 0x416, 0x5d0, 0x627, 0x660, 0x966, 0xff10, 0xff21, 0x4e00, 0x3042, 0xac00]) cps.add(cp);
  for (const cp of [0xd800, 0xdbff, 0xdc00, 0xdfff, 0x10000, 0x1d400, 0x1f600, 0x20000, 0x10ffff]) cps.add(cp);
  return withCaseVariants(cps).map((cp) => String.fromCodePoint(cp));
})();
const BASE_INDEX = new Map(BASE_SAMPLES.map((ch, i) => [ch.codePointAt(0)!, i] as const));
/** Which base samples a character matcher matches, by flags and source: the same classes recur across patterns. */
const baseSets = new Map<string, Uint32Array>();
/** Verdicts by pattern: schemas repeat patterns, and stored configs are parsed again when an object starts. */
const verdicts = new Map<string, string | null>();
const CACHE_SIZE = 2000;

function withCaseVariants(cps: Set<number>): number[] {
  for (const cp of [...cps]) {
    const ch = String.fromCodePoint(cp);
    for (const v of [ch.toLowerCase(), ch.toUpperCase()]) if ([...v].length === 1) cps.add(v.codePointAt(0)!);
  }
  return [...cps];
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= CACHE_SIZE) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}

/** A set of sample indexes. */
type Bits = Uint32Array;

function overlaps(a: Bits, b: Bits): boolean {
  for (let k = 0; k < a.length; k++) if ((a[k]! & b[k]!) !== 0) return true;
  return false;
}

function orInto(into: Bits, from: Bits): void {
  for (let k = 0; k < into.length; k++) into[k]! |= from[k]!;
}

function isEmpty(a: Bits): boolean {
  return a.every((w) => w === 0);
}

// ---------------------------------------------------------------- analysis

interface Info {
  /** Can match the empty string. */
  nullable: boolean;
  /** Can match the empty string without passing an assertion that might fail. */
  quiet: boolean;
  first: number[];
  last: number[];
  /** Positions after which the rest of this node can be skipped quietly. */
  lastQuiet: number[];
}

/** Optional parts that can match the same characters, one after another, before the pattern is refused. */
const MAX_OPTIONAL_CHAIN = 4;

/** The longest path in a graph of adjacent parts (a cycle counts as endless). */
function longestChain(graph: Map<Node, Node[]>): Node[] {
  const memo = new Map<Node, Node[]>();
  const open = new Set<Node>();
  const from = (n: Node): Node[] => {
    const known = memo.get(n);
    if (known) return known;
    if (open.has(n)) return new Array<Node>(MAX_OPTIONAL_CHAIN + 1).fill(n);
    open.add(n);
    let best: Node[] = [];
    for (const next of graph.get(n) ?? []) {
      const path = from(next);
      if (path.length > best.length) best = path;
      if (best.length > MAX_OPTIONAL_CHAIN) break;
    }
    open.delete(n);
    const result = [n, ...best];
    memo.set(n, result);
    return result;
  };
  let longest: Node[] = [];
  for (const n of graph.keys()) {
    const path = from(n);
    if (path.length > longest.length) longest = path;
  }
  return longest;
}

class Analysis {
  /** Code points the pattern spells out that the base samples lack; their bits follow the base ones. */
  private readonly extras: string[];
  private readonly extraIndex = new Map<number, number>();
  private readonly words: number;
  /** Per position: the characters it matches (empty for `^`/`$`, which nothing passes). */
  private readonly sets: Bits[] = [];
  private readonly follow: Set<number>[] = [];
  private readonly infos = new Map<Node, Info>();
  /** Positions inside each node: ids are allocated depth first, so a node's positions are a range. */
  private readonly ranges = new Map<Node, [number, number]>();
  private readonly quants: Extract<Node, { t: "quant" }>[] = [];
  private readonly parents = new Map<Node, Node>();
  private readonly inLookbehind = new Set<Node>();
  private readonly lookPositions = new Set<number>();

  constructor(
    private readonly source: string,
    private readonly root: Node,
    private readonly budget: RegexBudget,
  ) {
    // Every code point the pattern spells out, so ranges and literals are compared at their own ends.
    const spelled = new Set<number>();
    for (const ch of source) spelled.add(ch.codePointAt(0)!);
    for (const m of source.matchAll(/\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})/g)) {
      const cp = parseInt(m[1] ?? m[2] ?? m[3]!, 16);
      if (cp <= 0x10ffff) spelled.add(cp);
    }
    this.extras = withCaseVariants(spelled).filter((cp) => !BASE_INDEX.has(cp)).map((cp) => String.fromCodePoint(cp));
    this.extras.forEach((ch, i) => this.extraIndex.set(ch.codePointAt(0)!, BASE_SAMPLES.length + i));
    this.words = Math.ceil((BASE_SAMPLES.length + this.extras.length) / 32);
  }

  problem(): string | null {
    const info = this.analyse(this.root, null, false, false);
    return this.countProblem() ?? this.lookbehindProblem() ?? this.nestingProblem() ?? this.adjacencyProblem(info);
  }

  // -- position automaton

  private analyse(node: Node, parent: Node | null, inLook: boolean, behind: boolean): Info {
    if (parent) this.parents.set(node, parent);
    if (behind) this.inLookbehind.add(node);
    const from = this.sets.length;
    const info = this.info(node, inLook, behind);
    this.ranges.set(node, [from, this.sets.length]);
    this.infos.set(node, info);
    return info;
  }

  private info(node: Node, inLook: boolean, behind: boolean): Info {
    const none: Info = { nullable: true, quiet: true, first: [], last: [], lastQuiet: [] };
    switch (node.t) {
      case "char":
      case "anchor": {
        if (node.t === "anchor" && node.multiline) return { ...none, quiet: false };
        const id = this.sets.length;
        this.sets.push(node.t === "char" ? this.charSet(node.src, node.flags) : new Uint32Array(this.words));
        this.follow.push(new Set());
        if (inLook) this.lookPositions.add(id);
        return { nullable: false, quiet: false, first: [id], last: [id], lastQuiet: [id] };
      }
      case "boundary":
        return { ...none, quiet: false };
      case "look": {
        // Zero-width for the main match; its body starts where it stands and leads nowhere after.
        const body = this.analyse(node.body, node, true, behind || node.behind);
        return { nullable: true, quiet: false, first: body.first, last: [], lastQuiet: [] };
      }
      case "group":
        return this.analyse(node.body, node, inLook, behind);
      case "alt": {
        const infos = node.branches.map((b) => this.analyse(b, node, inLook, behind));
        return {
          nullable: infos.some((i) => i.nullable),
          quiet: infos.some((i) => i.quiet),
          first: infos.flatMap((i) => i.first),
          last: infos.flatMap((i) => i.last),
          lastQuiet: infos.flatMap((i) => i.lastQuiet),
        };
      }
      case "seq": {
        const acc: Info = { ...none, first: [], last: [], lastQuiet: [] };
        for (const item of node.items) {
          const it = this.analyse(item, node, inLook, behind);
          for (const p of acc.last) for (const q of it.first) this.follow[p]!.add(q);
          if (acc.nullable) acc.first = [...acc.first, ...it.first];
          acc.last = it.nullable ? [...acc.last, ...it.last] : it.last;
          acc.lastQuiet = it.quiet ? [...acc.lastQuiet, ...it.lastQuiet] : it.lastQuiet;
          acc.nullable &&= it.nullable;
          acc.quiet &&= it.quiet;
        }
        return acc;
      }
      case "quant": {
        this.quants.push(node);
        const body = this.analyse(node.body, node, inLook, behind);
        if (node.max === 0) return none;
        if (node.max > 1) for (const p of body.last) for (const q of body.first) this.follow[p]!.add(q);
        return { ...body, nullable: node.min === 0 || body.nullable, quiet: node.min === 0 || body.quiet };
      }
    }
  }

  /** The samples one character matcher matches, tested natively. */
  private charSet(src: string, flags: Flags): Bits {
    const bits = new Uint32Array(this.words);
    const set = (k: number) => (bits[k >>> 5]! |= 1 << (k & 31));
    if (!flags.i && [...src].length === 1 && src !== ".") {
      const cp = src.codePointAt(0)!;
      set(BASE_INDEX.get(cp) ?? this.extraIndex.get(cp)!);
      return bits;
    }
    const key = `${flags.i ? "i" : ""}${flags.s ? "s" : ""}/${src}`;
    let re: RegExp | null = null;
    const regex = () => (re ??= new RegExp(`^(?:${src})$`, `u${flags.i ? "i" : ""}${flags.s ? "s" : ""}`));
    let base = baseSets.get(key);
    if (!base) {
      base = new Uint32Array(Math.ceil(BASE_SAMPLES.length / 32));
      BASE_SAMPLES.forEach((ch, k) => {
        if (regex().test(ch)) base![k >>> 5]! |= 1 << (k & 31);
      });
      remember(baseSets, key, base);
    }
    bits.set(base);
    this.extras.forEach((ch, i) => {
      if (regex().test(ch)) set(BASE_SAMPLES.length + i);
    });
    return bits;
  }

  private setOf(node: Node): Bits {
    const [from, to] = this.ranges.get(node)!;
    const bits = new Uint32Array(this.words);
    for (let p = from; p < to; p++) orInto(bits, this.sets[p]!);
    return bits;
  }

  private text(node: Node): string {
    return this.source.slice(node.start, node.end);
  }

  private inside(node: Node, ancestor: Node): boolean {
    for (let n: Node | undefined = this.parents.get(node); n; n = this.parents.get(n)) if (n === ancestor) return true;
    return false;
  }

  // -- rules

  private countProblem(): string | null {
    for (const q of this.quants) {
      let product = 1;
      for (let n: Node | undefined = q; n; n = this.parents.get(n)) {
        if (n.t === "quant") product *= Math.max(1, n.max === Infinity ? n.min : n.max);
      }
      if (product > LIMITS.maxPatternRepeat) {
        return `repetition count too large: "${this.text(q)}" repeats up to ${product} times counting enclosing repetitions; at most ${LIMITS.maxPatternRepeat} are accepted (bound string lengths with minLength/maxLength instead)`;
      }
    }
    return null;
  }

  private lookbehindProblem(): string | null {
    const q = this.quants.find((q) => this.inLookbehind.has(q) && q.max > 1 && q.min < q.max);
    return q ? `variable repetition inside a lookbehind: "${this.text(q)}" is rescanned backwards at every position; use a fixed-length lookbehind` : null;
  }

  /** Nested repetition and alternation inside repetition. */
  private nestingProblem(): string | null {
    for (const q of this.quants) {
      if (q.max <= 1) continue;
      const within = (n: Node) => this.inside(n, q);
      const inner = this.quants.find((n) => within(n) && n.min < n.max);
      const alternations = [...this.infos.keys()].filter((n): n is Extract<Node, { t: "alt" }> => n.t === "alt" && within(n));
      for (const alt of alternations) {
        const clash = this.ambiguousBranches(alt);
        if (clash) {
          return `alternation inside repetition: in "${this.text(q)}" ${clash}, so the repetition can match one string in exponentially many ways; use a character class (e.g. "[ab]" for "a|b") or branches that start with different characters`;
        }
      }
      if (inner && !this.separated(q)) {
        return `nested repetition: "${this.text(q)}" repeats "${this.text(inner)}", so one string can be split between the iterations in exponentially many ways; repeat a single character class instead, or begin or end each iteration with a character nothing else in it can match (e.g. "(?:-[a-z0-9]+)*")`;
      }
    }
    return null;
  }

  /** Why the branches of an alternation are ambiguous (one can match empty, or two can start with the same character), or null. */
  private ambiguousBranches(alt: Extract<Node, { t: "alt" }>): string | null {
    const firsts = alt.branches.map((b) => {
      const bits = new Uint32Array(this.words);
      for (const p of this.infos.get(b)!.first) orInto(bits, this.sets[p]!);
      return bits;
    });
    for (let a = 0; a < alt.branches.length; a++) {
      if (this.infos.get(alt.branches[a]!)!.nullable) return `the branch "${this.text(alt.branches[a]!)}" can match the empty string`;
      for (let b = a + 1; b < alt.branches.length; b++) {
        if (overlaps(firsts[a]!, firsts[b]!)) return `the branches "${this.text(alt.branches[a]!)}" and "${this.text(alt.branches[b]!)}" can start with the same character`;
      }
    }
    return null;
  }

  /**
   * Whether each iteration of `q` holds exactly one separator: a required
   * character at the top level of its body that nothing else in the body can
   * match, and iterations that cannot run into each other (the body starts or
   * ends with that separator, or no character can both end and start one).
   * Then the iterations' boundaries are fixed by where the separators are.
   */
  private separated(q: Extract<Node, { t: "quant" }>): boolean {
    const body = this.infos.get(q.body)!;
    const [from, to] = this.ranges.get(q.body)!;
    const firstBits = new Uint32Array(this.words);
    const lastBits = new Uint32Array(this.words);
    for (const p of body.first) orInto(firstBits, this.sets[p]!);
    for (const p of body.last) orInto(lastBits, this.sets[p]!);
    // Every alternative starts with its own separator (`(?:\.[a-z]+|-\d+)*`): iterations begin exactly where those characters are.
    const leading = this.infos.get(q.body)!.first;
    if (leading.length > 0 && leading.every((p) => !isEmpty(this.sets[p]!) && this.startsEveryBranch(q.body, p))) {
      const seps = new Uint32Array(this.words);
      for (const p of leading) orInto(seps, this.sets[p]!);
      let alone = true;
      for (let p = from; p < to && alone; p++) if (!leading.includes(p) && overlaps(this.sets[p]!, seps)) alone = false;
      if (alone) return true;
    }
    for (const item of this.topLevel(q.body)) {
      const s = this.ranges.get(item)![0];
      if (isEmpty(this.sets[s]!)) continue;
      let alone = true;
      for (let p = from; p < to && alone; p++) if (p !== s && overlaps(this.sets[p]!, this.sets[s]!)) alone = false;
      if (!alone) continue;
      const only = (ids: number[]) => ids.length === 1 && ids[0] === s;
      if (only(body.first) || only(body.last) || !overlaps(firstBits, lastBits)) return true;
    }
    return false;
  }

  /** Whether position `p` is a required first character of `node`: its first item, or the first item of one of its alternatives. */
  private startsEveryBranch(node: Node, p: number): boolean {
    switch (node.t) {
      case "char":
        return this.ranges.get(node)![0] === p;
      case "group":
        return this.startsEveryBranch(node.body, p);
      case "alt":
        return node.branches.some((b) => this.startsEveryBranch(b, p));
      case "seq":
        return node.items.length > 0 && this.startsEveryBranch(node.items[0]!, p);
      case "quant":
        return node.min >= 1 && node.max === 1 && this.startsEveryBranch(node.body, p);
      default:
        return false;
    }
  }

  /** The single characters a node always consumes at its top level (through groups and sequences, not alternatives or optional parts). */
  private topLevel(node: Node): Node[] {
    switch (node.t) {
      case "char":
        return [node];
      case "group":
        return this.topLevel(node.body);
      case "seq":
        return node.items.flatMap((i) => this.topLevel(i));
      case "quant":
        return node.min >= 1 && node.max === 1 ? this.topLevel(node.body) : [];
      default:
        return [];
    }
  }

  /**
   * Adjacent repetitions, and unanchored repetitions: can a variable
   * repetition R2 be reached from another one R1 (or from the implicit
   * "try every start position" in front of the pattern) through characters
   * that both could match? Then a failing match tries every split between
   * them.
   */
  private adjacencyProblem(root: Info): string | null {
    const variable = this.quants.filter((q) => q.max > 1 && q.min < q.max);
    const sets = new Map(variable.map((q) => [q, this.setOf(q)] as const));
    const accepting = new Set(root.lastQuiet.filter((p) => !this.lookPositions.has(p)));
    const reaches = (start: Iterable<number>, r1: Node | null, r1Bits: Bits, r2: Node, r2Bits: Bits): boolean => {
      const [from2, to2] = this.ranges.get(r2)!;
      const [from1, to1] = r1 ? this.ranges.get(r1)! : [0, 0];
      const seen = new Set<number>();
      const queue = [...start];
      while (queue.length > 0) {
        if (--this.budget.steps < 0) throw new OutOfBudget(OUT_OF_BUDGET);
        const p = queue.pop()!;
        if (seen.has(p)) continue;
        seen.add(p);
        const set = this.sets[p]!;
        if (!overlaps(set, r1Bits) || !overlaps(set, r2Bits)) continue; // a separator (or ^ / $)
        if (p >= from2 && p < to2) return true;
        if (p >= from1 && p < to1) continue;
        for (const q of this.follow[p]!) queue.push(q);
      }
      return false;
    };

    // The search tries every start position unless the pattern begins with ^.
    const everything = new Uint32Array(this.words).fill(0xffffffff);
    for (const r2 of variable) {
      const tailFree = this.infos.get(r2)!.last.some((p) => accepting.has(p));
      if (!tailFree && reaches(root.first, null, everything, r2, sets.get(r2)!)) {
        return `unanchored repetition: "${this.text(r2)}" can begin a match at every position and more pattern follows it, so a failing search takes quadratic time; anchor the pattern with "^", or drop the leading repetition (for a search, "a+b" finds the same strings as "ab")`;
      }
    }
    // Optional parts ("?") join in too: two in a row cost a factor of 2, but a chain of them, "a?a?a?...", is exponential.
    const optional = this.quants.filter((q) => q.min === 0 && q.max === 1);
    for (const q of optional) sets.set(q, this.setOf(q));
    const adjacent = new Map<Node, Node[]>();
    for (const r1 of [...variable, ...optional]) {
      const [from1, to1] = this.ranges.get(r1)!;
      for (const r2 of [...variable, ...optional]) {
        if (r2 === r1 || this.inside(r2, r1) || this.inside(r1, r2)) continue;
        const [r1Bits, r2Bits] = [sets.get(r1)!, sets.get(r2)!];
        if (!overlaps(r1Bits, r2Bits)) continue;
        // Leave R1 through a last character both could match (a group ending in a separator, "(?:[a-z]+-)*", cannot run into R2).
        const after = new Set<number>();
        for (const p of this.infos.get(r1)!.last) {
          if (!overlaps(this.sets[p]!, r1Bits) || !overlaps(this.sets[p]!, r2Bits)) continue;
          for (const q of this.follow[p]!) if (q < from1 || q >= to1) after.add(q);
        }
        if (!reaches(after, r1, r1Bits, r2, r2Bits)) continue;
        if (r1.t === "quant" && r1.max > 1 && r2.t === "quant" && r2.max > 1) {
          return `adjacent repetitions: "${this.text(r1)}" and "${this.text(r2)}" can match the same characters with nothing required between them that one of them cannot match, so a failing match tries every split between them (quadratic or worse); merge them into one repetition, or put a required separator between them`;
        }
        adjacent.set(r1, [...(adjacent.get(r1) ?? []), r2]);
      }
      if (optional.length > MAX_OPTIONAL_CHAIN && longestChain(adjacent).length > MAX_OPTIONAL_CHAIN) break; // found one already
    }
    const chain = longestChain(adjacent);
    if (chain.length > MAX_OPTIONAL_CHAIN) {
      const shown = chain.slice(0, MAX_OPTIONAL_CHAIN + 1).map((n) => `"${this.text(n)}"`).join(", ");
      return `too many optional parts in a row: ${shown}${chain.length > MAX_OPTIONAL_CHAIN + 1 ? ", ..." : ""} can match the same characters with nothing required between them, so a failing match tries exponentially many combinations; write one bounded repetition instead (e.g. "[a-z]{0,20}")`;
    }
    return null;
  }
}
