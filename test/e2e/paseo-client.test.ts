/**
 * An existing Paseo client, unchanged (test/e2e/clients/paseo-client.mjs: no credentials, Paseo
 * Core's paths, `k_metadata_type`), against `wrangler dev` in local open mode
 * (`LOCAL_OPEN_ACCESS=true`, docs/security.md). The same client against the gateway as shipped is
 * refused with 401 at its first step, since it sends no key.
 */
import { execFile } from "node:child_process";
import { request } from "node:http";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type Gateway } from "../../scripts/gateway.js";
import { gatewayUrl } from "./gateway-client.js";

const run = promisify(execFile);
const CLIENT = "test/e2e/clients/paseo-client.mjs";
let open: Gateway;

beforeAll(async () => {
  open = await startGateway({ LOCAL_OPEN_ACCESS: "true" });
}, 120_000);
afterAll(() => open?.stop());

describe("a Paseo-style client", () => {
  it("runs unchanged against a local gateway in open mode, which warns on every response", async () => {
    const { stdout } = await run("node", [CLIENT, open.url]);
    const result = JSON.parse(stdout.trim().split("\n").pop()!);
    expect(result).toMatchObject({ chats: 2, items: 3, openapi: "3.1.0" });
    const res = await fetch(`${open.url}/pods/${result.podName}`);
    expect(res.headers.get("x-gateway-warning")).toMatch(/LOCAL_OPEN_ACCESS/);
  });

  it("is refused with 401 by the gateway as shipped (open mode off), and open mode ignores requests to a non-loopback host", async () => {
    await expect(run("node", [CLIENT, gatewayUrl()])).rejects.toThrow(/POST \/pods: 401/);
    // fetch will not send another Host header; node:http will, as a proxy in front would.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${open.url}/pods`, { method: "POST", headers: { host: "gateway.example.com", "content-type": "application/json" } }, (res) => (res.resume(), resolve(res.statusCode ?? 0)));
      req.on("error", reject);
      req.end("{}");
    });
    expect(status).toBe(401);
  });
});
