/**
 * Reading JSON where the fixture scripts (and the bench) find it: every JSON
 * file under a folder, and JSON object literals written into generated
 * JavaScript (ajv's standalone code writes schemas that way).
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every `.json` file under `dir`, depth first, in name order. */
export function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...jsonFiles(path));
    else if (entry.endsWith(".json")) out.push(path);
  }
  return out;
}

/** The end (exclusive) of the `{...}` that opens at `start`, skipping braces inside double-quoted strings; -1 when unterminated. */
export function objectLiteralEnd(code: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  return -1;
}
