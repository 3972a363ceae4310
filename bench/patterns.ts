/**
 * 8. Patterns: the collection of real patterns
 * (test/fixtures/patterns/real-world-patterns.json, from
 * scripts/collect-patterns.ts) through the shipped pattern engine
 * (src/store/pattern-engine.ts): the share it accepts, and the time of each
 * accepted pattern on the adversarial 100 KB inputs derived from it
 * (test/pattern-inputs.ts, as in test/pattern-engine.test.ts; median of 3
 * runs per input). Beside it, the same patterns and inputs on V8's native
 * `new RegExp(p, "u")`, what the gateway would run without RE2: each native
 * match runs in a worker thread that is terminated when one match takes
 * longer than the cap (2 s, 0.5 s with --quick), and the patterns that hit
 * the cap are counted. The patterns the engine refuses are run natively too,
 * to show what refusing them avoids. Runs in Node; workerd runs the same V8.
 */
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { compilePattern } from "../src/store/pattern-engine.js";
import { adversarialInputs, ADVERSARIAL_LENGTH, PATTERN_SOURCES, patternSource } from "../test/pattern-inputs.js";
import { median } from "./stats.js";

interface Collected {
  pattern: string;
  groups: string[];
}

/** Runs `new RegExp(pattern, "u").test(input)` for each input, posting each time; the caller terminates it when one runs too long. */
const NATIVE_WORKER = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", ({ pattern, inputs }) => {
  const re = new RegExp(pattern, "u");
  for (let i = 0; i < inputs.length; i++) {
    const start = performance.now();
    re.test(inputs[i]);
    parentPort.postMessage({ i, ms: performance.now() - start });
  }
});
`;

interface NativeResult {
  /** Per input, the time, until the one that hit the cap. */
  times: number[];
  /** The input that hit the cap, if one did. */
  capped: number | null;
}

class NativeRunner {
  private worker: Worker | null = null;

  constructor(private readonly capMs: number) {}

  async run(pattern: string, inputs: string[]): Promise<NativeResult> {
    const worker = (this.worker ??= new Worker(NATIVE_WORKER, { eval: true }));
    return new Promise<NativeResult>((resolve, reject) => {
      const times: number[] = [];
      let timer: NodeJS.Timeout;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          cleanup();
          this.worker = null;
          void worker.terminate();
          resolve({ times, capped: times.length });
        }, this.capMs);
      };
      const onMessage = ({ ms }: { i: number; ms: number }) => {
        times.push(ms);
        if (times.length === inputs.length) {
          cleanup();
          resolve({ times, capped: null });
        } else arm();
      };
      const onError = (error: Error) => {
        cleanup();
        this.worker = null;
        reject(error);
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      arm();
      worker.postMessage({ pattern, inputs });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

const category = (p: Collected) => patternSource(p.groups);
const short = (s: string, max = 60) => {
  const json = JSON.stringify(s);
  return json.length > max ? `${json.slice(0, max)}…"` : json;
};

interface Timed {
  pattern: string;
  worstMs: number;
  matches: number[];
}

function summarize(list: Timed[]) {
  const worst = [...list].sort((a, b) => b.worstMs - a.worstMs)[0];
  return {
    patterns: list.length,
    matches: list.reduce((n, t) => n + t.matches.length, 0),
    medianMsPerMatch: median(list.flatMap((t) => t.matches)),
    medianWorstMsPerPattern: median(list.map((t) => t.worstMs)),
    worstMs: worst?.worstMs ?? 0,
    worstPattern: worst?.pattern ?? "",
  };
}

