/**
 * Writes test/fixtures/real-world/: JSON Schemas from real producers, one
 * file per schema, grouped by producer, and SOURCES.md naming each one's
 * source and licence. Everything is read from installed npm packages and
 * written deterministically; run it again after a package upgrade.
 *
 *   npx tsx scripts/build-real-world-corpus.ts           # (re)write the fixtures
 *   npx tsx scripts/build-real-world-corpus.ts --check   # exit 1 when a committed fixture is stale
 *
 * test/e2e/real-world-corpus.test.ts runs every schema through the gateway.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { describesObjects, isObject, standaloneSchema, type Json, type JsonObject, type OpenApiVersion } from "./real-world-corpus/openapi.js";
import { typeboxModels } from "./real-world-corpus/typebox-models.js";
import { zodModels } from "./real-world-corpus/zod-models.js";
import { objectLiteralEnd } from "./lib/json-source.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "test/fixtures/real-world");
const MODULES = join(ROOT, "node_modules");
const MAX_SCHEMA_BYTES = 200 * 1024;
const GITHUB_COUNT = 60;
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

interface Fixture {
  /** Subfolder: the producer. */
  producer: string;
  /** File name inside it, without ".json". */
  name: string;
  schema: unknown;
  /** Package@version and path (and pointer) it came from. */
  source: string;
  licence: string;
  /** What was changed from the source, if anything. */
  changes: string;
}

interface Producer {
  dir: string;
  title: string;
  about: string;
}

const producers: Producer[] = [];
const fixtures: Fixture[] = [];

function pkg(name: string): { version: string; license: string; dir: string } {
  const dir = join(MODULES, name);
  const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string; license?: string };
  return { version: json.version, license: json.license ?? "see package", dir };
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, "utf8")) as Json;
}

/** File-name safe: letters, digits, ".", "_", "-". */
function fileName(raw: string): string {
  return raw.replace(/[^A-Za-z0-9._-]+/g, "_");
}

/** `count` entries spread evenly over `list` (first and last included; the middle one for 1), in list order. */
function spread<T>(list: T[], count: number): T[] {
  if (list.length <= count) return list;
  if (count === 1) return [list[Math.floor((list.length - 1) / 2)]!];
  const picked = new Set<number>();
  for (let i = 0; i < count; i++) picked.add(Math.round((i * (list.length - 1)) / (count - 1)));
  return [...picked].sort((a, b) => a - b).map((i) => list[i]!);
}

const CONVERSION_NOTE =
  "converted from OpenAPI to standalone draft 2020-12 (scripts/real-world-corpus/openapi.ts): nullable → type list with \"null\" / anyOf with {type: null}, discriminator/xml/externalDocs dropped, example → examples, #/components/schemas/X → #/$defs/X, $schema set";

// ---------------------------------------------------------------- GitHub (OpenAPI 3.0)

function github(): void {
  const { version, license } = pkg("@octokit/openapi");
  const path = "generated/api.github.com.json";
  const doc = readJson(join(MODULES, "@octokit/openapi", path)) as JsonObject;
  const openapi = String(doc.openapi);
  if (!openapi.startsWith("3.0")) throw new Error(`@octokit/openapi ${path} is OpenAPI ${openapi}; the converter expects 3.0`);
  const components = (doc.components as JsonObject).schemas as Record<string, Json>;
  const candidates = Object.keys(components)
    .sort()
    .filter((name) => describesObjects(components, name))
    .map((name) => ({ name, ...standaloneSchema(components, name, "3.0") }))
    .map((c) => ({ ...c, bytes: Buffer.byteLength(JSON.stringify(c.schema)) }))
    .filter((c) => c.bytes <= MAX_SCHEMA_BYTES)
    .sort((a, b) => a.bytes - b.bytes || (a.name < b.name ? -1 : 1));
  producers.push({
    dir: "github",
    title: `GitHub REST API (OpenAPI ${openapi})`,
    about: `${GITHUB_COUNT} component schemas of GitHub's REST API description as shipped in \`@octokit/openapi@${version}\` (\`${path}\`, OpenAPI ${openapi}; the package ships no OpenAPI 3.1 form). Of the ${Object.keys(components).length} components, those describing objects whose standalone schema is at most 200 KB of JSON (${candidates.length}) were sorted by size and ${GITHUB_COUNT} taken at evenly spaced ranks, so small, medium and large ones are all there. Licence of the description: MIT (github/rest-api-description), package: ${license}.`,
  });
  for (const c of spread(candidates, GITHUB_COUNT)) {
    fixtures.push({
      producer: "github",
      name: fileName(c.name),
      schema: c.schema,
      source: `@octokit/openapi@${version} ${path} #/components/schemas/${c.name}${c.defs.length ? ` (+ ${c.defs.length} referenced component${c.defs.length > 1 ? "s" : ""} in $defs)` : ""}`,
      licence: license,
      changes: CONVERSION_NOTE,
    });
  }
}

