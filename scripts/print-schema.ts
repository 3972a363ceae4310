// Prints the gateway's GraphQL schema to schema/schema.graphql.
//   npm run schema:print           write it
//   npm run schema:print -- --check  exit 1 when the committed file is stale
// test/schema-sdl.test.ts fails too when the file is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import { printSchema } from "graphql";
import { schema } from "../src/graphql/schema.js";

const path = new URL("../schema/schema.graphql", import.meta.url);
const sdl = printSchema(schema) + "\n";
if (process.argv.includes("--check")) {
  if (readFileSync(path, "utf8") !== sdl) {
    console.error("schema/schema.graphql is stale: run npm run schema:print");
    process.exit(1);
  }
} else {
  writeFileSync(path, sdl);
}
