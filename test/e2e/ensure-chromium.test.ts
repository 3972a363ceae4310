/**
 * `npm test`'s pretest step, scripts/ensure-chromium.ts, which installs
 * Debian's Chromium for the browser tests when it is missing. Chromium stays
 * installed: each case hides it with a PATH that lacks it, and the install
 * case runs with ENSURE_CHROMIUM_DRY_RUN=1, which prints the apt-get commands
 * instead of running them.
 *
 *   npx vitest run --project e2e test/e2e/ensure-chromium.test.ts
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { findChromium, which } from "../../scripts/lib/chromium.js";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const TSX = join(ROOT, "node_modules/tsx/dist/cli.mjs");
const dirs: string[] = [];

/** A PATH folder holding only the named programs that this machine has (links to the real ones): no chromium. */
function pathWith(...programs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "ensure-chromium-"));
  dirs.push(dir);
  chmodSync(dir, 0o755); // readable by "nobody" too
  for (const program of programs) {
    const real = which(program);
    if (real) symlinkSync(real, join(dir, program));
  }
  return dir;
}

function ensure(env: Record<string, string>, asUser?: number): { status: number | null; output: string } {
  const base = { HOME: process.env.HOME ?? "/tmp", ...env };
  const command = asUser === undefined ? [process.execPath, TSX, "scripts/ensure-chromium.ts"] : [which("setpriv")!, `--reuid=${asUser}`, `--regid=${asUser}`, "--clear-groups", process.execPath, TSX, "scripts/ensure-chromium.ts"];
  const result = spawnSync(command[0]!, command.slice(1), { cwd: ROOT, env: base, encoding: "utf8", timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("scripts/ensure-chromium.ts (npm test's pretest step)", () => {
  it("does nothing and says nothing when Chromium is there", () => {
    const chromium = findChromium();
    expect(chromium, "this machine has Chromium (the browser tests need it)").toBeTruthy();
    const result = ensure({ PATH: process.env.PATH! });
    expect(result).toEqual({ status: 0, output: "" });
  });

  it("installs Debian's chromium package with apt-get, non-interactively, when no chromium is on PATH", () => {
    const result = ensure({ PATH: pathWith("apt-get", "sudo"), ENSURE_CHROMIUM_DRY_RUN: "1" });
    if (process.getuid?.() === 0) {
      expect(result.status, result.output).toBe(0);
      expect(result.output).toMatch(/no Chromium on PATH; the browser tests need it/);
      expect(result.output).toMatch(/\$ DEBIAN_FRONTEND=noninteractive \S*apt-get update -q\n/);
      expect(result.output).toMatch(/\$ DEBIAN_FRONTEND=noninteractive \S*apt-get install -y -q chromium\n/);
    } else {
      // Not root: only through password-less sudo, else a clear refusal.
      expect(result.output).toMatch(/sudo -n DEBIAN_FRONTEND=noninteractive \S*apt-get install -y -q chromium|is not root and has no password-less sudo/);
    }
  });

  it("stops with a clear message when it is not root and has no password-less sudo", () => {
    // As root, the test runs the script as "nobody"; otherwise as this user, who then must lack password-less sudo.
    const asNobody = process.getuid?.() === 0 && which("setpriv") !== null;
    const result = ensure({ PATH: pathWith("apt-get"), ...(asNobody ? {} : { ENSURE_CHROMIUM_DRY_RUN: "1" }) }, asNobody ? 65534 : undefined);
    if (!asNobody && /sudo -n/.test(result.output)) {
      // This user has password-less sudo: the script goes through it instead.
      expect(result.status, result.output).toBe(0);
      return;
    }
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/needs root, and this user \(uid \d+\) is not root and has no password-less sudo/);
    expect(result.output).toMatch(/sudo apt-get install chromium/);
  });

  it("stops with a clear message when there is no apt-get to install with", () => {
    const result = ensure({ PATH: pathWith() });
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/No Chromium on PATH, and no apt-get to install it with/);
    expect(result.output).toMatch(/CHROMIUM_PATH/);
  });

  it("installs nothing when CHROMIUM_PATH names a browser that is not there", () => {
    const result = ensure({ PATH: process.env.PATH!, CHROMIUM_PATH: "/nonexistent/chromium", ENSURE_CHROMIUM_DRY_RUN: "1" });
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/CHROMIUM_PATH is set to "\/nonexistent\/chromium", which is not an executable file/);
    expect(result.output).not.toMatch(/apt-get update/);
  });
});
