/**
 * `npm run bench`: runs each benchmark section, writes bench/results.json and
 * bench/RESULTS.md, and prints the table. Figures are medians over repeated
 * runs measured side by side in one run; read ratios, not absolute times
 * (these machines are shared and noisy).
 */
import { writeFileSync } from "node:fs";
import { benchBundle } from "./bundle.js";
import { benchSchemaBuild } from "./schema-build.js";

const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), node: process.version };
const rows: string[][] = [];

console.log("schema build: 100 actors x 20 properties ...");
const schema = benchSchemaBuild();
results.schemaBuild = schema;
rows.push(["Pod schema build, 100 actors × 20 properties, cold", `${schema.coldBuildMs.toFixed(1)} ms`, `${schema.graphqlTypes} GraphQL types`]);
rows.push(["Pod schema lookup, cached", `${(schema.cachedLookupMs * 1000).toFixed(3)} µs`, `target < 0.1 ms: ${schema.cachedLookupMs < 0.1 ? "met" : "MISSED"}`]);

console.log("bundle size ...");
const bundle = await benchBundle();
results.bundle = bundle;
rows.push(["Worker bundle", `${(bundle.rawBytes / 1024).toFixed(0)} KiB raw, ${(bundle.gzipBytes / 1024).toFixed(0)} KiB gzipped`, `target < 1 MiB gzipped: ${bundle.gzipBytes < 1024 * 1024 ? "met" : "MISSED"}`]);

const table = ["| measurement | result | note |", "| --- | --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
const url = (p: string) => new URL(p, import.meta.url);
writeFileSync(url("./results.json"), JSON.stringify(results, null, 2) + "\n");
writeFileSync(url("./RESULTS.md"), `# Benchmark results\n\nWritten by \`npm run bench\` on ${results.measuredAt} (${process.version}).\n\n${table}\n`);
console.log("\n" + table);
