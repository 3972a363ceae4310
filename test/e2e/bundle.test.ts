/**
 * The Worker as production ships it. The whole vitest-pool-workers suite once
 * passed while the Worker that wrangler bundles crashed: a default import of
 * a CommonJS module (ajv/dist/runtime/equal.js, which sets `__esModule` and
 * `exports.default`) in src/generated/meta-2020-12.js was the function under
 * Vite and the exports object under wrangler's esbuild, so every actor whose
 * schema had a `type` array got a 500. So:
 *
 * 1. `wrangler deploy --dry-run --outdir --metafile` builds the Worker exactly
 *    as `npm run deploy` does (no account, no network), and the test checks
 *    the bundle: the CommonJS modules in it are exactly the reviewed
 *    allowlist below (a new one fails until someone reviews it and names the
 *    smoke that runs it); no default import of a CommonJS module that marks
 *    itself `__esModule` (the bug above); no `require` left for run time; no
 *    `eval` or `Function(...)` outside an allowlist (empty today).
 * 2. Against the running `wrangler dev` gateway (the same esbuild bundle):
 *    actors whose schemas use what the generated meta-schema validators and
 *    the CommonJS-derived code check (`type` arrays, `uniqueItems`, `enum`
 *    with objects, `const`, `format`, `pattern`, `$id`/`$ref`, `resources`),
 *    under draft 2020-12 and draft-07, must be created (2xx), take their
 *    valid items (2xx) and refuse the invalid ones (400 invalid_document);
 *    then typed GraphQL reads and writes on /pods/{pod}/graphql and a read
 *    on /graphql.
 *
 *   npx vitest run --project e2e test/e2e/bundle.test.ts
 *
 * `public/` must exist (`npm run assets`): wrangler reads the static assets.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./gateway-client.js";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** The smokes below, by the code paths they run; each allowlisted CommonJS module names one. */
const SMOKE = {
  metaSchemas: "actor creation runs the generated meta-schema validators",
  refs: "$id, relative $ref and resources",
  formats: "format",
  graphql: "typed GraphQL on /pods/{pod}/graphql and a read on /graphql",
} as const;

/**
 * CommonJS modules bundled into the Worker (esbuild metafile inputs with format "cjs"), each reviewed:
 * why it is there, how it is imported, and the smoke that runs it.
 */
const COMMONJS_ALLOWLIST: Record<string, { reason: string; smoke: keyof typeof SMOKE }> = {
  "node_modules/@whatwg-node/fetch/dist/global-ponyfill.js": {
    reason: "graphql-yoga's fetch API; in a Worker it re-exports the globals (fetch, Request, Response, ...), read as named properties",
    smoke: "graphql",
  },
  "node_modules/dataloader/index.js": {
    reason: "per-request batching (src/loaders/loaders.ts); `module.exports = DataLoader`, no __esModule, so the default import is the class under every interop",
    smoke: "graphql",
  },
  "node_modules/fast-deep-equal/index.js": {
    reason: "deep equality for uniqueItems/enum/const: imported by src/generated/meta-*.js and json-schema-library; `module.exports = function`, no __esModule",
    smoke: "metaSchemas",
  },
  "node_modules/uri-js/dist/es5/uri.all.js": {
    reason: "json-schema-library resolves $id/$ref URIs with it; UMD that sets __esModule, imported by name only ({ resolve }), never as a default",
    smoke: "refs",
  },
  "node_modules/valid-url/index.js": {
    reason: "json-schema-library's own `url` format ({ isWebUri }, by name); the gateway replaces the library's formats with @cfworker/json-schema's checks, so it is bundled but not run",
    smoke: "formats",
  },
};

/** Imports left to the runtime (not bundled): path → why. */
const EXTERNAL_ALLOWLIST: Record<string, string> = {
  "cloudflare:workers": "the Workers runtime module (DurableObject base class); provided by workerd",
};

/** `eval` / `Function(...)` occurrences allowed in the bundle, as `module: what`. None today. */
const DYNAMIC_CODE_ALLOWLIST: Record<string, string> = {};

