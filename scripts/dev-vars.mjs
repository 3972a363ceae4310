// Creates .dev.vars (wrangler dev's local secrets) from .dev.vars.example on
// first run, so `npm start` and `npx wrangler dev` work with the documented
// development admin key. Run by the asset build under `wrangler dev`
// (scripts/build-assets.mjs).
import { copyFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const target = fileURLToPath(new URL("../.dev.vars", import.meta.url));
if (!existsSync(target)) {
  copyFileSync(fileURLToPath(new URL("../.dev.vars.example", import.meta.url)), target);
  console.log("created .dev.vars from .dev.vars.example (development admin key: dev-admin-key)");
}
