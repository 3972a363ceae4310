/**
 * The official JSON-Schema-Test-Suite (required tests of draft 2020-12 and
 * draft 7, not optional/) through the live REST API of `wrangler dev`, so the
 * Worker runs exactly as wrangler bundles it (test/json-schema-suite.test.ts
 * runs the same suite through the validator inside Vite's build, which once
 * hid a crash of the real bundle).
 *
 * For each test group: a store actor is created (`POST /pods/{pod}/actors`,
 * one pod per draft and file) with the group's schema, the suite's remotes
 * under `resources` when the schema mentions localhost:1234 (keyed
 * `http://localhost:1234/<path under remotes/>`, as the suite prescribes;
 * nothing is fetched), and `format` left to the gateway's default (assert).
 * Draft-07 schemas get `$schema: draft-07` when they have none (the gateway
 * defaults to 2020-12). Then each test's data is POSTed as an item: a valid
 * test passes on a 2xx, an invalid one on a 400 `invalid_document` with its
 * violations. A schema refused at creation fails every test of its group; a
 * 5xx anywhere is a failure and is listed apart.
 *
 * format.json's groups run a second time with `format: "annotate"`. The
 * "... is only an annotation by default" cases are left out of the default
 * count (the gateway asserts format by default, by design) and must pass
 * under annotate.
 *
 * Asserted per draft: no 5xx; at least 99.5% of the default-mode tests pass;
 * every format.json test passes under annotate; and the failures are exactly
 * those in ./json-schema-suite.known-failures.ts (a new failure fails, and so
 * does a listed one that now passes). On a mismatch the test prints a list
 * ready to paste into that file. Six requests in flight at a time.
 *
 *   npx vitest run --project e2e test/e2e/json-schema-suite.test.ts
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { KNOWN_FAILURES } from "./json-schema-suite.known-failures.js";
import { call, type Answer } from "./gateway-client.js";


const SUITE = fileURLToPath(new URL("../../../shared/data/json-schema-test-suite/", import.meta.url));
const IN_FLIGHT = 6;
const MIN_CONFORMANCE = 0.995;
const ANNOTATION_BY_DEFAULT = /only an annotation by default/;
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
const RUN = Math.random().toString(36).slice(2, 8);

type Draft = "2020-12" | "7";
type Mode = "default" | "annotate";

interface SuiteGroup {
  description: string;
  schema: unknown;
  tests: { description: string; data: unknown; valid: boolean }[];
}

interface Outcome {
  /** `file | group | test`, the key of the known-failures list. */
  id: string;
  mode: Mode;
  annotationByDefault: boolean;
  pass: boolean;
  /** What happened, for the failure list: the status and an excerpt of the body. */
  what: string;
  /** A short, normalised reason, to group failures. */
  cause: string;
}

interface ServerError {
  where: string;
  status: number;
  body: string;
}

interface DraftRun {
  outcomes: Outcome[];
  serverErrors: ServerError[];
}

function suiteFiles(dir: string): [string, SuiteGroup[]][] {
  const folder = join(SUITE, "tests", dir);
  return readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => [name, JSON.parse(readFileSync(join(folder, name), "utf8")) as SuiteGroup[]]);
}

function loadRemotes(): Record<string, unknown> {
  const root = join(SUITE, "remotes");
  const out: Record<string, unknown> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".json")) out[`http://localhost:1234/${relative(root, path).split(sep).join("/")}`] = JSON.parse(readFileSync(path, "utf8"));
    }
  };
  walk(root);
  return out;
}

if (!existsSync(join(SUITE, "tests"))) throw new Error(`JSON-Schema-Test-Suite not found at ${SUITE} (expected next to the repository, at ../shared/data/json-schema-test-suite)`);
const REMOTES = loadRemotes();

/** `400 invalid_config: <message>`, cut short. */
function excerpt(answer: Answer, max = 240): string {
  if (answer.status === 0) return answer.text.slice(0, max);
  const b = answer.json;
  const text = b && typeof b === "object" && "error" in b ? `${b.error}: ${b.message ?? ""}` : answer.text;
  return `${answer.status} ${text.length > max ? `${text.slice(0, max)}...` : text}`;
}

