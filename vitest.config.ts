import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Tests run inside workerd against real SQLite-backed Durable Objects.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      // Fast change-feed heartbeats, so tests of broken upstreams finish in seconds.
      miniflare: { bindings: { CHANGE_FEED_HEARTBEAT_MS: "200" } },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
