/**
 * `npm run bench`: starts the gateway with `wrangler dev` on loopback, runs
 * each section, writes bench/results.json and bench/RESULTS.md, and prints
 * the table. Figures are medians over repeated runs, measured side by side in
 * one run: read the ratios, not the absolute times (these machines are shared
 * and noisy). `npm run bench -- --quick` runs smaller sizes for a smoke test;
 * `--only <inserts|list|fanout|subscribers|history|schema|bundle|validators|patterns>`
 * runs one section and prints it without writing the result files (the
 * gateway is started only for the sections that call it).
 */
import { writeFileSync } from "node:fs";
import { benchBundle } from "./bundle.js";
import { Client } from "./client.js";
import { startGateway } from "../scripts/gateway.js";
import { benchFanOut, benchInserts, benchList } from "./http-sections.js";
import { benchHistory } from "./history.js";
import { benchPatterns } from "./patterns.js";
import { benchSchemaBuild } from "./schema-build.js";
import { benchSubscribers } from "./subscribers.js";
import { benchActorCreation, benchConfigCost, benchValidators, largestSchema, loadCorpus, type Corpus } from "./validators.js";

const quick = process.argv.includes("--quick");
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : null;
const runs = (section: string) => only === null || only === section;
const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), node: process.version, quick };
const rows: string[][] = [];
const verdict = (ok: boolean) => (ok ? "met" : "**MISSED**");
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const notes: string[] = [];

// 7. JSON Schema validation: the corpus and its documents are prepared before the gateway starts.
let corpus: Corpus | null = null;
if (runs("validators")) {
  console.log("7. preparing the JSON Schema corpus (documents from json-schema-faker, checked by ajv) ...");
  corpus = loadCorpus(quick);
}
let creation: Awaited<ReturnType<typeof benchActorCreation>> | null = null;

