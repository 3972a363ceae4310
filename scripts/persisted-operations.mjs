// Gathers the persisted documents GraphQL Code Generator writes (codegen.ts,
// `persistedDocuments`) into schema/persisted-operations.json, the manifest
// the Worker bundles: sha256 hex -> operation text. `--check` fails when the
// manifest is out of date.
import { readFileSync, writeFileSync } from "node:fs";

const SOURCES = ["examples/web/generated/persisted-documents.json"];
const TARGET = "schema/persisted-operations.json";

const merged = {};
for (const source of SOURCES) {
  for (const [key, document] of Object.entries(JSON.parse(readFileSync(source, "utf8")))) {
    merged[key.replace(/^sha256:/, "")] = document;
  }
}
const text = JSON.stringify(Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b))), null, 2) + "\n";

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(TARGET, "utf8");
  } catch {}
  if (current !== text) {
    console.error(`${TARGET} is out of date: run npm run codegen`);
    process.exit(1);
  }
} else {
  writeFileSync(TARGET, text);
  console.log(`${TARGET}: ${Object.keys(merged).length} operations`);
}
