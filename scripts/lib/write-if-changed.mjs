// Writes a file only when its content differs from what is there, and then
// atomically (a temporary file renamed over the old one). The asset build runs
// from several places that may overlap: wrangler's [build] command (at the
// start of `wrangler dev`, again when its watcher is ready, and for every
// `wrangler deploy`), `npm test`, and tests that run `wrangler deploy
// --dry-run` while a `wrangler dev` serves the same public/ folder. A rebuild
// with nothing new then writes nothing, and a reader never sees half a file.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** @returns whether the file was written */
export function writeIfChanged(path, content) {
  const data = typeof content === "string" ? Buffer.from(content) : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (existsSync(path) && statSync(path).size === data.length && readFileSync(path).equals(data)) return false;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
  return true;
}