// ---------------------------------------------------------------- @readme/oas-examples (OpenAPI 3.0 and 3.1)

function oasExamples(): void {
  const { version, license, dir } = pkg("@readme/oas-examples");
  const per30: Record<string, number> = { "star-trek.json": 4, "readme-legacy.json": 3, "discriminators.json": 3 };
  let count30 = 0;
  let count31 = 0;
  let duplicates = 0;
  const seen = new Set<string>();
  for (const oas of ["3.0", "3.1"] as OpenApiVersion[]) {
    const files = listJson(join(dir, oas, "json")).sort();
    for (const file of files) {
      const doc = readJson(join(dir, oas, "json", file)) as JsonObject;
      const components = (isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {}) as Record<string, Json>;
      const objects = Object.keys(components).sort().filter((name) => describesObjects(components, name));
      // 3.1: every object component (there are few); 3.0: one per file (a few more from the larger ones).
      const chosen = oas === "3.1" ? objects : spread(objects, per30[file] ?? 1);
      for (const name of chosen) {
        const { schema, defs } = standaloneSchema(components, name, oas);
        const text = JSON.stringify(schema);
        if (Buffer.byteLength(text) > MAX_SCHEMA_BYTES) continue;
        if (seen.has(text)) {
          duplicates++; // the same component in several example files (openapi-workshop's Hoot, petstore's Pet, ...)
          continue;
        }
        seen.add(text);
        if (oas === "3.0") count30++;
        else count31++;
        fixtures.push({
          producer: "readme-oas-examples",
          name: fileName(`${oas}-${file.replace(/\.json$/, "").replace(/\//g, "-")}-${name}`),
          schema,
          source: `@readme/oas-examples@${version} ${oas}/json/${file} #/components/schemas/${name}${defs.length ? ` (+ ${defs.length} in $defs)` : ""}`,
          licence: license,
          changes: CONVERSION_NOTE,
        });
      }
    }
  }
  producers.push({
    dir: "readme-oas-examples",
    title: "ReadMe's OpenAPI examples (OpenAPI 3.0 and 3.1)",
    about: `Component schemas of the example API descriptions in \`@readme/oas-examples@${version}\` (${license}): every object component of the 3.1 examples (${count31}), and from the 3.0 examples one object component per file (more from star-trek, readme-legacy and discriminators), ${count30} in all; ${duplicates} chosen components identical to one already taken were skipped. 3.1 schemas are already JSON Schema 2020-12; only \`discriminator\`, \`xml\`, \`externalDocs\` and \`example\` are converted and the references rewritten.`,
  });
}

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...listJson(join(dir, entry.name)).map((f) => `${entry.name}/${f}`));
    else if (entry.name.endsWith(".json")) out.push(entry.name);
  }
  return out;
}

// ---------------------------------------------------------------- zod 4 and TypeBox

function zod(): void {
  const { version, license } = pkg("zod");
  producers.push({
    dir: "zod",
    title: `zod ${version}`,
    about: `${Object.keys(zodModels).length} application models written for this corpus with zod (\`scripts/real-world-corpus/zod-models.ts\`), each emitted by zod's built-in \`z.toJSONSchema(model)\` with its defaults (draft 2020-12, \`io: "output"\`), unchanged. zod is ${license}; the models are this project's.`,
  });
  for (const [name, model] of Object.entries(zodModels)) {
    fixtures.push({ producer: "zod", name, schema: z.toJSONSchema(model), source: `zod@${version} z.toJSONSchema(), model "${name}" in scripts/real-world-corpus/zod-models.ts`, licence: "this project's (zod: MIT)", changes: "none" });
  }
}

