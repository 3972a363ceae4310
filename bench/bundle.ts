/** The Worker bundle as wrangler builds it for deployment (dry run, no network), raw and gzipped. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export async function benchBundle() {
  const dir = mkdtempSync(join(tmpdir(), "gateway-bundle-"));
  try {
    execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", dir], { stdio: "pipe" });
    const files = readdirSync(dir).filter((f) => f.endsWith(".js"));
    const code = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
    return { rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
