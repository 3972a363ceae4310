// Prints the gateway's GraphQL schemas:
//   schema/schema.graphql            the global schema (/graphql)
//   schema/examples/demo-pod.graphql the typed schema of the example pod in schema/examples/demo-pod.json
//   npm run schema:print             write them
//   npm run schema:print -- --check  exit 1 when a committed file is stale
// test/schema-sdl.test.ts fails too when either file is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import { printSchema } from "graphql";
import { schema } from "../src/graphql/schema.js";
import { exampleSchemaSdl } from "../src/typed/example-pod.js";
import demo from "../schema/examples/demo-pod.json" with { type: "json" };

const outputs: [string, string][] = [
  ["../schema/schema.graphql", printSchema(schema) + "\n"],
  ["../schema/examples/demo-pod.graphql", exampleSchemaSdl(demo)],
];
let stale = false;
for (const [relative, sdl] of outputs) {
  const path = new URL(relative, import.meta.url);
  if (!process.argv.includes("--check")) writeFileSync(path, sdl);
  else if (readFileSync(path, "utf8") !== sdl) {
    console.error(`${relative.slice(3)} is stale: run npm run schema:print`);
    stale = true;
  }
}
process.exit(stale ? 1 : 0);
