// Builds the example frontend (examples/web) into public/example/, which the
// gateway serves as static assets. Part of the asset build
// (scripts/build-assets.mjs); `npm run example` runs it alone. Unchanged files
// are not rewritten.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { writeIfChanged } from "./lib/write-if-changed.mjs";

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const result = await build({
  entryPoints: [root("examples/web/main.ts")],
  outfile: root("public/example/app.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  logLevel: "warning",
  write: false,
});
let written = writeIfChanged(root("public/example/index.html"), readFileSync(root("examples/web/index.html"))) ? 1 : 0;
for (const file of result.outputFiles) if (writeIfChanged(file.path, file.contents)) written++;
if (written) console.log(`public/example/: ${written} file(s) updated`);
