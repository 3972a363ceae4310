/**
 * Writes test/fixtures/patterns/real-world-patterns.json and its SOURCES.md:
 * every unique JSON Schema `pattern` value and `patternProperties` key found
 * in real schemas, with where each was first seen and which sources hold it.
 * test/pattern-engine.test.ts compiles every one with the gateway's pattern
 * engine, and bench/patterns.ts times them on adversarial 100 KB inputs.
 *
 *   npx tsx scripts/collect-patterns.ts           # (re)write the collection
 *   npx tsx scripts/collect-patterns.ts --check   # exit 1 when the committed collection is stale
 *
 * Sources, in this order (a pattern's `first` is its first occurrence in it):
 * the project's fixtures (test/fixtures/real-world, test/fixtures/schema-corpus),
 * the whole GitHub REST description in @octokit/openapi (every JSON file),
 * @readme/oas-examples, resume-schema, geojson-schema, cloudevents (its
 * schema is embedded in the compiled validator), published schemas other
 * packages ship (PUBLISHED below), the official JSON-Schema-Test-Suite
 * (shared/data), the regular expression literals of pattern libraries
 * (validator.js and the format checks of JSON Schema validators and zod:
 * LIBRARIES below), and the reference lists of test/regex-safety.patterns.ts,
 * marked "literature".
 *
 * Only keyword positions count: a walk treats the values of `properties`,
 * `definitions`, `$defs`, `dependentSchemas` and `patternProperties` as
 * schemas whose names are not keywords (so a meta-schema's
 * `"properties": { "pattern": { "type": "string" } }` is not a pattern), and
 * skips example, default, enum and const values (data, not schemas), except
 * an OpenAPI `responses.default`, which is a response.
 *
 * Deterministic: files are read in sorted order, keys in document order.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseJavaScript } from "@babel/parser";
import { EVIL_PATTERNS, SAFE_PATTERNS } from "../test/regex-safety.patterns.js";
import { jsonFiles, objectLiteralEnd } from "./lib/json-source.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "test/fixtures/patterns");
const MODULES = join(ROOT, "node_modules");
/** The official JSON-Schema-Test-Suite, where test/json-schema-suite.test.ts reads it. */
const TEST_SUITE = join(ROOT, "../shared/data/json-schema-test-suite");
const JSON_FILE = "real-world-patterns.json";
const SOURCES_FILE = "SOURCES.md";

/** A JSON Schema keyword, or a regular expression literal of a pattern library. */
type Kind = "pattern" | "patternProperties" | "regexLiteral";

interface Group {
  id: string;
  title: string;
  /** Package@version, or the project folder. */
  origin: string;
  licence: string;
  about: string;
  files: string[];
  occurrences: number;
}

interface Entry {
  pattern: string;
  kinds: Kind[];
  /** Groups it occurs in, in source order. */
  groups: string[];
  occurrences: number;
  /** Its first occurrence: file (package@version/path for npm packages) and JSON pointer. */
  first: string;
  /** Only for patterns of test/regex-safety.patterns.ts: which list holds it. */
  literature?: "safe" | "evil";
}

const groups: Group[] = [];
const entries = new Map<string, Entry>();

// ---------------------------------------------------------------- walking

const NAME_MAPS = new Set(["properties", "definitions", "$defs", "dependentSchemas", "patternProperties"]);
const DATA_KEYS = new Set(["example", "examples", "default", "enum", "const"]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

function record(group: Group, pattern: string, kind: Kind, where: string): void {
  group.occurrences++;
  const known = entries.get(pattern);
  if (!known) {
    entries.set(pattern, { pattern, kinds: [kind], groups: [group.id], occurrences: 1, first: where });
    return;
  }
  known.occurrences++;
  if (!known.kinds.includes(kind)) known.kinds.push(kind);
  if (!known.groups.includes(group.id)) known.groups.push(group.id);
}

/** Every pattern in `value`, a schema or a document (OpenAPI, a schema file) that holds schemas. */
function walk(group: Group, file: string, value: Json, pointer = "", parentKey = ""): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(group, file, v, `${pointer}/${i}`));
    return;
  }
  if (!isObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const at = `${pointer}/${escapePointer(key)}`;
    if (DATA_KEYS.has(key) && !(key === "default" && parentKey === "responses")) continue;
    if (key === "pattern" && typeof v === "string") record(group, v, "pattern", `${file}#${at}`);
    if (NAME_MAPS.has(key) && isObject(v)) {
      for (const [name, sub] of Object.entries(v)) {
        if (key === "patternProperties") record(group, name, "patternProperties", `${file}#${at}`);
        walk(group, file, sub, `${at}/${escapePointer(name)}`);
      }
    } else walk(group, file, v, at, key);
  }
}