function typebox(): void {
  const { version, license } = pkg("@sinclair/typebox");
  producers.push({
    dir: "typebox",
    title: `TypeBox ${version}`,
    about: `${Object.keys(typeboxModels).length} application models written for this corpus with TypeBox's \`Type\` builder (\`scripts/real-world-corpus/typebox-models.ts\`), emitted as TypeBox builds them; JSON.stringify drops TypeBox's symbol keys (\`[Kind]\`, \`[OptionalKind]\`, ...), nothing else changes. TypeBox emits no \`$schema\`, so the gateway and the test read them as draft 2020-12. \`Type.Tuple\` is not used: it emits draft-07 \`items: [...]\`, which is not valid 2020-12. TypeBox is ${license}; the models are this project's.`,
  });
  for (const [name, model] of Object.entries(typeboxModels)) {
    fixtures.push({ producer: "typebox", name, schema: JSON.parse(JSON.stringify(model)), source: `@sinclair/typebox@${version} Type builder, model "${name}" in scripts/real-world-corpus/typebox-models.ts`, licence: "this project's (TypeBox: MIT)", changes: "symbol keys dropped (JSON.stringify)" });
  }
}

// ---------------------------------------------------------------- common formats shipped in packages

function shipped(producer: string, packageName: string, path: string, name: string, transform?: (schema: JsonObject) => { schema: JsonObject; changes: string }): void {
  const { version, license } = pkg(packageName);
  const original = readJson(join(MODULES, packageName, path)) as JsonObject;
  const { schema, changes } = transform ? transform(original) : { schema: original, changes: "none" };
  fixtures.push({ producer, name, schema, source: `${packageName}@${version} ${path}`, licence: license, changes });
}

function commonFormats(): void {
  const geo = pkg("geojson-schema");
  producers.push({
    dir: "geojson",
    title: "GeoJSON",
    about: `The GeoJSON schemas published by the GeoJSON project in \`geojson-schema@${geo.version}\` (${geo.license}), draft-07, each already standalone; kept exactly as shipped.`,
  });
  for (const file of listJson(geo.dir).filter((f) => f !== "package.json").sort()) shipped("geojson", "geojson-schema", file, file.replace(/\.json$/, ""));

  const resume = pkg("resume-schema");
  producers.push({
    dir: "json-resume",
    title: "JSON Resume",
    about: `The JSON Resume schemas from \`resume-schema@${resume.version}\` (${resume.license}). They declare draft-04, which the gateway does not take; they use no keyword whose meaning differs between draft-04 and draft-07 (no \`id\`, no boolean \`exclusiveMinimum\`/\`exclusiveMaximum\`), so the only change is \`$schema\` → draft-07.`,
  });
  const toDraft07 = (schema: JsonObject) => {
    if (schema.$schema !== "http://json-schema.org/draft-04/schema#") throw new Error(`expected draft-04, got ${String(schema.$schema)}`);
    return { schema: { ...schema, $schema: DRAFT_07 }, changes: "$schema draft-04 → draft-07 (nothing else needed)" };
  };
  shipped("json-resume", "resume-schema", "schema.json", "resume", toDraft07);
  shipped("json-resume", "resume-schema", "job-schema.json", "job", toDraft07);

  const ce = pkg("cloudevents");
  producers.push({
    dir: "cloudevents",
    title: "CloudEvents",
    about: `The CloudEvents 1.0 JSON schema (the spec's schema for the JSON event format, draft-07) as shipped in \`cloudevents@${ce.version}\` (${ce.license}). The package ships it only inside its precompiled ajv validator, \`dist/schema/v1.js\`, as the object literal \`schema22\`; it is taken from there as JSON, unchanged.`,
  });
  fixtures.push({ producer: "cloudevents", name: "cloudevent-v1", schema: embeddedSchema(join(ce.dir, "dist/schema/v1.js"), "schema22"), source: `cloudevents@${ce.version} dist/schema/v1.js (const schema22)`, licence: ce.license, changes: "extracted from the compiled validator; content unchanged" });

  const wr = pkg("wrangler");
  const gc = pkg("graphql-config");
  producers.push({
    dir: "tool-configs",
    title: "Tool config files",
    about: `Config-file schemas that tools ship in their npm packages, draft-07, unchanged: wrangler's \`wrangler.json\` schema (\`wrangler@${wr.version}\`, ${wr.license}; generated from its TypeScript types) and graphql-config's \`.graphqlrc\` schema (\`graphql-config@${gc.version}\`, ${gc.license}, installed with @graphql-codegen/cli).`,
  });
  shipped("tool-configs", "wrangler", "config-schema.json", "wrangler-config");
  shipped("tool-configs", "graphql-config", "config-schema.json", "graphql-config");
}

