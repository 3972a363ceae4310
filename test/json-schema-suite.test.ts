/**
 * Runs the official JSON-Schema-Test-Suite (draft 2020-12 and draft 7,
 * required tests) through DocumentValidator, the validator store actors use at
 * run time, inside workerd. Remotes are given as the actor's `resources`
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
// Read as text and JSON.parse'd, as a request body would be: Vite's JSON import turns a "__proto__" key into a prototype.
const parsed = <T,>(files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([path, text]) => [path, JSON.parse(text) as T]));
const draft2020 = parsed<SuiteCase[]>(import.meta.glob<string>("../../shared/data/json-schema-test-suite/tests/draft2020-12/*.json", { eager: true, query: "?raw", import: "default" }));
const draft7 = parsed<SuiteCase[]>(import.meta.glob<string>("../../shared/data/json-schema-test-suite/tests/draft7/*.json", { eager: true, query: "?raw", import: "default" }));
if (Object.keys(draft2020).length === 0) {
  throw new Error("The JSON-Schema-Test-Suite was not found at ../shared/data/json-schema-test-suite, beside the repository: it is the shared data this test and test/e2e/json-schema-suite.test.ts read (see docs/json-schema.md, Conformance).");
}
const remotes = parsed<unknown>(import.meta.glob<string>("../../shared/data/json-schema-test-suite/remotes/**/*.json", { eager: true, query: "?raw", import: "default" }));

/** The suite's remotes, under the URLs its schemas name them by, as an actor's `resources` would hold them. */
const RESOURCES = Object.fromEntries(Object.entries(remotes).map(([p, schema]) => [`http://localhost:1234/${p.slice(`${SUITE}/remotes/`.length)}`, schema]));
/** The tests that hold only where `format` is an annotation, the draft's default; the gateway asserts by default. */
const ANNOTATION_ONLY = / is only an annotation by default$/;

function run(draft: "2020-12" | "7", files: Record<string, SuiteCase[]>, format: "assert" | "annotate") {
  const failures: string[] = [];
  let passed = 0;
  for (const [path, cases] of Object.entries(files)) {
    const file = path.slice(path.lastIndexOf("/") + 1);
    for (const group of cases) {
      let validator: DocumentValidator | null = null;
      let setupError: string | null = null;
      try {
        validator = new DocumentValidator(group.schema, draft, { resources: RESOURCES, format });
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
    const { passed, failures: all } = run(draft, files, "assert");
    const failures = all.filter((f) => !ANNOTATION_ONLY.test(f));
    const known = new Set(Object.keys(KNOWN_FAILURES[draft]));
    console.log(`JSON-Schema-Test-Suite draft ${draft}: ${passed} passed, ${failures.length} failed, ${all.length - failures.length} "only an annotation by default" cases apart (${known.size} known failures listed)`);
    expect(failures.filter((f) => !known.has(f)), "new failures").toEqual([]);
    expect([...known].filter((f) => !failures.includes(f)), "listed failures that now pass: remove them from the list").toEqual([]);
  });

  it('passes every format test, annotation-only cases included, with format: "annotate"', () => {
    const formats = Object.fromEntries(Object.entries(files).filter(([path]) => path.endsWith("/format.json")));
    expect(Object.keys(formats)).toHaveLength(1);
    const { passed, failures } = run(draft, formats, "annotate");
    expect(passed).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });
});
