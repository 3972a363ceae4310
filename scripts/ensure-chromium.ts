/**
 * `npm test`'s pretest step: the browser tests (test/e2e/browser.test.ts)
 * drive Debian's Chromium through playwright-core (playwright cannot download
 * its own browser on these machines). When no Chromium is found (see
 * scripts/lib/chromium.ts) this installs Debian's package:
 *
 *   apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
 *
 * as root, or through `sudo -n` (never a password prompt) otherwise. When it
 * cannot (no apt-get, not root and no password-less sudo, the install fails),
 * it stops `npm test` with a message that says what to install by hand.
 * With CHROMIUM_PATH set it installs nothing: that browser must exist.
 *
 *   ENSURE_CHROMIUM_DRY_RUN=1 tsx scripts/ensure-chromium.ts   prints what it would run
 */
import { spawnSync } from "node:child_process";
import { findChromium, which } from "./lib/chromium.js";

const dryRun = Boolean(process.env.ENSURE_CHROMIUM_DRY_RUN);

function fail(message: string): never {
  console.error(`\nensure-chromium: ${message}\n`);
  process.exit(1);
}

const found = findChromium();
if (found) process.exit(0);

const manual =
  "The browser tests (test/e2e/browser.test.ts) need Chromium. Install Debian's package by hand " +
  "(sudo apt-get install chromium), or point CHROMIUM_PATH at a Chromium or Chrome binary, then run npm test again.";
if (process.env.CHROMIUM_PATH) fail(`CHROMIUM_PATH is set to "${process.env.CHROMIUM_PATH}", which is not an executable file. ${manual}`);

const aptGet = which("apt-get");
if (!aptGet) fail(`No Chromium on PATH, and no apt-get to install it with (not a Debian-like system?). ${manual}`);

let prefix: string[] = [];
if (process.getuid?.() !== 0) {
  const sudo = which("sudo");
  if (!sudo || spawnSync(sudo, ["-n", "true"], { stdio: "ignore" }).status !== 0) {
    fail(`No Chromium on PATH. Installing it with apt-get needs root, and this user (uid ${process.getuid?.()}) is not root and has no password-less sudo. ${manual}`);
  }
  prefix = [sudo, "-n"];
}

// DEBIAN_FRONTEND=noninteractive: no debconf question may wait for an answer (in the environment as root; as an argument
// through sudo, which resets the environment).
const steps = [
  [...prefix, aptGet, "update", "-q"],
  [...prefix, ...(prefix.length ? ["DEBIAN_FRONTEND=noninteractive"] : []), aptGet, "install", "-y", "-q", "chromium"],
];
console.log("ensure-chromium: no Chromium on PATH; the browser tests need it. Installing Debian's chromium package:");
for (const step of steps) {
  console.log(`  $ ${prefix.length ? "" : "DEBIAN_FRONTEND=noninteractive "}${step.join(" ")}`);
  if (dryRun) continue;
  const result = spawnSync(step[0]!, step.slice(1), { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) fail(`"${step.join(" ")}" failed (exit ${result.status ?? result.signal}). ${manual}`);
}
if (dryRun) process.exit(0);
const installed = findChromium();
if (!installed) fail(`apt-get installed chromium, but there is still no chromium on PATH (${process.env.PATH}). ${manual}`);
console.log(`ensure-chromium: installed ${installed}`);