/** A JSON object literal assigned to `const <name> = ` in generated JavaScript (ajv's standalone code writes schemas as JSON). */
function embeddedSchema(path: string, name: string): Json {
  const code = readFileSync(path, "utf8");
  const marker = `const ${name} = `;
  const start = code.indexOf(marker);
  if (start < 0) throw new Error(`${path}: no ${marker}`);
  const end = objectLiteralEnd(code, start + marker.length);
  if (end < 0) throw new Error(`${path}: unterminated ${name}`);
  return JSON.parse(code.slice(start + marker.length, end)) as Json;
}

// ---------------------------------------------------------------- output

function sourcesMarkdown(): string {
  const lines = [
    "# Real-world JSON Schema corpus: sources",
    "",
    "Written by `scripts/build-real-world-corpus.ts` from installed npm packages (do not edit by hand; `--check` tells when this folder is stale).",
    "Each `<producer>/<name>.json` is one schema; `test/e2e/real-world-corpus.test.ts` runs each through the gateway under `wrangler dev`.",
    "",
    `${fixtures.length} schemas: ${producers.map((p) => `${p.dir} ${fixtures.filter((f) => f.producer === p.dir).length}`).join(", ")}.`,
    "",
    "Not included, because no npm package was found that ships them: the SchemaStore `package.json` schema (the one candidate by name,",
    "`@schemastore/package@1.0.5`, ships only TypeScript definitions, `index.d.ts`, no JSON schema) and a JSON Feed schema (no package by",
    "name or description). Skipped: the draft-04 meta-schemas inside `z-schema` (meta-schemas, and draft-04).",
    "",
  ];
  for (const p of producers) {
    lines.push(`## ${p.title} (\`${p.dir}/\`)`, "", p.about, "", "| file | source | licence | changes |", "| --- | --- | --- | --- |");
    for (const f of fixtures.filter((x) => x.producer === p.dir).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const changes = f.changes === CONVERSION_NOTE ? "OpenAPI conversion (above)" : f.changes;
      lines.push(`| \`${f.name}.json\` | ${f.source.replace(/\|/g, "\\|")} | ${f.licence} | ${changes} |`);
    }
    if (fixtures.some((x) => x.producer === p.dir && x.changes === CONVERSION_NOTE)) lines.push("", `OpenAPI conversion: ${CONVERSION_NOTE}. Kept: readOnly, writeOnly, deprecated, format, x-* extensions.`);
    lines.push("");
  }
  return lines.join("\n");
}

function build(): Map<string, string> {
  github();
  oasExamples();
  zod();
  typebox();
  commonFormats();
  const files = new Map<string, string>();
  for (const f of fixtures) {
    const path = `${f.producer}/${f.name}.json`;
    if (files.has(path)) throw new Error(`two fixtures named ${path}`);
    files.set(path, JSON.stringify(f.schema, null, 2) + "\n");
  }
  files.set("SOURCES.md", sourcesMarkdown());
  return files;
}

/** The generated files now on disk (SOURCES.md and <producer>/*.json). */
function onDisk(): string[] {
  if (!existsSync(OUT)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(OUT, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "SOURCES.md") out.push(entry.name);
    if (entry.isDirectory()) for (const f of readdirSync(join(OUT, entry.name))) if (f.endsWith(".json")) out.push(`${entry.name}/${f}`);
  }
  return out.sort();
}

const files = build();
if (process.argv.includes("--check")) {
  const stale: string[] = [];
  for (const [path, text] of files) if (!existsSync(join(OUT, path)) || readFileSync(join(OUT, path), "utf8") !== text) stale.push(`${path} (missing or different)`);
  for (const path of onDisk()) if (!files.has(path)) stale.push(`${path} (no longer generated)`);
  if (stale.length) {
    console.error(`test/fixtures/real-world is stale; run npx tsx scripts/build-real-world-corpus.ts:\n  ${stale.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`test/fixtures/real-world is up to date (${files.size - 1} schemas).`);
} else {
  for (const path of onDisk()) if (!files.has(path)) rmSync(join(OUT, path));
  for (const [path, text] of files) {
    mkdirSync(dirname(join(OUT, path)), { recursive: true });
    writeFileSync(join(OUT, path), text);
  }
  console.log(`wrote ${files.size - 1} schemas and SOURCES.md to ${relative(ROOT, OUT)}: ${producers.map((p) => `${p.dir} ${fixtures.filter((f) => f.producer === p.dir).length}`).join(", ")}`);
}