export async function benchPatterns({ quick = false } = {}) {
  const capMs = quick ? 500 : 2000;
  const repeats = quick ? 1 : 3;
  const file = new URL("../test/fixtures/patterns/real-world-patterns.json", import.meta.url);
  const all = (JSON.parse(readFileSync(file, "utf8")) as { patterns: Collected[] }).patterns;
  const compiled = all.map((entry) => ({ entry, compiled: compilePattern(entry.pattern) }));
  const accepted = compiled.filter((c) => c.compiled.ok);
  const refused = compiled.filter((c) => !c.compiled.ok);
  const byEngine = (engine: string) => accepted.filter((c) => c.compiled.ok && c.compiled.engine === engine).length;

  // The shipped engine, in this thread: linear time, no cap needed.
  const shipped: Timed[] = [];
  const inputsOf = new Map<string, string[]>();
  for (const { entry, compiled: c } of accepted) {
    if (!c.ok) continue;
    const inputs = adversarialInputs(entry.pattern).map((i) => i.input);
    inputsOf.set(entry.pattern, inputs);
    const matches = inputs.map((input) => {
      const runs: number[] = [];
      for (let r = 0; r < repeats; r++) {
        const start = performance.now();
        c.matcher.test(input);
        runs.push(performance.now() - start);
      }
      return median(runs);
    });
    shipped.push({ pattern: entry.pattern, worstMs: Math.max(...matches), matches });
  }

  // V8's backtracking engine on the same inputs, each match capped.
  const runner = new NativeRunner(capMs);
  const native = async (patterns: string[]) => {
    const finished: Timed[] = [];
    const capped: string[] = [];
    for (const pattern of patterns) {
      const inputs = inputsOf.get(pattern) ?? adversarialInputs(pattern).map((i) => i.input);
      let result: NativeResult;
      try {
        result = await runner.run(pattern, inputs);
      } catch {
        continue; // does not compile natively (refused as invalid)
      }
      if (result.capped !== null) capped.push(pattern);
      else finished.push({ pattern, worstMs: Math.max(...result.times), matches: result.times });
    }
    return { finished, capped };
  };
  let nativeAccepted: Awaited<ReturnType<typeof native>>;
  let nativeRefused: Awaited<ReturnType<typeof native>>;
  try {
    nativeAccepted = await native(accepted.map((c) => c.entry.pattern));
    nativeRefused = await native(refused.filter((c) => compilesNatively(c.entry.pattern)).map((c) => c.entry.pattern));
  } finally {
    await runner.close();
  }

  const fmt = (n: number) => (n < 0.1 ? n.toFixed(3) : n < 10 ? n.toFixed(2) : n.toFixed(0));
  const engineOf = new Map(accepted.map((c) => [c.entry.pattern, c.compiled.ok ? c.compiled.engine : ""] as const));
  const cappedOnBacktracking = nativeAccepted.capped.filter((p) => engineOf.get(p) === "backtracking");
  const categoryOf = new Map(all.map((e) => [e.pattern, category(e)] as const));
  const details = [
    `   ${nativeAccepted.capped.length} accepted patterns hit the ${capMs} ms cap natively (${cappedOnBacktracking.length} of them run on the backtracking fallback in the gateway):`,
    ...nativeAccepted.capped.map((p) => `     [${engineOf.get(p)}, ${categoryOf.get(p)}] ${short(p, 100)}`),
    `   ${nativeRefused.capped.length} refused patterns hit it:`,
    ...nativeRefused.capped.map((p) => `     [${categoryOf.get(p)}] ${short(p, 100)}`),
    `   slowest on the shipped engine: ${[...shipped].sort((a, b) => b.worstMs - a.worstMs).slice(0, 5).map((t) => `${short(t.pattern, 50)} ${fmt(t.worstMs)} ms`).join("; ")}`,
  ];
  console.log(details.join("\n"));
  const categories = Object.fromEntries(
    PATTERN_SOURCES.map((cat) => {
      const here = compiled.filter((c) => category(c.entry) === cat);
      return [cat, { patterns: here.length, accepted: here.filter((c) => c.compiled.ok).length }];
    }),
  );
  const results = {
    collection: "test/fixtures/patterns/real-world-patterns.json",
    inputLength: ADVERSARIAL_LENGTH,
    capMs,
    patterns: all.length,
    accepted: accepted.length,
    re2: byEngine("re2"),
    backtracking: byEngine("backtracking"),
    refused: refused.length,
    categories,
    shipped: summarize(shipped),
    nativeOnAccepted: { ...summarize(nativeAccepted.finished), hitCap: nativeAccepted.capped.length, hitCapOnBacktracking: cappedOnBacktracking.length, cappedPatterns: nativeAccepted.capped },
    nativeOnRefused: { ...summarize(nativeRefused.finished), hitCap: nativeRefused.capped.length, cappedPatterns: nativeRefused.capped },
  };

  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
  const s = results.shipped;
  const na = results.nativeOnAccepted;
  const nr = results.nativeOnRefused;
  const kb = `${ADVERSARIAL_LENGTH / 1000} KB`;
  const rows: string[][] = [
    [
      `Patterns accepted, ${all.length} real patterns`,
      `${accepted.length} (${pct(accepted.length, all.length)}): RE2 ${results.re2}, backtracking ${results.backtracking}; refused ${refused.length}`,
      `from real schemas ${categories.schema!.accepted}/${categories.schema!.patterns}, JSON-Schema-Test-Suite ${categories["test-suite"]!.accepted}/${categories["test-suite"]!.patterns}, pattern libraries ${categories.library!.accepted}/${categories.library!.patterns}, ReDoS literature ${categories.literature!.accepted}/${categories.literature!.patterns} (a pattern counts where it is first in this order); ${results.collection}`,
    ],
    [
      `Adversarial ${kb} match, shipped engine`,
      `median ${fmt(s.medianMsPerMatch)} ms per match; worst per pattern: median ${fmt(s.medianWorstMsPerPattern)} ms, worst ${fmt(s.worstMs)} ms`,
      `${s.matches} matches over the ${s.patterns} accepted patterns (${repeats === 1 ? "one run" : `median of ${repeats} runs`} each); worst on ${short(s.worstPattern)}`,
    ],
    [
      `Same, V8 native RegExp (cap ${capMs / 1000} s per match)`,
      `**${na.hitCap} of ${accepted.length} patterns hit the cap** (worst ≥ ${capMs / 1000} s; ${cappedOnBacktracking.length} of them on the gateway's backtracking fallback); the other ${na.patterns}: median ${fmt(na.medianMsPerMatch)} ms per match, worst per pattern median ${fmt(na.medianWorstMsPerPattern)} ms, worst ${fmt(na.worstMs)} ms`,
      `what RE2 avoids: ${na.cappedPatterns.slice(0, 4).map((p) => short(p, 40)).join(", ")}${na.hitCap > 4 ? ", …" : ""} (all listed in the section output, and in results.json on a full run); slowest uncapped ${short(na.worstPattern, 50)}`,
    ],
    [
      `Refused patterns, V8 native RegExp (cap ${capMs / 1000} s)`,
      `${nr.hitCap} of ${nr.patterns + nr.hitCap} hit the cap; the others: worst ${fmt(nr.worstMs)} ms`,
      `the ${refused.length - nr.patterns - nr.hitCap} refused as invalid with the u flag are not run`,
    ],
  ];
  return { results, rows };
}

function compilesNatively(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}