interface Metafile {
  inputs: Record<string, { bytes: number; format?: "cjs" | "esm"; imports: { path: string; kind: string; external?: boolean; original?: string }[] }>;
  outputs: Record<string, { bytes: number; imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, { bytesInOutput: number }> }>;
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => done({ code, output }));
    child.on("error", (error) => done({ code: -1, output: output + String(error) }));
  });
}

describe("the Worker as `wrangler deploy` bundles it", () => {
  const dir = mkdtempSync(join(tmpdir(), "gateway-bundle-"));
  const outdir = join(dir, "out");
  const metafilePath = join(dir, "meta.json");
  let build: { code: number | null; output: string };
  let meta: Metafile;
  let bundle = "";

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "public"))) throw new Error("public/ is missing: run `npm run assets` first (wrangler bundles the static assets)");
    build = await run("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir, "--metafile", metafilePath]);
    if (build.code === 0 && existsSync(metafilePath)) {
      meta = JSON.parse(readFileSync(metafilePath, "utf8")) as Metafile;
      bundle = readFileSync(join(outdir, "index.js"), "utf8");
    }
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("builds", () => {
    expect(build.code, build.output).toBe(0);
    expect(bundle.length).toBeGreaterThan(100_000);
    expect(Object.keys(meta.inputs)).toContain("src/index.ts");
  });

  it("bundles exactly the reviewed CommonJS modules", () => {
    const cjs = Object.entries(meta.inputs)
      .filter(([, input]) => input.format === "cjs")
      .map(([path]) => path)
      .sort();
    console.log(`CommonJS modules in the bundle (${cjs.length}):\n${cjs.map((p) => `  ${p}`).join("\n")}`);
    expect(cjs, "a CommonJS module joined or left the bundle: review it, add it to COMMONJS_ALLOWLIST with its reason and a smoke that runs it (or drop it from the list)").toEqual(Object.keys(COMMONJS_ALLOWLIST).sort());
    for (const entry of Object.values(COMMONJS_ALLOWLIST)) expect(SMOKE[entry.smoke]).toBeTruthy();
  });

  it("has no default import of a CommonJS module that marks itself __esModule (under esbuild's node interop it is the exports object)", () => {
    // esbuild: `var require_x = __commonJS({ "path"(exports, module) {...` and `var import_x = __toESM(require_x(), 1)`;
    // the `1` (node mode) makes `.default` the whole module.exports, whatever `exports.default` says.
    const paths = new Map<string, string>();
    for (const m of bundle.matchAll(/var (require_[\w$]+) = __commonJS\(\{\s*"([^"]+)"/g)) paths.set(m[1]!, m[2]!);
    const wrong: string[] = [];
    for (const m of bundle.matchAll(/(?:var|let|const) ([\w$]+) = __toESM\((require_[\w$]+)\(\), 1\)/g)) {
      const [, binding, req] = m;
      const path = paths.get(req!);
      if (!path) continue;
      const source = existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), "utf8") : "";
      const usesDefault = new RegExp(`(?<![\\w$])${binding!.replace(/\$/g, "\\$")}\\.default\\b`).test(bundle);
      if (usesDefault && /__esModule/.test(source)) wrong.push(`${path} (as ${binding}.default)`);
    }
    expect(wrong, "import it by name, or import the file that exports the function itself").toEqual([]);
  });

  it("leaves nothing to require at run time", () => {
    // The output's own imports: what the bundle really asks the runtime for (inputs also list TypeScript imports esbuild dropped as unused).
    const outputs = Object.entries(meta.outputs).filter(([path]) => path.endsWith(".js"));
    expect(outputs.length).toBe(1);
    const external = outputs[0]![1].imports.filter((i) => i.external);
    expect(external.filter((i) => i.kind !== "import-statement").map((i) => `${i.kind} ${i.path}`), "require()/import() of modules that are not bundled").toEqual([]);
    expect([...new Set(external.map((i) => i.path))].filter((p) => !(p in EXTERNAL_ALLOWLIST)), "imports left to the runtime").toEqual([]);
  });

  it("has no free `require`, no `eval` and no `Function(...)` outside the allowlist", async () => {
    // Each module of the bundle starts with a `// <input path>` comment: keep them as legal comments through esbuild,
    // which re-parses the bundle (so strings and comments never count) and renames free references to the globals.
    const inputs = new Set(Object.keys(meta.inputs));
    const marked = bundle
      .split("\n")
      .map((line) => {
        const m = /^\/\/ (\S+)$/.exec(line);
        return m && inputs.has(m[1]!) ? `//! @bundled-module ${m[1]}` : line;
      })
      .join("\n");
    const define: Record<string, string> = { require: "__CHECK_require__", eval: "__CHECK_eval__", Function: "__CHECK_Function__" };
    for (const global of ["globalThis", "self"]) Object.assign(define, { [`${global}.require`]: "__CHECK_require__", [`${global}.eval`]: "__CHECK_eval__", [`${global}.Function`]: "__CHECK_Function__" });
    const { code } = await transform(marked, { loader: "js", format: "esm", legalComments: "inline", define, logLevel: "silent" });
    const found: string[] = [];
    let module = "<esbuild helpers>";
    for (const line of code.split("\n")) {
      const m = /\/\/! @bundled-module (\S+)/.exec(line);
      if (m) {
        module = m[1]!;
        continue;
      }
      if (/__CHECK_require__/.test(line)) found.push(`${module}: require`);
      if (/__CHECK_eval__/.test(line)) found.push(`${module}: eval`);
      if (/__CHECK_Function__\s*(\(|\.(call|apply|bind)\b)/.test(line)) found.push(`${module}: Function(...)`);
    }
    expect(code.match(/@bundled-module/g)?.length ?? 0, "module markers survived the re-parse").toBeGreaterThan(100);
    expect([...new Set(found)].filter((f) => !(f in DYNAMIC_CODE_ALLOWLIST)), "run-time require or code generation in the bundle").toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Smoke against the running gateway (wrangler dev bundles with the same esbuild as wrangler deploy).

const DRAFTS = { "2020-12": "https://json-schema.org/draft/2020-12/schema", "7": "http://json-schema.org/draft-07/schema#" } as const;
type Draft = keyof typeof DRAFTS;


interface SmokeCase {
  name: string;
  smoke: keyof typeof SMOKE;
  schema: (draft: Draft) => Record<string, unknown>;
  /** Other config keys (format, resources). */
  config?: Record<string, unknown>;
  valid: unknown[];
  invalid: unknown[];
}

const defsKey = (draft: Draft) => (draft === "7" ? "definitions" : "$defs");

const CASES: SmokeCase[] = [
  {
    name: "typeArrays",
    smoke: "metaSchemas",
    schema: () => ({ type: "object", required: ["note"], properties: { note: { type: ["string", "null"] }, n: { type: ["integer", "string"] } } }),
    valid: [{ note: null }, { note: "x", n: 1 }, { note: "y", n: "1" }],
    invalid: [{ note: 1 }, { note: "x", n: 1.5 }, {}],
  },
  {
    name: "uniqueItems",
    smoke: "metaSchemas",
    schema: () => ({ type: "object", properties: { tags: { type: "array", items: { type: "string" }, uniqueItems: true }, points: { type: "array", uniqueItems: true } } }),
    valid: [{ tags: ["a", "b"], points: [{ x: 1 }, { x: 2 }] }],
    invalid: [{ tags: ["a", "a"] }, { points: [{ x: 1, y: [1] }, { y: [1], x: 1 }] }],
  },
  {
    name: "enumObjects",
    smoke: "metaSchemas",
    schema: () => ({ type: "object", properties: { color: { enum: [{ r: 255, g: 0, b: 0 }, { r: 0, g: 0, b: 255 }, "none", null] }, size: { enum: ["s", "m", "l"] } } }),
    valid: [{ color: { r: 0, g: 0, b: 255 } }, { color: "none", size: "m" }, { color: null }],
    invalid: [{ color: { r: 0, g: 0, b: 254 } }, { color: "red" }, { size: "xl" }],
  },
  {
    name: "constValues",
    smoke: "metaSchemas",
    schema: () => ({ type: "object", properties: { kind: { const: "task" }, shape: { const: { w: 1, h: [2, 3] } } } }),
    valid: [{ kind: "task" }, { shape: { h: [2, 3], w: 1 } }],
    invalid: [{ kind: "note" }, { shape: { w: 1, h: [3, 2] } }],
  },
  {
    name: "formats",
    smoke: "formats",
    schema: () => ({
      type: "object",
      properties: {
        email: { type: "string", format: "email" },
        due: { type: "string", format: "date-time" },
        day: { type: "string", format: "date" },
        site: { type: "string", format: "uri" },
        uid: { type: "string", format: "uuid" },
        ip: { type: "string", format: "ipv4" },
        host: { type: "string", format: "hostname" },
      },
    }),
    valid: [{ email: "a@example.com", due: "2026-01-02T03:04:05Z", day: "2026-01-02", site: "https://example.com/x?y=1", uid: "2eb8aa08-aa98-11ea-b4aa-73b441d16380", ip: "192.168.0.1", host: "example.com" }],
    invalid: [{ email: "not an email" }, { due: "yesterday" }, { day: "2026-13-40" }, { site: "not a uri" }, { uid: "1234" }, { ip: "300.1.1.1" }, { host: "-bad-.example" }],
  },
  {
    name: "formatsAnnotated",
    smoke: "formats",
    schema: () => ({ type: "object", properties: { email: { type: "string", format: "email" } } }),
    config: { format: "annotate" },
    valid: [{ email: "not an email" }, { email: "a@example.com" }],
    invalid: [{ email: 42 }],
  },
  {
    name: "patterns",
    smoke: "metaSchemas",
    schema: () => ({
      type: "object",
      properties: { code: { type: "string", pattern: "^[A-Z]{3}-\\d{3}$" }, slug: { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" } },
      patternProperties: { "^x-": { type: "string" } },
      propertyNames: { pattern: "^[a-z][a-z-]*$" },
    }),
    valid: [{ code: "ABC-123", slug: "a-b", "x-y": "z" }],
    invalid: [{ code: "AB-123" }, { slug: "a--b" }, { "x-y": 1 }, { Upper: 1 }],
  },
  {
    name: "refs",
    smoke: "refs",
    schema: (draft) => ({
      $id: "https://example.com/schemas/order.json",
      type: "object",
      required: ["name"],
      properties: {
        name: { $ref: "#/" + defsKey(draft) + "/name" },
        qty: { $ref: "counts.json#/" + defsKey(draft) + "/positive" },
        price: { $ref: "https://schemas.example.com/money.json" },
      },
      [defsKey(draft)]: {
        name: { type: "string", minLength: 1 },
        counts: { $id: "counts.json", [defsKey(draft)]: { positive: { type: "integer", minimum: 1 } } },
      },
    }),
    config: {
      resources: {
        "https://schemas.example.com/money.json": { type: "object", required: ["amount", "currency"], properties: { amount: { type: "number" }, currency: { type: "string", pattern: "^[A-Z]{3}$" } } },
      },
    },
    valid: [{ name: "a", qty: 2, price: { amount: 1.5, currency: "EUR" } }],
    invalid: [{ name: "" }, { name: "a", qty: 0 }, { name: "a", price: { amount: 1, currency: "eur" } }, { name: "a", price: { amount: 1 } }],
  },
];

const actorName = (c: SmokeCase, draft: Draft) => `${c.name}Draft${draft === "7" ? "7" : "2020"}`;

describe("the shipped Worker under wrangler dev: generated meta-schema validators and CommonJS-derived code paths", () => {
  let pod = "";
  /** Valid items stored per actor name, for the typed read. */
  const stored = new Map<string, number>();

  beforeAll(async () => {
    const res = await call("POST", "/pods", {});
    expect(res.status, res.text).toBe(201);
    pod = res.json.podName;
  });

  const table = CASES.flatMap((c) => (["2020-12", "7"] as Draft[]).map((draft) => [`${c.name}, draft ${draft} (${SMOKE[c.smoke]})`, c, draft] as const));

  it.each(table)("%s: created, valid items stored, invalid ones refused", async (_title, c, draft) => {
    const schema = { $schema: DRAFTS[draft], ...c.schema(draft) };
    const created = await call("POST", `/pods/${pod}/actors`, { name: actorName(c, draft), config: { actorType: "store", version: "v1", schema, ...c.config } });
    expect(created.status, `actor creation: ${created.text.slice(0, 600)}`).toBe(201);
    const actor = created.json.actorId as string;
    const problems: string[] = [];
    let ok = 0;
    for (const item of c.valid) {
      const res = await call("POST", `/pods/${pod}/actors/${actor}/items`, item);
      if (res.status === 201) ok++;
      else problems.push(`valid ${JSON.stringify(item)} → ${res.status} ${res.text.slice(0, 300)}`);
    }
    for (const item of c.invalid) {
      const res = await call("POST", `/pods/${pod}/actors/${actor}/items`, item);
      if (res.status !== 400 || res.json?.error !== "invalid_document") problems.push(`invalid ${JSON.stringify(item)} → ${res.status} ${res.text.slice(0, 300)}`);
    }
    stored.set(actorName(c, draft), ok);
    expect(problems).toEqual([]);
  });

  it(SMOKE.graphql, async () => {
    const schema = {
      type: "object",
      required: ["title", "status", "kind"],
      properties: {
        title: { type: "string", pattern: "^[A-Z]" },
        note: { type: ["string", "null"] },
        status: { enum: ["todo", "done"] },
        due: { type: "string", format: "date-time" },
        email: { type: "string", format: "email" },
        tags: { type: "array", items: { type: "string" }, uniqueItems: true },
        kind: { const: "task" },
      },
    };
    const created = await call("POST", `/pods/${pod}/actors`, { name: "shipped", config: { actorType: "store", version: "v1", schema, indexes: ["status"] } });
    expect(created.status, `actor creation: ${created.text.slice(0, 600)}`).toBe(201);
    const alpha = { title: "Alpha", note: null, status: "todo", due: "2026-01-02T03:04:05.000Z", email: "a@example.com", tags: ["x", "y"], kind: "task" };
    const rest = await call("POST", `/pods/${pod}/actors/${created.json.actorId}/items`, alpha);
    expect(rest.status, rest.text).toBe(201);

    const gql = (query: string) => call("POST", `/pods/${pod}/graphql`, { query });
    const write = await gql(`mutation { createShipped(data: { title: "Beta", note: "n", status: done, due: "2026-02-03T00:00:00.000Z", email: "b@example.com", tags: ["z"], kind: "task" }) { id title status } }`);
    expect(write.status, write.text).toBe(200);
    expect(write.json.errors, write.text).toBeUndefined();
    expect(write.json.data.createShipped).toMatchObject({ title: "Beta", status: "done" });

    const refused = await gql(`mutation { createShipped(data: { title: "lower", status: todo, kind: "task" }) { id } }`);
    expect(refused.json.errors?.[0]?.extensions?.code, refused.text).toBe("SCHEMA_VALIDATION_FAILED");

    const read = await gql(`{ shipped(first: 10, where: { status: { eq: todo } }) { totalCount nodes { id title note status due email tags kind } } }`);
    expect(read.status, read.text).toBe(200);
    expect(read.json.errors, read.text).toBeUndefined();
    expect(read.json.data.shipped.totalCount).toBe(1);
    const { id, due, ...fields } = read.json.data.shipped.nodes[0];
    expect(id).toBe(rest.json.id);
    expect(new Date(due).toISOString()).toBe(alpha.due);
    const { due: _due, ...expected } = alpha;
    expect(fields).toEqual(expected);

    // Every smoke actor above is named, so the pod's typed schema maps all their schemas; each lists its stored items.
    const names = [...stored.keys()];
    if (names.length) {
      const counts = await gql(`{ ${names.map((n) => `${n}(first: 10) { totalCount }`).join(" ")} }`);
      expect(counts.status, counts.text).toBe(200);
      expect(counts.json.errors, counts.text).toBeUndefined();
      for (const n of names) expect(counts.json.data[n].totalCount, n).toBe(stored.get(n));
    }

    const global = await call("POST", "/graphql", { query: `{ pod(name: "${pod}") { actors { nodes { id name items(first: 5) { nodes { id } } } } } }` });
    expect(global.status, global.text).toBe(200);
    expect(global.json.errors, global.text).toBeUndefined();
    expect(global.json.data.pod.actors.nodes.map((a: { name: string }) => a.name)).toContain("shipped");
  });
});
