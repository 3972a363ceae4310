/**
 * 7. JSON Schema validation. Two measurements:
 *
 * - Documents validated per second over a schema corpus by the gateway's
 *   DocumentValidator (what ships), the previous validator
 *   (@cfworker/json-schema), @hyperjump/json-schema, and ajv compiled, the
 *   reference: ajv generates code, which Workers forbid, so it shows what a
 *   validator could reach without that constraint. Every validator gets the
 *   same documents; rounds are interleaved (the order rotates each round) and
 *   the median and spread over rounds are reported, because the machine is
 *   shared. Runs in Node; workerd runs the same V8.
 * - Creating an actor with the largest corpus schema through the running
 *   gateway, next to the in-process cost of the config checks and validator
 *   build it implies (parseStoreConfig, timed in Node, and its parts).
 *
 * The corpus is test/fixtures/real-world/ (one schema per file, documents
 * generated at bench start by json-schema-faker, seeded, and kept only when
 * ajv accepts them), or test/fixtures/schema-corpus/ (each file's own
 * `document`) when the former is absent or empty.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Validator as CfworkerValidator, type Schema as CfworkerSchema } from "@cfworker/json-schema";
import { registerSchema, setShouldValidateFormat, validate as hyperjumpValidate } from "@hyperjump/json-schema/draft-2020-12";
import "@hyperjump/json-schema/draft-07";
import "@hyperjump/json-schema/formats";
import Ajv2020 from "ajv/dist/2020.js";
import Ajv7 from "ajv";
import addFormats from "ajv-formats";
import { generateSync } from "json-schema-faker";
import { validate as meta2020 } from "../src/generated/meta-2020-12.js";
import { validate as meta07 } from "../src/generated/meta-draft-07.js";
import { DocumentValidator } from "../src/store/document-validator.js";
import { META_SCHEMAS } from "../src/store/meta-schemas.js";
import { schemaDraft, type SchemaDraft } from "../src/store/schema-draft.js";
import { schemaProblems } from "../src/store/schema-refs.js";
import { parseStoreConfig } from "../src/store/store-config.js";
import { Client, timed } from "./client.js";
import { median } from "./stats.js";
import { jsonFiles } from "../scripts/lib/json-source.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REAL_WORLD = join(ROOT, "test/fixtures/real-world");
const SCHEMA_CORPUS = join(ROOT, "test/fixtures/schema-corpus");
const DRAFT_URI: Record<SchemaDraft, string> = { "2020-12": "https://json-schema.org/draft/2020-12/schema", "7": "http://json-schema.org/draft-07/schema" };

export interface CorpusSchema {
  /** Path under the corpus folder. */
  name: string;
  schema: unknown;
  /** UTF-8 bytes of the schema as compact JSON: what a config carries. */
  bytes: number;
  draft: SchemaDraft;
  documents: unknown[];
}

export interface Corpus {
  source: string;
  files: number;
  /** Schemas the gateway accepts (parseStoreConfig), with their documents. */
  schemas: CorpusSchema[];
  excluded: { name: string; reason: string }[];
}

const compactBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 160);


/** A fresh ajv for one schema (nothing shared between schemas, like the gateway's actors), formats asserted. */
function ajvFor(draft: SchemaDraft) {
  const options = { allErrors: true, strict: false, logger: false as const };
  const ajv = draft === "7" ? new Ajv7(options) : new Ajv2020(options);
  addFormats(ajv);
  return ajv;
}

/** Seeded json-schema-faker documents that ajv accepts: `want` of them, from at most `tries` seeds. */
function fakeDocuments(name: string, schema: unknown, draft: SchemaDraft, want: number, tries: number): { documents: unknown[]; problem?: string } {
  const check = ajvFor(draft).compile(schema as object);
  let seed = 1;
  for (const ch of name) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  const documents: unknown[] = [];
  let problem: string | undefined;
  for (let i = 0; i < tries && documents.length < want; i++) {
    try {
      const document = generateSync(schema as never, { seed: seed + i });
      if (check(document)) documents.push(document);
      else problem ??= `faker's documents fail ajv (${check.errors?.[0]?.instancePath || "/"} ${check.errors?.[0]?.message})`;
    } catch (error) {
      problem ??= `json-schema-faker: ${firstLine(error)}`;
    }
  }
  return documents.length > 0 ? { documents } : { documents, problem: problem ?? "no document" };
}