const needsGateway = ["inserts", "list", "fanout", "subscribers", "history", "validators"].some(runs);
// The subscriber section opens 1,000 streams on one pod, LIMITS.streamsPerPod itself: leave it room.
const gateway = needsGateway ? await startGateway({ STREAMS_PER_POD: "5000" }) : null;
try {
  if (gateway) {
  const client = new Client(gateway.url, gateway.adminKey);

  const count = quick ? 1000 : 10_000;
  if (runs("inserts")) {
  console.log(`1. inserting ${count} items (REST one by one, GraphQL one by one, createMany) ...`);
  const inserts = await benchInserts(client, count, quick ? 1 : 3);
  results.inserts = inserts;
  rows.push([`Insert ${count} items one by one, REST`, `${fmt(inserts.restOneByOneMs / 1000)} s (${inserts.restItemsPerSecond}/s)`, ""]);
  rows.push([`Insert ${count} items one by one, GraphQL`, `${fmt(inserts.graphqlOneByOneMs / 1000)} s (${inserts.graphqlItemsPerSecond}/s)`, ""]);
  rows.push([`Insert ${count} items, createMany × 500`, `${fmt(inserts.createManyMs / 1000, 2)} s (${inserts.createManyItemsPerSecond}/s)`, `${fmt(inserts.createManySpeedupOverRest)}× faster than REST one by one; target ≥ 20×: ${verdict(inserts.createManySpeedupOverRest >= 20)}`]);

  }
  if (runs("list")) {
  console.log("2. listing 100 items, REST vs GraphQL ...");
  const list = await benchList(client, quick ? 30 : 200);
  results.list = list;
  rows.push(["List 100 items, REST", `${fmt(list.restMs, 2)} ms`, ""]);
  rows.push(["List 100 items, typed GraphQL", `${fmt(list.graphqlMs, 2)} ms`, `${fmt(list.graphqlOverRest, 2)}× REST; target ≤ 1.5×: ${verdict(list.graphqlOverRest <= 1.5)}`]);
  rows.push([
    "Profile of that ratio",
    `HTTP floor ${fmt(list.profile.httpFloorMs, 2)} ms; Yoga floor ${fmt(list.profile.yogaFloorMs, 2)} ms; typed list ids only ${fmt(list.profile.graphqlIdsOnlyMs, 2)} ms`,
    "floor = GET / (no object); Yoga floor = `{ __typename }` on /graphql (no object)",
  ]);

  }
  if (runs("fanout")) {
  console.log("3. fan-out over 50 actors × 20 items with a relation per item ...");
  const fanOut = await benchFanOut(client, quick ? 3 : 10);
  results.fanOut = fanOut;
  rows.push(["Fan-out 50 actors × 20 items + relation, batched", `${fmt(fanOut.batched.ms)} ms, ${fanOut.batched.storeCalls} calls`, ""]);
  rows.push(["Fan-out, deliberately unbatched", `${fmt(fanOut.unbatched.ms)} ms, ${fanOut.unbatched.storeCalls} calls`, `${fmt(fanOut.callReduction)}× fewer calls batched (target ≥ 10×: ${verdict(fanOut.callReduction >= 10)}), ${fmt(fanOut.speedup)}× faster`]);
  }
  if (runs("subscribers")) {
    const [subscribers, writes] = quick ? [100, 100] : [1000, 1000];
    console.log(`6. ${subscribers} SSE subscribers on one actor, ${writes} writes ...`);
    const fan = await benchSubscribers(client, subscribers, writes);
    results.subscribers = fan;
    rows.push([
      `${subscribers} SSE subscribers × ${writes} writes`,
      `${fan.subscribersWithEveryEventInOrder}/${subscribers} got every event in order; ack → receipt p50 ${fmt(fan.latencyP50Ms)} ms, p99 ${fmt(fan.latencyP99Ms)} ms; send → receipt p50 ${fmt(fan.latencyFromSendP50Ms)} ms, p99 ${fmt(fan.latencyFromSendP99Ms)} ms`,
      `negative: the event arrived before the writer's HTTP response; all delivered ${fmt(fan.allDeliveredMs / 1000)} s after the first write`,
    ]);
    rows.push(["Memory per SSE subscriber", fan.memoryPerSubscriberKiB === null ? "n/a" : `${fmt(fan.memoryPerSubscriberKiB)} KiB`, "workerd resident memory with subscribers connected minus before, ÷ subscribers"]);
  }
  if (runs("history")) {
    const sizes = quick ? { rounds: 30, items: 1000, rewrites: 1 } : { rounds: 200, items: 10_000, rewrites: 3 };
    console.log(`9. versioned items: ${sizes.items} items, each rewritten ${sizes.rewrites} times ...`);
    const history = await benchHistory(client, sizes);
    results.history = history;
    rows.push(["Write with history: replace vs create", `replace ${fmt(history.replaceMs, 2)} ms, create ${fmt(history.createMs, 2)} ms`, `${fmt(history.replaceOverCreate, 2)}× (a create keeps no revision; a replace keeps the one it supersedes). Floor: GET / ${fmt(history.httpFloorMs, 2)} ms`]);
    rows.push([`List 100 of ${history.items} items in the past (?at=) vs now`, `past ${fmt(history.listPastMs, 2)} ms, now ${fmt(history.listNowMs, 2)} ms`, `${fmt(history.pastOverNow, 2)}× the current list; ${history.rewrites} revisions per item since that time; floor GET / ${fmt(history.httpFloorMs, 2)} ms`]);
  }
  if (corpus) {
    const largest = largestSchema(corpus);
    console.log(`7. creating actors with the largest corpus schema, ${largest.name} ...`);
    creation = await benchActorCreation(client, largest, quick ? 3 : 10);
  }
  }
} finally {
  await gateway?.stop();
}

if (runs("schema")) {
  console.log("4. pod schema build: 100 actors × 20 properties ...");
  const schema = benchSchemaBuild();
  results.schemaBuild = schema;
  rows.push(["Pod schema build, 100 actors × 20 properties, cold", `${fmt(schema.coldBuildMs)} ms`, `${schema.graphqlTypes} GraphQL types`]);
  rows.push(["Pod schema lookup, cached", `${fmt(schema.cachedLookupMs * 1000, 3)} µs`, `target < 0.1 ms: ${verdict(schema.cachedLookupMs < 0.1)}`]);
}

if (runs("bundle")) {
  console.log("5. bundle size ...");
  const bundle = await benchBundle();
  results.bundle = bundle;
  rows.push(["Worker bundle", `${fmt(bundle.rawBytes / 1024, 0)} KiB raw, ${fmt(bundle.gzipBytes / 1024, 0)} KiB gzipped`, `target < 1 MiB gzipped: ${verdict(bundle.gzipBytes < 1024 * 1024)}`]);
}

if (runs("patterns")) {
  console.log("8. patterns: real-world patterns on adversarial 100 KB inputs, shipped engine vs V8's native RegExp (capped) ...");
  const patterns = await benchPatterns({ quick });
  results.patterns = patterns.results;
  rows.push(...patterns.rows);
  notes.push("Patterns are timed in Node; workerd runs the same V8, and the shipped engine is the same code (re2js, pure JavaScript). Native matches run in a worker thread that is terminated at the cap.");
}