function pkg(name: string): { dir: string; version: string; license: string } {
  const dir = join(MODULES, name);
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string; license: string };
  return { dir, version: meta.version, license: meta.license };
}

function group(id: string, title: string, origin: string, licence: string, about: string): Group {
  const g: Group = { id, title, origin, licence, about, files: [], occurrences: 0 };
  groups.push(g);
  return g;
}

/** Walks JSON files; `label` names each file in the output, `pick` selects the schema inside it. */
function walkFiles(g: Group, paths: string[], label: (path: string) => string, pick: (json: Json) => Json = (j) => j): void {
  for (const path of paths) {
    const name = label(path);
    g.files.push(name);
    walk(g, name, pick(JSON.parse(readFileSync(path, "utf8")) as Json));
  }
}

/** Files of an npm package, named `<name>@<version>/<path>`. */
function packageFiles(g: Group, name: string, paths: string[]): void {
  const p = pkg(name);
  walkFiles(g, paths.map((f) => join(p.dir, f)), (path) => `${name}@${p.version}/${relative(p.dir, path)}`);
}

function packageJsonFiles(name: string): string[] {
  const p = pkg(name);
  return jsonFiles(p.dir)
    .filter((f) => !relative(p.dir, f).split("/").includes("node_modules") && !f.endsWith("/package.json"))
    .map((f) => relative(p.dir, f));
}

// ---------------------------------------------------------------- sources