/** Reads the corpus; keeps the schemas the gateway accepts as actor configs. */
export function loadCorpus(quick: boolean): Corpus {
  const realWorld = existsSync(REAL_WORLD) ? jsonFiles(REAL_WORLD) : [];
  const useRealWorld = realWorld.length > 0;
  const dir = useRealWorld ? REAL_WORLD : SCHEMA_CORPUS;
  const files = useRealWorld ? realWorld : jsonFiles(SCHEMA_CORPUS);
  const schemas: CorpusSchema[] = [];
  const excluded: Corpus["excluded"] = [];
  for (const file of files) {
    const name = relative(dir, file);
    let schema: unknown;
    let given: unknown[] = [];
    try {
      const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      schema = useRealWorld ? json : json.schema;
      if (!useRealWorld && "document" in json) given = [json.document];
    } catch (error) {
      excluded.push({ name, reason: `unreadable: ${firstLine(error)}` }); // the corpus may be mid-rewrite
      continue;
    }
    const draft = schemaDraft(schema);
    try {
      parseStoreConfig({ actorType: "store", version: "v1", schema });
    } catch (error) {
      excluded.push({ name, reason: `the gateway refuses it: ${firstLine(error)}` });
      continue;
    }
    const { documents, problem } = useRealWorld ? fakeDocuments(name, schema, draft!, quick ? 2 : 3, 12) : { documents: given, problem: "no document" };
    if (documents.length === 0) {
      excluded.push({ name, reason: problem! });
      continue;
    }
    schemas.push({ name, schema, bytes: compactBytes(schema), draft: draft!, documents });
  }
  return { source: relative(ROOT, dir), files: files.length, schemas, excluded };
}

type Check = (document: unknown) => boolean;

interface Contender {
  key: string;
  label: string;
  build(s: CorpusSchema, index: number): Check | Promise<Check>;
}

setShouldValidateFormat(true);

const CONTENDERS: Contender[] = [
  {
    key: "gateway",
    label: "DocumentValidator (json-schema-library + RE2 patterns; ships)",
    build: (s) => {
      const validator = new DocumentValidator(s.schema, s.draft);
      return (document) => validator.validate(document).length === 0;
    },
  },
  {
    key: "cfworker",
    label: "@cfworker/json-schema Validator (the previous validator)",
    build: (s) => {
      // As the gateway used it: shortCircuit false (every error), the meta-schemas preloaded.
      const validator = new CfworkerValidator(structuredClone(s.schema) as CfworkerSchema, s.draft, false);
      for (const { url, schema } of META_SCHEMAS) validator.addSchema(structuredClone(schema) as CfworkerSchema, url);
      return (document) => validator.validate(document).valid;
    },
  },
  {
    key: "hyperjump",
    label: "@hyperjump/json-schema (validate(uri), then the sync function)",
    build: async (s, index) => {
      const uri = `https://bench.invalid/schema/${index}`;
      registerSchema(structuredClone(s.schema) as never, uri, DRAFT_URI[s.draft]);
      const validator = await hyperjumpValidate(uri);
      return (document) => validator(document as never).valid;
    },
  },
  {
    key: "ajv",
    label: "ajv compiled (code generation; reference, not possible on Workers)",
    build: (s) => {
      const check = ajvFor(s.draft).compile(structuredClone(s.schema) as object);
      return (document) => check(document) as boolean;
    },
  },
];

/** Per-document floor: JSON.stringify of the document, which visits every value once, as any validator must. */
const FLOOR: Check = (document) => JSON.stringify(document).length > 0;

/** One schema's check and documents. */
type Group = { check: Check; documents: unknown[] };

/**
 * One timed stretch: whole passes over every schema's documents until `ms`
 * elapse. Adds each schema's time to `perSchemaMs`.
 */
function run(groups: Group[], ms: number, perSchemaMs: number[]): { documents: number; passes: number; ms: number } {
  const perPass = groups.reduce((n, g) => n + g.documents.length, 0);
  let passes = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const [i, { check, documents }] of groups.entries()) {
      const t = performance.now();
      for (const document of documents) if (check(document)) sink++;
      perSchemaMs[i]! += performance.now() - t;
    }
    passes++;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  if (sink < 0) throw new Error("unreachable");
  return { documents: passes * perPass, passes, ms: elapsed };
}

