/**
 * Docs stay true: every runnable code block of README.md and docs/*.md runs
 * against `wrangler dev`, in order, one bash process per file, so a block may
 * use what an earlier block of the same file created (shell variables such as
 * ACTOR or KEY included). Relative links between the pages must resolve too.
 *
 * How a fenced block is treated, by its info string (language, then flags):
 *
 *   ```sh  (or bash, shell)   run with bash (`set -euo pipefail`); it must
 *                             exit 0 and print no JSON "error"/"errors" key
 *   ```graphql                sent with the admin key to the endpoint its first
 *                             line names, `# POST /graphql` or
 *                             `# POST /pods/demo/graphql`; an optional next line
 *                             `# variables: { "id": "$ITEM" }` gives variables
 *                             (shell variables of earlier blocks expand in it);
 *                             the answer must be a 2xx with no "errors"
 *   ...  expect-error         an error example: it must print an "error" or
 *                             "errors" key (its exit code is not checked, since
 *                             `curl --fail-with-body` exits 22 on a 4xx)
 *   ...  no-run               shown, never run (`npm start`, `wrangler deploy`,
 *                             streams that never end)
 *   any other language        (json, js, text, toml, ...) never run
 *
 * Any other flag fails the test, so a typo cannot silently skip a block.
 * DOCS_TEST_VERBOSE=1 prints every block's output.
 * Before a block runs, `localhost:8787` becomes the test gateway's host and
 * port, `dev-admin-key` the test's admin key, and the word `demo` a pod name
 * fresh for this run and this file. Each page names its pod with it, and no
 * two pages the same (README `demo`, getting-started `start-demo`, rest
 * `rest-demo`, ...), so a reader following pages one after another never
 * meets a 409; do not use the word otherwise in examples.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";

const url = inject("gatewayUrl");
const adminKey = inject("adminKey");
const host = new URL(url).host;
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FILES = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];
/** Pages that must keep at least one runnable block (guards against the extraction silently finding none). */
const MUST_RUN = ["README.md", "docs/getting-started.md", "docs/graphql.md", "docs/rest.md", "docs/typed-graphql.md", "docs/subscriptions.md", "docs/troubleshooting.md"];
const SHELLS = new Set(["sh", "bash", "shell"]);
const FLAGS = new Set(["no-run", "expect-error"]);
const RUN_ID = Date.now().toString(36);

interface Block {
  lang: string;
  flags: Set<string>;
  /** 1-based line of the opening fence. */
  line: number;
  text: string;
}

