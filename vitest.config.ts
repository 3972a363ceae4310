import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        // Unit and integration tests: inside workerd, against real SQLite-backed Durable Objects.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            // Fast change-feed heartbeats, so tests of broken upstreams finish in seconds.
            // ADMIN_KEY: the key test/helpers.ts sends unless a test says otherwise.
            // GATEWAY_DEBUG: the debug headers the batching tests read (off in wrangler.toml).
            // FUZZ_RUNS / FUZZ_SEED: optional overrides for the fuzz tests (test/fuzz*.test.ts).
            miniflare: { bindings: { CHANGE_FEED_HEARTBEAT_MS: "200", ADMIN_KEY: "test-admin-key", GATEWAY_DEBUG: "true", FUZZ_RUNS: process.env.FUZZ_RUNS ?? "", FUZZ_SEED: process.env.FUZZ_SEED ?? "" } },
          }),
        ],
        // Group 0: runs first, so the browser tests below do not compete with workerd for two cores.
        test: { name: "workerd", sequence: { groupOrder: 0 }, include: ["test/**/*.test.ts"], exclude: ["test/e2e/**"], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        // End-to-end tests: real clients in Node against `wrangler dev` on loopback.
        test: { name: "e2e", sequence: { groupOrder: 1 }, include: ["test/e2e/**/*.test.ts"], environment: "node", globalSetup: ["test/e2e/setup.ts"], testTimeout: 60_000, hookTimeout: 120_000 },
      },
    ],
  },
});