/** A detail message with its specifics (quoted strings, numbers) blanked, cut at its first clause. */
function normalise(message: unknown): string {
  return String(message ?? "")
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/`[^`]*`/g, "`…`")
    .replace(/(?:\/[^\s/]+){2,}/g, "/…")
    .replace(/\d+/g, "N")
    .split(/[;:]/)[0]!
    .trim()
    .slice(0, 90);
}

function refusalCause(answer: Answer): string {
  if (answer.status === 0) return "actor creation: request failed";
  if (answer.status >= 500) return `actor creation: ${answer.status}`;
  const details: any[] = Array.isArray(answer.json?.details) ? answer.json.details : [];
  if (details.length === 0) return `schema refused at creation: ${answer.status} ${answer.json?.error ?? ""} ${normalise(answer.json?.message)}`;
  // Where in the schema does not matter for grouping (the message names the keyword); other config keys do.
  const reasons = [...new Set(details.map((d) => (String(d?.path ?? "").startsWith("/schema") ? normalise(d?.message) : `${d?.path}: ${normalise(d?.message)}`)))].sort();
  return `schema refused at creation: ${reasons.join(" + ")}`;
}

function itemCause(expectedValid: boolean, answer: Answer): string {
  if (answer.status === 0) return "item: request failed";
  if (answer.status >= 500) return `item: ${answer.status}`;
  if (expectedValid) {
    const keywords = Array.isArray(answer.json?.details) ? [...new Set(answer.json.details.map((d: any) => d?.keyword))].sort().join(",") : "";
    return `expected valid, got ${answer.status} ${answer.json?.error ?? ""}${keywords ? ` (${keywords})` : ""}`;
  }
  return `expected invalid, got ${answer.status}${answer.status >= 400 ? ` ${answer.json?.error ?? ""}` : ""}`;
}

/** Runs `jobs` with at most `limit` in flight. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

function schemaFor(draft: Draft, schema: unknown): unknown {
  if (draft === "7" && schema !== null && typeof schema === "object" && !Array.isArray(schema) && !("$schema" in schema)) return { $schema: DRAFT_07, ...schema };
  return schema; // boolean schemas mean the same in both drafts
}

async function runGroup(draft: Draft, pod: string, file: string, group: SuiteGroup, mode: Mode, serverErrors: ServerError[]): Promise<Outcome[]> {
  const config: Record<string, unknown> = { actorType: "store", version: "v1", schema: schemaFor(draft, group.schema) };
  if (JSON.stringify(group.schema).includes("localhost:1234")) config.resources = REMOTES;
  if (mode === "annotate") config.format = "annotate";
  const created = await call("POST", `/pods/${pod}/actors`, { config });
  const where = `${file} | ${group.description}${mode === "annotate" ? " [format: annotate]" : ""}`;
  if (created.status >= 500) serverErrors.push({ where: `${where} | actor creation`, status: created.status, body: created.text.slice(0, 300) });
  const actorId: string | undefined = created.status === 201 ? created.json?.actorId : undefined;
  const outcomes: Outcome[] = [];
  for (const test of group.tests) {
    const base = { id: `${file} | ${group.description} | ${test.description}`, mode, annotationByDefault: ANNOTATION_BY_DEFAULT.test(test.description) };
    if (!actorId) {
      const what = created.status === 0 || created.status >= 500 ? `actor creation answered ${excerpt(created)}` : `schema refused at creation: ${excerpt(created)}`;
      outcomes.push({ ...base, pass: false, what, cause: refusalCause(created) });
      continue;
    }
    const answer = await call("POST", `/pods/${pod}/actors/${actorId}/items`, test.data);
    if (answer.status >= 500) serverErrors.push({ where: `${where} | ${test.description}`, status: answer.status, body: answer.text.slice(0, 300) });
    const ok2xx = answer.status >= 200 && answer.status < 300;
    const rejected = answer.status === 400 && answer.json?.error === "invalid_document" && Array.isArray(answer.json?.details) && answer.json.details.length > 0;
    const pass = test.valid ? ok2xx : rejected;
    const what = `expected ${test.valid ? "valid" : "invalid"}, got ${ok2xx ? `${answer.status}` : excerpt(answer)}`;
    outcomes.push({ ...base, pass, what, cause: pass ? "" : itemCause(test.valid, answer) });
  }
  return outcomes;
}

async function runDraft(draft: Draft, dir: string): Promise<DraftRun> {
  const files = suiteFiles(dir);
  const serverErrors: ServerError[] = [];
  const pods = new Map<string, string>();
  const podJobs = files.flatMap(([file, groups]) =>
    (["default", "annotate"] as Mode[])
      .filter((mode) => mode === "default" || file === "format.json")
      .map((mode) => async () => {
        const name = `suite-${draft.replace(/\D/g, "")}-${file.replace(/\.json$/, "").toLowerCase().replace(/[^a-z0-9]+/g, "-")}${mode === "annotate" ? "-annotate" : ""}-${RUN}`.slice(0, 63);
        const res = await call("POST", "/pods", { name });
        if (res.status !== 201) throw new Error(`could not create pod ${name}: ${excerpt(res)}`);
        pods.set(`${file}|${mode}`, name);
        return groups.length;
      }),
  );
  await pool(podJobs, IN_FLIGHT);
  const groupJobs = files.flatMap(([file, groups]) =>
    groups.flatMap((group) =>
      (["default", "annotate"] as Mode[])
        .filter((mode) => mode === "default" || file === "format.json")
        .map((mode) => () => runGroup(draft, pods.get(`${file}|${mode}`)!, file, group, mode, serverErrors)),
    ),
  );
  const outcomes = (await pool(groupJobs, IN_FLIGHT)).flat();
  return { outcomes, serverErrors };
}

const pct = (n: number, d: number) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(2)}%`);

