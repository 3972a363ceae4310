// Creates .dev.vars (wrangler dev's local secrets) from .dev.vars.example on
// first run, so `npm start` works with the documented development admin key.
import { copyFileSync, existsSync } from "node:fs";

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("created .dev.vars from .dev.vars.example (development admin key: dev-admin-key)");
}