if (corpus && creation) {
  console.log(`7. validating documents over the corpus (${quick ? 3 : 5} interleaved rounds per validator) ...`);
  const throughput = await benchValidators(corpus, quick ? 3 : 5, quick ? 300 : 1000);
  const largest = largestSchema(corpus);
  const config = benchConfigCost(largest, quick ? 3 : 10);
  results.validation = { throughput, creation, configCost: { schema: largest.name, ...config } };
  const per = (n: number) => `${n.toLocaleString("en-US")}/s`;
  const corpusText = `${throughput.schemas} schemas × ${throughput.documents} documents (${throughput.corpus})`;
  for (const [i, v] of Object.values(throughput.validators).entries()) {
    const slow = v.slowestSchema;
    rows.push([
      `Validate, ${v.label}`,
      `${per(v.docsPerSecond)} (rounds ${per(v.min)}–${per(v.max)}, spread ${fmt(v.spreadPercent, 0)}%)`,
      `${i === 0 ? `${corpusText}, median of ${throughput.rounds} interleaved rounds. ` : ""}${fmt(v.ofAjv, 3)}× ajv's rate (median of per-round ratios); per schema ${fmt(v.perSchemaTimesAjv)}× ajv's time (geometric mean), median schema ${fmt(v.medianSchemaMicrosecondsPerDocument)} µs/document; slowest ${slow.name} ${fmt(slow.microsecondsPerDocument / 1000, 2)} ms/document (${fmt(slow.shareOfTime * 100, 0)}% of the time); judged ${v.judgedValid}/${throughput.documents} valid`,
    ]);
  }
  const f = throughput.floor;
  rows.push([`Validation floor: ${f.label}`, `${per(f.docsPerSecond)} (rounds ${per(f.min)}–${per(f.max)})`, "same documents and loop; visits every value once, as any validator must"]);
  const sample = throughput.disagreeing.slice(0, 3).map((d) => `${d.schema}#${d.document}: invalid for ${Object.entries(d.verdicts).filter(([, ok]) => !ok).map(([k]) => k).join(", ")}`);
  const left = throughput.excluded.map((e) => e.name);
  rows.push([
    "Validation verdicts",
    `${throughput.disagreements} of ${throughput.documents} documents judged differently`,
    `${sample.length ? `${sample.join("; ")}${throughput.disagreements > sample.length ? "; …" : ""} (listed in results.json). ` : ""}Every document is ajv-valid. Left out: ${left.length} of ${throughput.corpusFiles} files${left.length && left.length <= 3 ? ` (${left.join(", ")})` : ""}, see results.json`,
  ]);
  rows.push([
    `Create an actor with ${creation.schema} (${creation.schemaBytes} B), REST`,
    `${fmt(creation.medianMs)} ms (min ${fmt(creation.minMs)}, max ${fmt(creation.maxMs)}; first ${fmt(creation.firstMs)} ms)`,
    `largest corpus schema the gateway accepts, compact JSON; median of ${creation.creations}. Floors: trivial schema ${fmt(creation.trivialSchemaMedianMs)} ms; GET / ${fmt(creation.httpFloorMs, 2)} ms`,
  ]);
  rows.push([
    "Its config checks + DocumentValidator, in Node",
    `parseStoreConfig ${fmt(config.parseStoreConfigMs)} ms: structural checks ${fmt(config.structuralChecksMs)}, meta-schema ${fmt(config.metaSchemaMs)}, build DocumentValidator ${fmt(config.buildValidatorMs)}, unresolvedRefs ${fmt(config.unresolvedRefsMs)} ms`,
    `a creation runs it twice (pod object, then store actor): ≈ ${fmt(2 * config.parseStoreConfigMs)} of the ${fmt(creation.medianMs)} ms; floor: trivial schema ${fmt(config.trivialParseStoreConfigMs, 2)} ms; median of ${config.runs}`,
  ]);
  notes.push(`JSON Schema validation is measured in Node ${process.version} (V8 ${process.versions.v8}); workerd runs the same engine, V8, so the ratios between validators carry over to the Worker. ajv is the reference only: it generates code, which Workers forbid.`);
}

const table = ["| measurement | result | note |", "| --- | --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
const url = (p: string) => new URL(p, import.meta.url);
if (only === null) {
  writeFileSync(url("./results.json"), JSON.stringify(results, null, 2) + "\n");
  writeFileSync(url("./RESULTS.md"), `# Benchmark results\n\nWritten by \`npm run bench${quick ? " -- --quick" : ""}\` on ${results.measuredAt} (Node ${process.version}, wrangler dev on loopback).\n\n${table}\n${notes.map((n) => `\n${n}\n`).join("")}`);
}
console.log("\n" + table + notes.map((n) => `\n\n${n}`).join(""));
