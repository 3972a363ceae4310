// Builds the example frontend (examples/web) into public/example/, which the
// gateway serves as static assets. Runs before start, test and deploy.
import { copyFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
mkdirSync(root("public/example"), { recursive: true });
copyFileSync(root("examples/web/index.html"), root("public/example/index.html"));
await build({
  entryPoints: [root("examples/web/main.ts")],
  outfile: root("public/example/app.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  logLevel: "warning",
});
