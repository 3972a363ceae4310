// Copies GraphiQL's built files from node_modules/@graphql-yoga/graphiql into
// public/graphiql/, which wrangler serves as static assets ([assets] in
// wrangler.toml), so GraphiQL needs no CDN. Part of the asset build
// (scripts/build-assets.mjs): wrangler's [build] command and `npm test` run it.
// Unchanged files are not rewritten.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { writeIfChanged } from "./lib/write-if-changed.mjs";

const from = fileURLToPath(new URL("../node_modules/@graphql-yoga/graphiql/dist/", import.meta.url));
const to = fileURLToPath(new URL("../public/graphiql/", import.meta.url));
if (!existsSync(from)) throw new Error("@graphql-yoga/graphiql is not installed: run npm install");
const files = ["yoga-graphiql.umd.js", "graphiql.css", ...readdirSync(from + "monacoeditorwork").map((f) => `monacoeditorwork/${f}`)];
let written = 0;
for (const file of files) if (writeIfChanged(to + file, readFileSync(from + file))) written++;
if (written) console.log(`public/graphiql/: ${written} of ${files.length} file(s) updated`);