/** Default-mode outcomes that count: every one but the annotation-by-default cases. */
const counted = (run: DraftRun) => run.outcomes.filter((o) => o.mode === "default" && !o.annotationByDefault);

function report(draft: Draft, run: DraftRun): string {
  const main = counted(run);
  const passed = main.filter((o) => o.pass).length;
  const annotationCases = run.outcomes.filter((o) => o.annotationByDefault);
  const underAssert = annotationCases.filter((o) => o.mode === "default");
  const underAnnotate = annotationCases.filter((o) => o.mode === "annotate");
  const annotateRun = run.outcomes.filter((o) => o.mode === "annotate");
  const failures = run.outcomes.filter((o) => !o.pass && !(o.mode === "default" && o.annotationByDefault));
  const causes = new Map<string, number>();
  for (const f of failures) causes.set(`${f.mode === "annotate" ? "[format: annotate] " : ""}${f.cause}`, (causes.get(`${f.mode === "annotate" ? "[format: annotate] " : ""}${f.cause}`) ?? 0) + 1);
  const lines = [
    `JSON-Schema-Test-Suite over REST (wrangler dev), draft ${draft}:`,
    `  default format mode: ${passed}/${main.length} passed (${pct(passed, main.length)}); ${underAssert.length} "only an annotation by default" cases counted apart`,
    `  "only an annotation by default" cases: ${underAssert.filter((o) => o.pass).length}/${underAssert.length} pass with the default (assert), ${underAnnotate.filter((o) => o.pass).length}/${underAnnotate.length} with format "annotate"`,
    `  format.json with format "annotate": ${annotateRun.filter((o) => o.pass).length}/${annotateRun.length} passed`,
    `  5xx answers: ${run.serverErrors.length}`,
  ];
  for (const e of run.serverErrors) lines.push(`    ${e.status} ${e.where}: ${e.body.replace(/\s+/g, " ")}`);
  if (failures.length) {
    lines.push(`  failures by cause (${failures.length}):`);
    for (const [cause, n] of [...causes].sort((a, b) => b[1] - a[1])) lines.push(`    ${String(n).padStart(4)}  ${cause}`);
    lines.push(`  failures (file | group | test | what happened):`);
    for (const f of failures) lines.push(`    ${f.id}${f.mode === "annotate" ? " [format: annotate]" : ""} | ${f.what.replace(/\s+/g, " ")}`);
  }
  return lines.join("\n");
}