export async function benchValidators(corpus: Corpus, rounds: number, roundMs: number) {
  // Build every validator for every schema; a schema one of them cannot take is left out for all.
  const checks = new Map<string, Check[]>(CONTENDERS.map((c) => [c.key, []]));
  const schemas: CorpusSchema[] = [];
  const excluded = [...corpus.excluded];
  for (const [index, s] of corpus.schemas.entries()) {
    const built: Check[] = [];
    let failed: string | null = null;
    for (const contender of CONTENDERS) {
      try {
        built.push(await contender.build(s, index));
      } catch (error) {
        failed = `${contender.key} cannot compile it: ${firstLine(error)}`;
        break;
      }
    }
    if (failed) {
      excluded.push({ name: s.name, reason: failed });
      continue;
    }
    schemas.push(s);
    CONTENDERS.forEach((c, i) => checks.get(c.key)!.push(built[i]!));
  }

  // Verdicts (also the first warm-up pass): every validator on every document.
  const documents = schemas.flatMap((s, i) => s.documents.map((document, d) => ({ schema: s.name, i, d, document })));
  const verdicts = new Map<string, boolean[]>();
  for (const c of CONTENDERS) {
    const list = checks.get(c.key)!;
    verdicts.set(c.key, documents.map(({ i, document }) => {
      try {
        return list[i]!(document);
      } catch {
        return false;
      }
    }));
  }
  const disagreements = documents
    .map((doc, n) => ({ schema: doc.schema, document: doc.d, verdicts: Object.fromEntries(CONTENDERS.map((c) => [c.key, verdicts.get(c.key)![n]!])) }))
    .filter((d) => new Set(Object.values(d.verdicts)).size > 1);
  // A validator that throws on a document would stop the timed loop: time those throw-free.
  const safe = (check: Check): Check => (document) => {
    try {
      return check(document);
    } catch {
      return false;
    }
  };
  const groupsOf = new Map<string, Group[]>(CONTENDERS.map((c) => [c.key, schemas.map((s, i) => ({ check: safe(checks.get(c.key)![i]!), documents: s.documents }))]));
  groupsOf.set("floor", schemas.map((s) => ({ check: FLOOR, documents: s.documents })));
  const keys = [...CONTENDERS.map((c) => c.key), "floor"];

  for (const key of keys) run(groupsOf.get(key)!, roundMs / 4, schemas.map(() => 0)); // warm the JIT
  const rates = new Map<string, number[]>(keys.map((k) => [k, []]));
  // Per schema, over all rounds: time spent and passes made, for the per-schema figures.
  const schemaMs = new Map<string, number[]>(keys.map((k) => [k, schemas.map(() => 0)]));
  const passes = new Map<string, number>(keys.map((k) => [k, 0]));
  for (let r = 0; r < rounds; r++) {
    const order = keys.map((_, i) => keys[(i + r) % keys.length]!);
    for (const key of order) {
      const done = run(groupsOf.get(key)!, roundMs, schemaMs.get(key)!);
      rates.get(key)!.push((done.documents / done.ms) * 1000);
      passes.set(key, passes.get(key)! + done.passes);
    }
  }
  /** Microseconds per document, per schema. */
  const perDocument = (key: string) => schemaMs.get(key)!.map((ms, i) => (ms * 1000) / (passes.get(key)! * schemas[i]!.documents.length));
  const ajvPerDocument = perDocument("ajv");
  const summary = (key: string) => {
    const values = rates.get(key)!;
    const m = median(values);
    const us = perDocument(key);
    const total = us.reduce((a, b, i) => a + b * schemas[i]!.documents.length, 0);
    const slowest = us.reduce((best, v, i) => (v > us[best]! ? i : best), 0);
    return {
      docsPerSecond: Math.round(m),
      min: Math.round(Math.min(...values)),
      max: Math.round(Math.max(...values)),
      /** (max − min) / median over the rounds. */
      spreadPercent: ((Math.max(...values) - Math.min(...values)) / m) * 100,
      rounds: values.map(Math.round),
      /** Geometric mean over the schemas of (this validator's time per document ÷ ajv's): each schema counts once, whatever its size. */
      perSchemaTimesAjv: Math.exp(us.reduce((a, v, i) => a + Math.log(v / ajvPerDocument[i]!), 0) / us.length),
      medianSchemaMicrosecondsPerDocument: median(us),
      slowestSchema: { name: schemas[slowest]!.name, microsecondsPerDocument: us[slowest]!, shareOfTime: (us[slowest]! * schemas[slowest]!.documents.length) / total },
    };
  };
  // Against ajv in the same round (the load changes between rounds): the median of the per-round ratios.
  const ofAjv = (key: string) => median(rates.get(key)!.map((rate, r) => rate / rates.get("ajv")![r]!));
  return {
    corpus: corpus.source,
    corpusFiles: corpus.files,
    schemas: schemas.length,
    documents: documents.length,
    rounds,
    roundMs,
    validators: Object.fromEntries(
      CONTENDERS.map((c) => [c.key, { label: c.label, ...summary(c.key), ofAjv: ofAjv(c.key), judgedValid: verdicts.get(c.key)!.filter(Boolean).length }]),
    ),
    floor: { label: "JSON.stringify of each document", ...summary("floor") },
    disagreements: disagreements.length,
    // The documents judged differently (the first 50), with every validator's verdict.
    disagreeing: disagreements.slice(0, 50),
    excluded,
  };
}