/** Licences of the real-world fixtures by subfolder, from the table of their SOURCES.md. */
function realWorldLicences(): Map<string, Set<string>> {
  const text = readFileSync(join(ROOT, "test/fixtures/real-world/SOURCES.md"), "utf8");
  const out = new Map<string, Set<string>>();
  let folder = "";
  for (const line of text.split("\n")) {
    const heading = /^## .*\(`([^`]+)\/`\)$/.exec(line);
    if (heading) folder = heading[1]!;
    const row = /^\| `[^`]+\.json` \|.*\| ([^|]+) \| [^|]+ \|$/.exec(line);
    if (row && folder) {
      if (!out.has(folder)) out.set(folder, new Set());
      out.get(folder)!.add(row[1]!.trim());
    }
  }
  return out;
}

function projectFixtures(): void {
  const realWorld = join(ROOT, "test/fixtures/real-world");
  const licences = realWorldLicences();
  for (const folder of readdirSync(realWorld).sort()) {
    if (!statSync(join(realWorld, folder)).isDirectory()) continue;
    const g = group(
      `real-world/${folder}`,
      `Real-world corpus: ${folder}`,
      `test/fixtures/real-world/${folder}/`,
      [...(licences.get(folder) ?? new Set(["see test/fixtures/real-world/SOURCES.md"]))].join("; "),
      "The project's real-world schema corpus (scripts/build-real-world-corpus.ts); each file's origin and licence are in test/fixtures/real-world/SOURCES.md.",
    );
    walkFiles(g, jsonFiles(join(realWorld, folder)), (path) => relative(ROOT, path));
  }
  const corpus = group(
    "schema-corpus",
    "Schema corpus for typed GraphQL",
    "test/fixtures/schema-corpus/",
    "this project's",
    "Hand-written realistic store-actor schemas; only each file's `schema` is read (not its `document`).",
  );
  walkFiles(corpus, jsonFiles(join(ROOT, "test/fixtures/schema-corpus")), (path) => relative(ROOT, path), (json) => (isObject(json) ? json.schema ?? null : null));
}

function npmSources(): void {
  const gh = pkg("@octokit/openapi");
  packageFiles(
    group("github-openapi", "GitHub REST API description", `@octokit/openapi@${gh.version}`, gh.license, "Every JSON file of the package: api.github.com, GHEC and GHES 3.17–3.19, each plain and dereferenced (OpenAPI 3.0.3)."),
    "@octokit/openapi",
    packageJsonFiles("@octokit/openapi"),
  );
  const oas = pkg("@readme/oas-examples");
  packageFiles(
    group("readme-oas-examples", "ReadMe OpenAPI examples", `@readme/oas-examples@${oas.version}`, oas.license, "Every JSON file of the package (OpenAPI 2.0, 3.0 and 3.1 example descriptions, including ReadMe's own API)."),
    "@readme/oas-examples",
    packageJsonFiles("@readme/oas-examples"),
  );
  const resume = pkg("resume-schema");
  packageFiles(group("resume-schema", "JSON Resume", `resume-schema@${resume.version}`, resume.license, "The résumé and job schemas (the sample documents are data, not schemas, and are skipped)."), "resume-schema", ["schema.json", "job-schema.json"]);
  const geo = pkg("geojson-schema");
  packageFiles(group("geojson-schema", "GeoJSON", `geojson-schema@${geo.version}`, geo.license, "Every GeoJSON object schema of the package."), "geojson-schema", packageJsonFiles("geojson-schema"));
  const ce = pkg("cloudevents");
  const ceGroup = group(
    "cloudevents",
    "CloudEvents",
    `cloudevents@${ce.version}`,
    ce.license,
    "The CloudEvents 1.0 JSON schema, which the package ships only as JSON object literals inside its compiled ajv validator, dist/schema/v1.js; every `const schemaN = {...}` literal there is read.",
  );
  const ceFile = `cloudevents@${ce.version}/dist/schema/v1.js`;
  ceGroup.files.push(ceFile);
  for (const [name, literal] of objectLiterals(readFileSync(join(ce.dir, "dist/schema/v1.js"), "utf8"))) walk(ceGroup, `${ceFile} (const ${name})`, literal);
}

/**
 * Published JSON Schemas that packages under node_modules ship as files.
 * Found by parsing every JSON file under node_modules (other than the
 * packages above) and keeping those with a pattern in a keyword position;
 * ajv ships its meta-schemas twice (lib/ and dist/), both are read.
 */
const PUBLISHED: { name: string; files: string[]; what: string }[] = [
  {
    name: "ajv",
    files: ["lib/refs", "dist/refs"],
    what: "ajv's bundled meta-schemas (draft-06, draft-07, 2019-09, 2020-12 and json-schema-secure)",
  },
  { name: "z-schema", files: ["src/schemas"], what: "z-schema's draft-04 meta-schema and hyper-schema (a dependency of resume-schema)" },
  { name: "wrangler", files: ["config-schema.json"], what: "wrangler's wrangler.json config schema" },
  { name: "graphql-config", files: ["config-schema.json"], what: "graphql-config's .graphqlrc schema (a dependency of @graphql-codegen/cli)" },
];

function publishedSchemas(): void {
  for (const p of PUBLISHED) {
    const info = pkg(p.name);
    const files = p.files.flatMap((f) => (statSync(join(info.dir, f)).isDirectory() ? jsonFiles(join(info.dir, f)).map((x) => relative(info.dir, x)) : [f]));
    packageFiles(group(`published/${p.name}`, `Published schema: ${p.name}`, `${p.name}@${info.version}`, info.license, `${p.what}.`), p.name, files);
  }
}

function testSuite(): void {
  const commit = readFileSync(join(TEST_SUITE, "UPSTREAM_COMMIT"), "utf8").trim();
  const g = group(
    "json-schema-test-suite",
    "JSON-Schema-Test-Suite",
    `json-schema-org/JSON-Schema-Test-Suite@${commit.slice(0, 12)} (shared/data/json-schema-test-suite)`,
    "MIT",
    "The official test suite's schemas (tests/draft2020-12 and tests/draft7, including optional/ and its ecmascript-regex tests); only each case's `schema` is read, not its test data.",
  );
  const files = jsonFiles(join(TEST_SUITE, "tests"));
  for (const path of files) {
    const name = `JSON-Schema-Test-Suite/${relative(TEST_SUITE, path)}`;
    g.files.push(name);
    const cases = JSON.parse(readFileSync(path, "utf8")) as Json;
    if (Array.isArray(cases)) cases.forEach((c, i) => isObject(c) && walk(g, name, c.schema ?? null, `/${i}/schema`));
  }
}

/**
 * Pattern libraries: the regular expression literals of validation
 * libraries' sources (validator.js, and the format checks of JSON Schema
 * validators and zod). Each literal is kept as a JSON Schema pattern only
 * when that is what it means: no i, m or s flag (a pattern has none; g, y,
 * d and u do not change what `test` accepts) and valid with the u flag, the
 * dialect JSON Schema prescribes. The rest are counted in SOURCES.md.
 */
const LIBRARIES: { name: string; files: string[]; what: string }[] = [
  { name: "validator", files: ["lib"], what: "validator.js, the string validation library (phone numbers, postal codes, identity cards, tax ids, licence plates, e-mail, URLs, ...); the top-level lib/*.js modules" },
  { name: "ajv-formats", files: ["dist/formats.js"], what: "ajv-formats' format checks" },
  { name: "zod", files: ["v4/core/regexes.js"], what: "zod 4's string-format regexes" },
  { name: "@cfworker/json-schema", files: ["dist/esm/format.js"], what: "@cfworker/json-schema's format checks" },
  { name: "json-schema-library", files: ["dist/formats.mjs"], what: "json-schema-library's format checks" },
  { name: "@hyperjump/json-schema-formats", files: ["src"], what: "@hyperjump/json-schema's format checks" },
];

const skippedLiterals = new Map<string, { flagged: number; notUnicode: number }>();

function patternLibraries(): void {
  for (const lib of LIBRARIES) {
    const info = pkg(lib.name);
    const g = group(`library/${lib.name}`, `Pattern library: ${lib.name}`, `${lib.name}@${info.version}`, info.license, `${lib.what}: every regular expression literal.`);
    const skipped = { flagged: 0, notUnicode: 0 };
    skippedLiterals.set(g.id, skipped);
    const paths = lib.files.flatMap((f) => {
      const path = join(info.dir, f);
      if (!statSync(path).isDirectory()) return [path];
      return readdirSync(path).sort().map((e) => join(path, e)).filter((p) => /\.[cm]?js$/.test(p) && statSync(p).isFile());
    });
    for (const path of paths) {
      const name = `${lib.name}@${info.version}/${relative(info.dir, path)}`;
      g.files.push(name);
      for (const { pattern, flags, line } of regexLiterals(readFileSync(path, "utf8"))) {
        if (/[ims]/.test(flags)) skipped.flagged++;
        else if (!compilesWithU(pattern)) skipped.notUnicode++;
        else record(g, pattern, "regexLiteral", `${name}:${line}`);
      }
    }
  }
}

function compilesWithU(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

/** The regular expression literals of a JavaScript module, in source order. */
function regexLiterals(code: string): { pattern: string; flags: string; line: number }[] {
  const ast = parseJavaScript(code, { sourceType: "unambiguous", allowReturnOutsideFunction: true });
  const out: { pattern: string; flags: string; line: number }[] = [];
  const stack: unknown[] = [ast.program];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (typeof node !== "object" || node === null || typeof (node as { type?: unknown }).type !== "string") continue;
    const n = node as { type: string; pattern?: string; flags?: string; loc?: { start: { line: number } } } & Record<string, unknown>;
    if (n.type === "RegExpLiteral") out.push({ pattern: n.pattern!, flags: n.flags!, line: n.loc!.start.line });
    const children = Object.keys(n).filter((k) => !["loc", "extra", "leadingComments", "trailingComments", "innerComments"].includes(k));
    for (let i = children.length - 1; i >= 0; i--) stack.push(n[children[i]!]);
  }
  return out;
}

function literature(): void {
  const g = group(
    "literature",
    "ReDoS literature and reference patterns",
    "test/regex-safety.patterns.ts",
    "this project's (patterns quoted from OWASP, regular-expressions.info and common validation libraries)",
    "The regex-safety reference lists: SAFE_PATTERNS (ordinary patterns the safety analysis must accept) and EVIL_PATTERNS (catastrophic ones from the literature it must refuse). Marked `literature` with the list.",
  );
  g.files.push("test/regex-safety.patterns.ts");
  const lists: ["safe" | "evil", string[]][] = [["safe", SAFE_PATTERNS], ["evil", EVIL_PATTERNS.map(([p]) => p)]];
  for (const [list, patterns] of lists) {
    patterns.forEach((p, i) => {
      record(g, p, "pattern", `test/regex-safety.patterns.ts#${list === "safe" ? "SAFE_PATTERNS" : "EVIL_PATTERNS"}[${i}]`);
      entries.get(p)!.literature = list;
    });
  }
}

