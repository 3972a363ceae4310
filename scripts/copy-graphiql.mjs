// Copies GraphiQL's built files from node_modules/@graphql-yoga/graphiql into
// public/graphiql/, which wrangler serves as static assets ([assets] in
// wrangler.toml), so GraphiQL needs no CDN. Runs before start, test, bench and deploy.
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const from = fileURLToPath(new URL("../node_modules/@graphql-yoga/graphiql/dist/", import.meta.url));
const to = fileURLToPath(new URL("../public/graphiql/", import.meta.url));
if (!existsSync(from)) throw new Error("@graphql-yoga/graphiql is not installed: run npm install");
mkdirSync(to, { recursive: true });
for (const file of ["yoga-graphiql.umd.js", "graphiql.css", "monacoeditorwork"]) cpSync(from + file, to + file, { recursive: true });