/** The known-failures entries for this draft's current failures, grouped by cause, ready to paste. */
function pasteList(draft: Draft, run: DraftRun): string {
  const listed = KNOWN_FAILURES[draft];
  const byCause = new Map<string, Outcome[]>();
  for (const o of counted(run).filter((o) => !o.pass)) byCause.set(o.cause, [...(byCause.get(o.cause) ?? []), o]);
  const lines = [`Ready to paste into test/e2e/json-schema-suite.known-failures.ts, as KNOWN_FAILURES["${draft}"] (replace each TODO with the reason):`, `  "${draft}": {`];
  for (const [cause, outcomes] of [...byCause].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(`    // ${outcomes.length} × ${cause}`);
    for (const o of outcomes) lines.push(`    ${JSON.stringify(o.id)}: ${JSON.stringify(listed[o.id] ?? `TODO: ${o.what.slice(0, 160)}`)},`);
  }
  lines.push("  },");
  return lines.join("\n");
}

describe.each([
  ["2020-12", "draft2020-12"],
  ["7", "draft7"],
] as const)("JSON-Schema-Test-Suite over REST against wrangler dev, draft %s", (draft, dir) => {
  let run: DraftRun;

  beforeAll(async () => {
    run = await runDraft(draft, dir);
    console.log(report(draft, run));
  }, 1_200_000);

  it("ran the suite's required tests", () => {
    expect(counted(run).length).toBeGreaterThan(800);
  });

  it("answers no 5xx, at actor creation or on items", () => {
    expect(run.serverErrors.map((e) => `${e.status} ${e.where}: ${e.body.slice(0, 160)}`)).toEqual([]);
  });

  it(`passes at least ${MIN_CONFORMANCE * 100}% of the required tests with the default format mode (refused schemas count as failed)`, () => {
    const main = counted(run);
    const passed = main.filter((o) => o.pass).length;
    expect(passed / main.length, `${passed}/${main.length} passed`).toBeGreaterThanOrEqual(MIN_CONFORMANCE);
  });

  it(`passes every format.json test, "only an annotation by default" cases included, with format "annotate"`, () => {
    const annotate = run.outcomes.filter((o) => o.mode === "annotate");
    expect(annotate.length).toBeGreaterThan(0);
    expect(annotate.filter((o) => o.annotationByDefault).length).toBe(run.outcomes.filter((o) => o.mode === "default" && o.annotationByDefault).length);
    expect(annotate.filter((o) => !o.pass).map((o) => `${o.id} | ${o.what}`)).toEqual([]);
  });

  it("fails only the listed known failures, and every listed failure still fails (the list only shrinks)", () => {
    const listed = KNOWN_FAILURES[draft];
    const failing = new Set(counted(run).filter((o) => !o.pass).map((o) => o.id));
    const all = new Set(run.outcomes.map((o) => o.id));
    const newFailures = [...failing].filter((id) => !(id in listed));
    const nowPassing = Object.keys(listed).filter((id) => !failing.has(id));
    const unreasoned = Object.entries(listed).filter(([, reason]) => !reason.trim() || /^TODO\b/.test(reason)).map(([id]) => id);
    if (newFailures.length || nowPassing.length || unreasoned.length) console.log(pasteList(draft, run));
    expect(newFailures, "new failures: fix them, or list them with a reason").toEqual([]);
    expect(
      nowPassing.map((id) => (all.has(id) ? id : `${id} (no such test in the suite)`)),
      "listed failures that now pass: remove them from the list",
    ).toEqual([]);
    expect(unreasoned, "listed failures without a reason").toEqual([]);
  });
});
