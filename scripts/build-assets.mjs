// The asset build: GraphiQL's files into public/graphiql/ and the example
// frontend into public/example/, the static assets wrangler serves ([assets]
// in wrangler.toml). wrangler runs it itself as the [build] command, before
// every `wrangler dev` and `wrangler deploy`, so a fresh clone needs no manual
// step; `npm run assets` runs it by hand, and `npm test` before the tests.
//
// Under `wrangler dev` (wrangler sets WRANGLER_COMMAND=dev for the build
// command) it also creates .dev.vars from .dev.vars.example when there is
// none, so `npx wrangler dev` and `npm start` alike have the development
// admin key. scripts/gateway.ts (the tests' gateway, which passes its own
// --var bindings) turns that off with ACTOR_GATEWAY_NO_DEV_VARS=1.
await import("./copy-graphiql.mjs");
await import("./build-example.mjs");
if (process.env.WRANGLER_COMMAND === "dev" && !process.env.ACTOR_GATEWAY_NO_DEV_VARS) await import("./dev-vars.mjs");
