/**
 * Runs the official JSON-Schema-Test-Suite (draft 2020-12 and draft 7,
 * required tests) through DocumentValidator, the validator store actors use at
 * run time, inside workerd. Remotes are preloaded from the suite's `remotes/`
 * under their http://localhost:1234/ URLs, as the suite prescribes; nothing is
 * fetched. Known failures are listed below with their reasons: the test fails
 * when a new one appears, and when a listed one starts to pass (so the list
 * only shrinks).
 */
/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { DocumentValidator } from "../src/store/document-validator.js";
import { KNOWN_FAILURES } from "./json-schema-suite.known-failures.js";

interface SuiteCase {
  description: string;
  schema: unknown;
  tests: { description: string; data: unknown; valid: boolean }[];
}

const SUITE = "../../shared/data/json-schema-test-suite";
const draft2020 = import.meta.glob<SuiteCase[]>("../../shared/data/json-schema-test-suite/tests/draft2020-12/*.json", { eager: true, import: "default" });
const draft7 = import.meta.glob<SuiteCase[]>("../../shared/data/json-schema-test-suite/tests/draft7/*.json", { eager: true, import: "default" });
const remotes = import.meta.glob<unknown>("../../shared/data/json-schema-test-suite/remotes/**/*.json", { eager: true, import: "default" });

function run(draft: "2020-12" | "7", files: Record<string, SuiteCase[]>) {
  const failures: string[] = [];
  let passed = 0;
  for (const [path, cases] of Object.entries(files)) {
    const file = path.slice(path.lastIndexOf("/") + 1);
    for (const group of cases) {
      let validator: DocumentValidator | null = null;
      let setupError: string | null = null;
      try {
        validator = new DocumentValidator(group.schema, draft, Object.entries(remotes).map(([p, schema]) => ({ url: `http://localhost:1234/${p.slice(`${SUITE}/remotes/`.length)}`, schema })));
      } catch (error) {
        setupError = String(error);
      }
      for (const test of group.tests) {
        const id = `${file} | ${group.description} | ${test.description}`;
        let valid: boolean | string;
        try {
          valid = validator ? validator.validate(test.data).length === 0 : `setup: ${setupError}`;
        } catch (error) {
          valid = `threw: ${String(error)}`;
        }
        if (valid === test.valid) passed++;
        else failures.push(id);
      }
    }
  }
  return { passed, failures };
}

describe.each([
  ["2020-12", draft2020],
  ["7", draft7],
] as const)("JSON-Schema-Test-Suite, draft %s", (draft, files) => {
  it("passes every required test but the listed known failures", () => {
    expect(Object.keys(files).length).toBeGreaterThan(30);
    const { passed, failures } = run(draft, files);
    const known = new Set(Object.keys(KNOWN_FAILURES[draft]));
    console.log(`JSON-Schema-Test-Suite draft ${draft}: ${passed} passed, ${failures.length} failed (${known.size} known failures listed)`);
    expect(failures.filter((f) => !known.has(f)), "new failures").toEqual([]);
    expect([...known].filter((f) => !failures.includes(f)), "listed failures that now pass: remove them from the list").toEqual([]);
  });
});
