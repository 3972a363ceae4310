/**
 * Starts the gateway the way a user does (`wrangler dev`), on loopback, on a
 * free port, with its own throwaway state folder; stops it afterwards.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The development admin key (.dev.vars.example); the gateways started here use it too. */
export const DEV_ADMIN_KEY = "dev-admin-key";

export interface Gateway {
  url: string;
  adminKey: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** `vars`: extra `--var` bindings, e.g. a raised stream cap for the benchmark. */
export async function startGateway(vars: Record<string, string> = {}): Promise<Gateway> {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), "gateway-bench-"));
  const child = spawn("npx", ["wrangler", "dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", state, "--log-level", "warn", "--show-interactive-dev-session=false", "--var", `ADMIN_KEY:${DEV_ADMIN_KEY}`, "--var", "GATEWAY_DEBUG:true", ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`])], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    // ACTOR_GATEWAY_NO_DEV_VARS: the asset build (wrangler's [build] command) leaves .dev.vars alone; the --var bindings above are the settings.
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", ACTOR_GATEWAY_NO_DEV_VARS: "1" },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    adminKey: DEV_ADMIN_KEY,
    async stop() {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
      rmSync(state, { recursive: true, force: true });
    },
  };
}