/** The fenced code blocks of a Markdown file, indented ones (inside list items) included. */
function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open as unknown as [string, string, string, string, string];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = new RegExp(`^\\s*${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
      if (close.test(lines[j]!)) break;
      body.push(lines[j]!.startsWith(indent) ? lines[j]!.slice(indent.length) : lines[j]!.trimStart());
    }
    blocks.push({ lang: lang.toLowerCase(), flags: new Set(rest.trim().split(/\s+/).filter(Boolean)), line: i + 1, text: body.join("\n") });
    i = j;
  }
  return blocks;
}

function runnable(block: Block): boolean {
  return (SHELLS.has(block.lang) || block.lang === "graphql") && !block.flags.has("no-run");
}

function podFor(file: string): string {
  return `docs-${RUN_ID}-${basename(file, ".md").toLowerCase().replace(/[^a-z0-9-]/g, "-")}`.slice(0, 63);
}

function substitute(text: string, pod: string): string {
  return text.replaceAll("localhost:8787", host).replaceAll("dev-admin-key", adminKey).replace(/\bdemo\b/g, pod);
}

/** A GraphQL block as a bash command: the query and variables POSTed with curl, so earlier blocks' variables expand. */
function graphqlCommand(block: Block, text: string, dir: string, index: number): string {
  const lines = text.split("\n");
  const target = /^#\s*POST\s+(\/\S*)\s*$/.exec(lines[0] ?? "");
  if (!target) throw new Error(`line ${block.line}: a runnable graphql block must start with "# POST /graphql" or "# POST /pods/<pod>/graphql" (or be marked no-run)`);
  const variables = /^#\s*variables:\s*(.+)$/.exec(lines[1] ?? "");
  const queryFile = join(dir, `query.${index}.json`);
  writeFileSync(queryFile, JSON.stringify(lines.join("\n")));
  const vars = variables ? variables[1]! : "null";
  return [
    `__DOCS_VARS=$(cat <<__DOCS_EOF__\n${vars}\n__DOCS_EOF__\n)`,
    `printf '{"query":%s,"variables":%s}' "$(cat '${queryFile}')" "$__DOCS_VARS" | curl -sS --fail-with-body '${url}${target[1]}' -H 'Authorization: Bearer ${adminKey}' -H 'content-type: application/json' --data-binary @-`,
  ].join("\n");
}

interface Outcome {
  block: Block;
  ran: boolean;
  exitCode: number | null;
  output: string;
}

/** Runs a file's runnable blocks in order in one bash process; stops at the first block that fails. */
async function runFile(file: string, blocks: Block[]): Promise<Outcome[]> {
  const dir = mkdtempSync(join(tmpdir(), "docs-test-"));
  const pod = podFor(file);
  try {
    const script = ["set -euo pipefail"];
    blocks.forEach((block, i) => {
      const text = substitute(block.text, pod);
      const command = block.lang === "graphql" ? graphqlCommand(block, text, dir, i) : text;
      const out = join(dir, `out.${i}`);
      const rc = join(dir, `rc.${i}`);
      if (block.flags.has("expect-error")) {
        script.push("set +e", `{\n${command}\n} > '${out}' 2>&1`, `echo $? > '${rc}'`, "set -e");
      } else {
        script.push(`{\n${command}\n} > '${out}' 2>&1`, `echo 0 > '${rc}'`);
      }
    });
    const scriptFile = join(dir, "run.sh");
    writeFileSync(scriptFile, script.join("\n") + "\n");
    // With `set -e` bash exits with the failing command's status, which belongs to the block that did not finish.
    const status = await new Promise<number | null>((done) => {
      const child = spawn("bash", ["--noprofile", "--norc", scriptFile], { cwd: dir, stdio: "ignore", timeout: 90_000 });
      child.on("exit", (code) => done(code));
      child.on("error", () => done(null));
    });
    return blocks.map((block, i) => {
      const out = join(dir, `out.${i}`);
      const rc = join(dir, `rc.${i}`);
      const output = existsSync(out) ? readFileSync(out, "utf8") : "";
      if (!existsSync(out)) return { block, ran: false, exitCode: null, output };
      return { block, ran: true, exitCode: existsSync(rc) ? Number(readFileSync(rc, "utf8").trim()) : (status || -1), output };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ERROR_KEY = /"errors?"\s*:/;

function problem(o: Outcome): string | null {
  if (!o.ran) return "not run: an earlier block failed";
  if (o.block.flags.has("expect-error")) return ERROR_KEY.test(o.output) ? null : `expected an "error"/"errors" key in the output (exit code ${o.exitCode})`;
  if (o.exitCode !== 0) return `exit code ${o.exitCode}`;
  if (ERROR_KEY.test(o.output)) return `the output has an "error"/"errors" key`;
  return null;
}

describe("docs: runnable code blocks", () => {
  const counts: Record<string, number> = {};

  it.each(FILES)("%s", async (file) => {
    const all = fencedBlocks(readFileSync(join(ROOT, file), "utf8"));
    for (const block of all) {
      const unknown = [...block.flags].filter((f) => !FLAGS.has(f));
      expect(unknown, `${file}:${block.line}: unknown flag(s) on a code block`).toEqual([]);
    }
    const blocks = all.filter(runnable);
    counts[file] = blocks.length;
    console.log(`${file}: ${blocks.length} runnable block(s) of ${all.length}`);
    if (MUST_RUN.includes(file)) expect(blocks.length, `${file} has no runnable block`).toBeGreaterThan(0);
    if (blocks.length === 0) return;
    const outcomes = await runFile(file, blocks);
    if (process.env.DOCS_TEST_VERBOSE) for (const o of outcomes) console.log(`--- ${file}:${o.block.line} exit ${o.exitCode}\n${o.output}`);
    const failures = outcomes.flatMap((o) => {
      const why = problem(o);
      return why ? [`${file}:${o.block.line} (${o.block.lang}${[...o.block.flags].map((f) => " " + f).join("")}): ${why}\n--- block\n${o.block.text}\n--- output\n${o.output.slice(0, 3000)}`] : [];
    });
    expect(failures.join("\n\n")).toBe("");
  }, 120_000);

  it("counts", () => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`runnable blocks per file: ${JSON.stringify(counts)} (total ${total})`);
    // Zero files counted means the per-file tests were filtered out (-t), not that the docs lost their blocks.
    if (Object.keys(counts).length > 0) expect(total).toBeGreaterThan(0);
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1]!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

describe("docs: links", () => {
  it("README links every page in docs/", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const missing = FILES.filter((f) => f.startsWith("docs/") && !readme.includes(`](${f})`));
    expect(missing).toEqual([]);
  });

  it.each(FILES)("relative links in %s resolve", (file) => {
    const markdown = readFileSync(join(ROOT, file), "utf8").replace(/^\s*(```|~~~)[\s\S]*?^\s*\1\s*$/gm, "");
    const broken: string[] = [];
    for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target!)) continue;
      const [path, anchor] = target!.split("#") as [string, string | undefined];
      const resolved = path === "" ? join(ROOT, file) : resolve(join(ROOT, dirname(file)), path);
      if (!existsSync(resolved)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (anchor && resolved.endsWith(".md") && !anchors(readFileSync(resolved, "utf8")).has(anchor)) broken.push(`${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });
});