/** The largest schema (compact JSON bytes) the gateway accepts. */
export function largestSchema(corpus: Corpus): CorpusSchema {
  return corpus.schemas.reduce((a, b) => (b.bytes > a.bytes ? b : a));
}

const storeConfig = (schema: unknown) => ({ actorType: "store", version: "v1", schema });
const TRIVIAL = { type: "object" };

/** Creating actors with `s` over REST, interleaved with the floors: a trivial schema, and GET / (no object). */
export async function benchActorCreation(client: Client, s: CorpusSchema, creations: number) {
  const { podName } = await client.json("POST", "/pods", {});
  const create = (schema: unknown, name: string) => client.json("POST", `/pods/${podName}/actors`, { name, config: storeConfig(schema) });
  const first = (await timed(() => create(s.schema, "large0"))).ms;
  await create(TRIVIAL, "trivial0");
  const large: number[] = [];
  const trivial: number[] = [];
  const http: number[] = [];
  for (let i = 1; i <= creations; i++) {
    large.push((await timed(() => create(s.schema, `large${i}`))).ms);
    trivial.push((await timed(() => create(TRIVIAL, `trivial${i}`))).ms);
    http.push((await timed(() => client.json("GET", "/"))).ms);
  }
  return {
    schema: s.name,
    schemaBytes: s.bytes,
    requestBytes: compactBytes({ name: "large1", config: storeConfig(s.schema) }),
    creations,
    firstMs: first,
    medianMs: median(large),
    minMs: Math.min(...large),
    maxMs: Math.max(...large),
    trivialSchemaMedianMs: median(trivial),
    httpFloorMs: median(http),
  };
}

/** The in-process part of a creation, in Node: parseStoreConfig for `s`, and its parts. */
export function benchConfigCost(s: CorpusSchema, runs: number) {
  const config = storeConfig(s.schema);
  const meta = s.draft === "7" ? meta07 : meta2020;
  const parts = {
    parseStoreConfig: () => parseStoreConfig(config),
    structuralChecks: () => schemaProblems(s.schema),
    metaSchema: () => meta(s.schema),
    buildValidator: () => new DocumentValidator(s.schema, s.draft),
    unresolvedRefs: (() => {
      const validator = new DocumentValidator(s.schema, s.draft);
      return () => validator.unresolvedRefs();
    })(),
    trivialParseStoreConfig: () => parseStoreConfig(storeConfig(TRIVIAL)),
  };
  type Part = keyof typeof parts;
  const names = Object.keys(parts) as Part[];
  const times = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<Part, number[]>;
  for (const name of names) parts[name](); // warm up
  for (let r = 0; r < runs; r++) {
    for (const name of names) {
      const start = performance.now();
      parts[name]();
      times[name].push(performance.now() - start);
    }
  }
  return { runs, ...(Object.fromEntries(names.map((k) => [`${k}Ms`, median(times[k])])) as Record<`${Part}Ms`, number>) };
}
