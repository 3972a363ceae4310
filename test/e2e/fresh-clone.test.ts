/**
 * Wrangler's own commands on a fresh clone, with no npm script before them:
 * the repository's files copied to a temporary folder (what `git clone`
 * gives: the tracked and not-ignored files, so no public/ and no .dev.vars),
 * with this checkout's node_modules linked in (what `npm ci` gives).
 *
 * - `npx wrangler deploy --dry-run` builds the static assets itself (the
 *   [build] command of wrangler.toml) and bundles the Worker; it leaves
 *   .dev.vars alone, since a deploy never reads it.
 * - `npx wrangler dev --port N` builds them too, creates .dev.vars from
 *   .dev.vars.example, answers on that port with GraphiQL's files and the
 *   development admin key, and reloads when a file under src/ changes.
 *
 *   npx vitest run --project e2e test/e2e/fresh-clone.test.ts
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { freePort } from "../../scripts/gateway.js";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
let clone = "";

/** wrangler's environment: no metrics, non-interactive; nothing of the test gateway's own settings. */
function wranglerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };
  delete env.ACTOR_GATEWAY_NO_DEV_VARS;
  delete env.WRANGLER_COMMAND;
  return env;
}

function run(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn("npx", args, { cwd: clone, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}


beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), "fresh-clone-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(clone, file));
  }
  symlinkSync(join(ROOT, "node_modules"), join(clone, "node_modules"), "dir");
  expect(existsSync(join(clone, "wrangler.toml"))).toBe(true);
  expect(existsSync(join(clone, "public"))).toBe(false);
  expect(existsSync(join(clone, ".dev.vars"))).toBe(false);
});

afterAll(() => {
  if (clone) rmSync(clone, { recursive: true, force: true });
});

describe("wrangler's own commands on a fresh clone", () => {
  it("npx wrangler deploy --dry-run builds the static assets and the Worker", async () => {
    const started = Date.now();
    const result = await run(["wrangler", "deploy", "--dry-run", "--outdir", join(clone, "dist")], 90_000);
    console.log(`wrangler deploy --dry-run on a fresh clone: ${Date.now() - started} ms`);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("[custom build] Running: node scripts/build-assets.mjs");
    expect(existsSync(join(clone, "dist/index.js"))).toBe(true);
    expect(existsSync(join(clone, "public/graphiql/yoga-graphiql.umd.js"))).toBe(true);
    expect(existsSync(join(clone, "public/example/app.js"))).toBe(true);
    expect(existsSync(join(clone, ".dev.vars")), "a deploy must not create .dev.vars").toBe(false);
  }, 120_000);

  it("npx wrangler dev --port N answers on that port, with GraphiQL's files and the development admin key, and reloads on a change in src/", async () => {
    rmSync(join(clone, "public"), { recursive: true, force: true });
    const port = await freePort();
    const child = spawn("npx", ["wrangler", "dev", "--ip", "127.0.0.1", "--port", String(port), "--show-interactive-dev-session=false"], { cwd: clone, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const url = `http://127.0.0.1:${port}`;
    try {
      const deadline = Date.now() + 90_000;
      let root: Response | undefined;
      while (!root) {
        try {
          root = await fetch(`${url}/`);
        } catch {
          if (child.exitCode !== null || Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${output}`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      expect(root.status, output).toBe(200);
      expect(await root.json()).toMatchObject({ name: "actor-gateway", graphql: "/graphql" });
      const graphiql = await fetch(`${url}/graphiql/yoga-graphiql.umd.js`);
      expect(graphiql.status).toBe(200);
      await graphiql.arrayBuffer();
      expect(existsSync(join(clone, ".dev.vars")), output).toBe(true);
      const pods = await fetch(`${url}/pods`, { headers: { authorization: "Bearer dev-admin-key" } });
      expect(pods.status, await pods.clone().text()).toBe(200);
      expect(await pods.json()).toMatchObject({ pods: [] });

      // It reloads when the Worker's source changes (with a [build] command, only watch_dir is watched).
      const pages = join(clone, "src/http/pages.ts");
      writeFileSync(pages, readFileSync(pages, "utf8").replace("<h1>actor-gateway</h1>", "<h1>actor-gateway, edited</h1>"));
      const reloadDeadline = Date.now() + 60_000;
      let landing = "";
      while (!landing.includes("actor-gateway, edited") && Date.now() < reloadDeadline) {
        await new Promise((r) => setTimeout(r, 500));
        landing = await fetch(`${url}/`, { headers: { accept: "text/html" } }).then((r) => r.text(), () => "");
      }
      expect(landing, `wrangler dev did not reload after src/ changed:\n${output}`).toContain("actor-gateway, edited");
    } finally {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 120_000);
});
