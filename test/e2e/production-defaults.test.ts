/**
 * Issue 11, finding 11, as the attack: a plain `wrangler deploy` of this
 * repository must not ship development mode. The vars wrangler deploys are the
 * ones in wrangler.toml; development mode is only what .dev.vars adds.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
const tomlVar = (toml: string, name: string) => new RegExp(`^${name}\\s*=\\s*"([^"]*)"`, "m").exec(toml)?.[1];

describe("production defaults", () => {
  it("wrangler.toml ships the debug headers off; only .dev.vars turns them on", () => {
    expect(tomlVar(read("wrangler.toml"), "GATEWAY_DEBUG")).toBe("false");
    expect(read(".dev.vars.example")).toMatch(/^GATEWAY_DEBUG=true$/m);
  });

  it("masks unexpected GraphQL errors without stack traces whatever NODE_ENV says", async () => {
    const { maskError } = await import("graphql-yoga");
    const { maskedErrors } = await import("../../src/graphql/mask-errors.js");
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = "development";
    try {
      // Yoga itself would attach the original error and its stack in development.
      expect(JSON.stringify(maskError(new Error("boom"), "Unexpected error."))).toMatch(/boom|stack/);
      const masked = maskedErrors.maskError(new Error("boom"), "Unexpected error.");
      expect(masked.message).toBe("Unexpected error.");
      expect(JSON.stringify(masked)).not.toMatch(/boom|stack/);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