/** `const <name> = {...}` JSON object literals in generated JavaScript, in order. */
function objectLiterals(code: string): [string, Json][] {
  const out: [string, Json][] = [];
  const marker = /const (\w+) = \{/g;
  for (let m = marker.exec(code); m; m = marker.exec(code)) {
    const start = m.index + m[0].length - 1;
    const end = objectLiteralEnd(code, start);
    if (end < 0) continue;
    try {
      out.push([m[1]!, JSON.parse(code.slice(start, end)) as Json]);
    } catch {
      // Not JSON (code, not a schema literal).
    }
  }
  return out;
}

// ---------------------------------------------------------------- output

function build(): Map<string, string> {
  projectFixtures();
  npmSources();
  publishedSchemas();
  testSuite();
  patternLibraries();
  literature();
  const patterns = [...entries.values()];
  const unique = (id: string) => patterns.filter((e) => e.groups[0] === id).length;
  const holding = (id: string) => patterns.filter((e) => e.groups.includes(id)).length;
  const collection = {
    about: `Unique JSON Schema patterns (pattern values and patternProperties keys) from real schemas. Written by scripts/collect-patterns.ts (do not edit; --check tells when it is stale). Sources and licences: ${SOURCES_FILE}.`,
    count: patterns.length,
    groups: groups.map((g) => ({ id: g.id, title: g.title, origin: g.origin, licence: g.licence, files: g.files.length, occurrences: g.occurrences, patterns: holding(g.id), firstSeenHere: unique(g.id) })),
    patterns,
  };
  const md = [
    "# Pattern collection: sources",
    "",
    `Written by \`scripts/collect-patterns.ts\` (do not edit by hand; \`npx tsx scripts/collect-patterns.ts --check\` exits 1 when \`${JSON_FILE}\` or this file is stale).`,
    "",
    `${patterns.length} unique patterns (${patterns.filter((e) => e.kinds.includes("pattern")).length} as \`pattern\`, ${patterns.filter((e) => e.kinds.includes("patternProperties")).length} as \`patternProperties\` keys, ${patterns.filter((e) => e.kinds.includes("regexLiteral")).length} as regular expression literals of pattern libraries; ${patterns.filter((e) => e.literature).length} in the literature lists, ${patterns.filter((e) => e.groups.some((g) => !g.startsWith("library/") && g !== "literature" && g !== "json-schema-test-suite")).length} found in real schemas, ${patterns.filter((e) => e.groups.includes("json-schema-test-suite")).length} in the JSON-Schema-Test-Suite), from ${groups.reduce((n, g) => n + g.occurrences, 0)} occurrences.`,
    "Each entry of `patterns` gives the pattern, where it was first seen (`first`: file and JSON pointer), every group it occurs in, and, for the reference lists, `literature`: `safe` or `evil`.",
    "Only keyword positions are read: values of `properties`, `definitions`, `$defs`, `dependentSchemas` and `patternProperties` are schemas whose names are not keywords; example, default, enum and const values are data and skipped (an OpenAPI `responses.default` is read).",
    "",
    "| group | origin | licence | files | occurrences | patterns | first seen here |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...groups.map((g) => `| ${g.title} (\`${g.id}\`) | ${g.origin} | ${g.licence} | ${g.files.length} | ${g.occurrences} | ${holding(g.id)} | ${unique(g.id)} |`),
    "",
    ...groups.flatMap((g) => [`## ${g.title} (\`${g.id}\`)`, "", g.about, "", `Files: ${g.files.length <= 12 ? g.files.map((f) => `\`${f}\``).join(", ") : `${g.files.slice(0, 12).map((f) => `\`${f}\``).join(", ")}, and ${g.files.length - 12} more`}.`, ""]),
    "Published schemas were found by parsing every JSON file under node_modules (besides the packages named above) and keeping those with a pattern in a keyword position; no others have one.",
    "Not collected: strings under a `pattern` key inside example, default, enum or const values. In @octokit/openapi these are the secret-scanning custom patterns of request and response examples (`[a-z]+_token_[0-9]+`, `github`, ...): data for GitHub's secret scanner, not JSON Schema patterns.",
    "",
    `Pattern libraries: literals left out because a JSON Schema pattern could not say the same (an i, m or s flag; or invalid with the u flag): ${[...skippedLiterals].map(([id, s]) => `${id} ${s.flagged} flagged, ${s.notUnicode} not valid with u`).join("; ")}.`,
    "",
  ].join("\n");
  return new Map([
    [JSON_FILE, JSON.stringify(collection, null, 2) + "\n"],
    [SOURCES_FILE, md],
  ]);
}

const files = build();
if (process.argv.includes("--check")) {
  const stale = [...files].filter(([name, text]) => !existsSync(join(OUT, name)) || readFileSync(join(OUT, name), "utf8") !== text).map(([name]) => name);
  if (stale.length) {
    console.error(`test/fixtures/patterns is stale (${stale.join(", ")}); run npx tsx scripts/collect-patterns.ts`);
    process.exit(1);
  }
  console.log(`test/fixtures/patterns is up to date (${entries.size} patterns).`);
} else {
  mkdirSync(OUT, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(OUT, name), text);
  console.log(`wrote test/fixtures/patterns/${JSON_FILE} (${entries.size} patterns from ${groups.length} groups) and ${SOURCES_FILE}`);
}
