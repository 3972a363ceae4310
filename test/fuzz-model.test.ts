/**
 * Property b of the fuzz tests: a model-based test of one store actor with a
 * fixed schema. Random command sequences (create valid and invalid items,
 * patch, replace, delete, delete or write missing ids, bulk creates with some
 * invalid items, reads and filtered lists) run over REST, /graphql and the
 * pod's typed endpoint; a Map kept by the test is updated only on success, and
 * after each sequence the items listed over REST (paged with `after`) equal it
 * exactly. Then e: every object touched still answers. See fuzz/support.ts.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniquePodName } from "./helpers.js";
import {
  count, errorCodes, expectGraphql, expectTouchedAnswer, gqlRequest, graphqlProblem, http, isBareCoercionError, isPlainObject, logSettings, logSummary, noteKnown, preview,
  restErrorProblem, runProperty, runs, touched, viaJson, type Res,
} from "./fuzz/support.js";

// ---------------------------------------------------------------------------
// b. Model-based test of one actor
// ---------------------------------------------------------------------------

const TASK_SCHEMA = {
  type: "object",
  required: ["title"],
  additionalProperties: false,
  properties: {
    title: { type: "string", minLength: 1, maxLength: 40 },
    done: { type: "boolean" },
    priority: { type: "integer", minimum: 0, maximum: 5 },
    tags: { type: "array", items: { type: "string" }, maxItems: 4 },
    meta: { type: "object", additionalProperties: false, properties: { kind: { type: "string", enum: ["bug", "feature", "in-progress"] }, score: { type: "number" } } },
  },
};
const TASK_INDEXES = ["done", "meta.kind", "tags"];
const KINDS = ["bug", "feature", "in-progress"];
const TASK_KEYS = Object.keys(TASK_SCHEMA.properties);

/** The oracle: TASK_SCHEMA written out by hand. String lengths count code points, as JSON Schema does. */
function isValidTask(doc: unknown): boolean {
  if (!isPlainObject(doc)) return false;
  if (Object.keys(doc).some((k) => !TASK_KEYS.includes(k))) return false;
  const length = typeof doc.title === "string" ? [...doc.title].length : -1;
  if (length < 1 || length > 40) return false;
  if ("done" in doc && typeof doc.done !== "boolean") return false;
  if ("priority" in doc && !(Number.isInteger(doc.priority) && (doc.priority as number) >= 0 && (doc.priority as number) <= 5)) return false;
  if ("tags" in doc && !(Array.isArray(doc.tags) && doc.tags.length <= 4 && doc.tags.every((t) => typeof t === "string"))) return false;
  if ("meta" in doc) {
    const meta = doc.meta;
    if (!isPlainObject(meta) || Object.keys(meta).some((k) => k !== "kind" && k !== "score")) return false;
    if ("kind" in meta && !KINDS.includes(meta.kind as string)) return false;
    if ("score" in meta && typeof meta.score !== "number") return false;
  }
  return true;
}

/** JSON Merge Patch (RFC 7386), written independently of src/store/merge-patch.ts. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

const TAG = fc.constantFrom("a", "b", "urgent", "x y", "é", "", "🙂", "1");
const TITLE = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom("\u0000", "🙂".repeat(40), "\ud800", "'; DROP TABLE items; --", "x") },
);
const VALID_TASK = fc.record(
  {
    title: TITLE,
    done: fc.boolean(),
    priority: fc.integer({ min: 0, max: 5 }),
    tags: fc.array(TAG, { maxLength: 4 }),
    meta: fc.record({ kind: fc.constantFrom(...KINDS), score: fc.double({ noNaN: true, noDefaultInfinity: true }) }, { requiredKeys: [] }),
  },
  { requiredKeys: ["title"] },
);
/** One way to break a valid task (never "in_progress": the typed endpoint would map that enum name to a valid value). */
const BREAK = fc.constantFrom<(doc: Record<string, unknown>) => unknown>(
  ({ title: _t, ...rest }) => rest,
  (d) => ({ ...d, title: "" }),
  (d) => ({ ...d, title: 5 }),
  (d) => ({ ...d, title: "x".repeat(41) }),
  (d) => ({ ...d, priority: 9 }),
  (d) => ({ ...d, priority: -1 }),
  (d) => ({ ...d, priority: 1.5 }),
  (d) => ({ ...d, priority: "3" }),
  (d) => ({ ...d, done: "yes" }),
  (d) => ({ ...d, tags: [1] }),
  (d) => ({ ...d, tags: ["a", "b", "c", "d", "e"] }),
  (d) => ({ ...d, extra: true }),
  (d) => ({ ...d, meta: { kind: "wontfix" } }),
  (d) => ({ ...d, meta: { kind: "bug", other: 1 } }),
  (d) => ({ ...d, meta: [] }),
  () => [],
  () => "a string",
  () => 42,
  () => null,
);
const INVALID_TASK = fc.tuple(VALID_TASK, BREAK).map(([doc, breakIt]) => breakIt(doc));
const ANY_TASK = fc.oneof({ weight: 3, arbitrary: VALID_TASK as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: INVALID_TASK });
/** Merge patches: mostly ones that keep a task valid, some that break it (the model decides which), some not objects at all. */
const GOOD_PATCH = fc.record(
  {
    title: TITLE,
    done: fc.oneof(fc.boolean(), fc.constant(null)),
    priority: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(null)),
    tags: fc.oneof(fc.array(TAG, { maxLength: 4 }), fc.constant(null)),
    meta: fc.oneof(fc.constant(null), fc.record({ kind: fc.constantFrom<unknown>("bug", "feature", "in-progress", null), score: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)) }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);
const PATCH = fc.oneof(
  { weight: 6, arbitrary: GOOD_PATCH as fc.Arbitrary<unknown> },
  {
    weight: 3,
    arbitrary: fc
      .tuple(GOOD_PATCH, fc.constantFrom<Record<string, unknown>>({ title: null }, { title: "" }, { title: 5 }, { priority: 6 }, { priority: -1 }, { tags: ["a", "b", "c", "d", "e"] }, { meta: { kind: "wontfix" } }, { extra: 1 }, { meta: { other: 1 } }))
      .map(([patch, breakIt]) => ({ ...patch, ...breakIt })),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], "x", 3) },
);

type Via = "rest" | "gql" | "typed";
const VIA = fc.constantFrom<Via>("rest", "gql", "typed");

interface Model {
  items: Map<string, unknown>;
  deleted: string[];
  /**
   * With concurrent clients, each client's model holds only the items it created, and its reads
   * compare only those (the ids in `own`); other clients' items come and go meanwhile.
   */
  own?: Set<string>;
}
interface Real {
  pod: string;
  actorId: string;
  base: string;
  ref: string;
}

type Outcome = { ok: true; ids: string[]; body?: unknown } | { ok: false; codes: string[]; res: Res };

/** Stored value → the typed endpoint's input: string enum values become GraphQL enum names. */
function toTypedInput(doc: unknown): unknown {
  if (!isPlainObject(doc) || !isPlainObject(doc.meta) || typeof doc.meta.kind !== "string" || !KINDS.includes(doc.meta.kind)) return doc;
  return { ...doc, meta: { ...doc.meta, kind: doc.meta.kind.replace(/-/g, "_") } };
}

async function restOutcome(res: Res, okStatus: number, what: string, ids: (json: any) => string[], body?: (json: any) => unknown): Promise<Outcome> {
  if (res.status === okStatus) return { ok: true, ids: ids(res.json), ...(body ? { body: body(res.json) } : {}) };
  const problem = restErrorProblem(res);
  if (problem) throw new Error(`${what}: ${problem} (status ${res.status}, body ${preview(res.json)})`);
  return { ok: false, codes: [res.json.code], res };
}

function gqlOutcome(res: Res, field: string, what: string, ids: (value: any) => string[], body?: (value: any) => unknown): Outcome {
  const problem = graphqlProblem(res);
  if (problem) throw new Error(`${what}: ${problem}`);
  const value = res.json.data?.[field];
  if (value !== undefined && value !== null && !res.json.errors) return { ok: true, ids: ids(value), ...(body ? { body: body(value) } : {}) };
  if (!res.json.errors) throw new Error(`${what}: neither a result nor errors: ${preview(res.json)}`);
  for (const error of res.json.errors) {
    if (typeof error.extensions?.code !== "string" && !isBareCoercionError(error)) throw new Error(`${what}: an error without extensions.code: ${preview(error)}`);
    if (isBareCoercionError(error)) noteKnown("variable coercion error without extensions.code");
  }
  return { ok: false, codes: errorCodes(res), res };
}

const typedPath = (r: Real) => `/pods/${r.pod}/graphql`;

async function createVia(via: Via, r: Real, doc: unknown): Promise<Outcome> {
  const what = `create via ${via} ${preview(doc, 200)}`;
  if (via === "rest") return restOutcome(await http("POST", `${r.base}/items`, JSON.stringify(doc)), 201, what, (j) => [j.id]);
  if (via === "gql") return gqlOutcome(await gqlRequest("/graphql", `mutation($a: ID!, $d: JSON!) { createItem(actor: $a, data: $d) { id data } }`, { a: r.ref, d: doc }), "createItem", what, (v) => [v.id], (v) => v.data);
  return gqlOutcome(await gqlRequest(typedPath(r), `mutation($d: TasksInput!) { createTasks(data: $d) { id } }`, { d: toTypedInput(doc) }), "createTasks", what, (v) => [v.id]);
}

async function bulkVia(via: Via, r: Real, docs: unknown[], wrapped: boolean): Promise<Outcome> {
  const what = `bulk create via ${via} ${preview(docs, 300)}`;
  if (via === "rest") return restOutcome(await http("POST", `${r.base}/items/batch`, JSON.stringify(wrapped ? { items: docs } : docs)), 201, what, (j) => j.items.map((i: { id: string }) => i.id));
  if (via === "gql") return gqlOutcome(await gqlRequest("/graphql", `mutation($a: ID!, $d: [JSON!]!) { createItems(actor: $a, data: $d) { id } }`, { a: r.ref, d: docs }), "createItems", what, (v) => v.map((i: { id: string }) => i.id));
  return gqlOutcome(await gqlRequest(typedPath(r), `mutation($d: [TasksInput!]!) { createManyTasks(data: $d) { id } }`, { d: docs.map(toTypedInput) }), "createManyTasks", what, (v) => v.map((i: { id: string }) => i.id));
}

async function replaceVia(via: Via, r: Real, id: string, doc: unknown): Promise<Outcome> {
  const what = `replace ${id} via ${via} ${preview(doc, 200)}`;
  if (via === "rest") return restOutcome(await http("PUT", `${r.base}/items/${encodeURIComponent(id)}`, JSON.stringify(doc)), 200, what, (j) => [j.id], (j) => j.body);
  if (via === "gql") return gqlOutcome(await gqlRequest("/graphql", `mutation($a: ID!, $id: ID!, $d: JSON!) { replaceItem(actor: $a, id: $id, data: $d) { id data } }`, { a: r.ref, id, d: doc }), "replaceItem", what, (v) => [v.id], (v) => v.data);
  return gqlOutcome(await gqlRequest(typedPath(r), `mutation($id: ID!, $d: TasksInput!) { replaceTasks(id: $id, data: $d) { id } }`, { id, d: toTypedInput(doc) }), "replaceTasks", what, (v) => [v.id]);
}

async function patchVia(via: Via, r: Real, id: string, patch: unknown, mergePatchType: boolean): Promise<Outcome> {
  const what = `patch ${id} via ${via} ${preview(patch, 200)}`;
  if (via === "rest") {
    const headers: Record<string, string> = mergePatchType ? { "content-type": "application/merge-patch+json" } : {};
    return restOutcome(await http("PATCH", `${r.base}/items/${encodeURIComponent(id)}`, JSON.stringify(patch), headers), 200, what, (j) => [j.id], (j) => j.body);
  }
  if (via === "gql") return gqlOutcome(await gqlRequest("/graphql", `mutation($a: ID!, $id: ID!, $p: JSON!) { patchItem(actor: $a, id: $id, patch: $p) { id data } }`, { a: r.ref, id, p: patch }), "patchItem", what, (v) => [v.id], (v) => v.data);
  return gqlOutcome(await gqlRequest(typedPath(r), `mutation($id: ID!, $p: TasksPatch!) { patchTasks(id: $id, patch: $p) { id } }`, { id, p: toTypedInput(patch) }), "patchTasks", what, (v) => [v.id]);
}

async function deleteVia(via: Via, r: Real, id: string): Promise<Outcome> {
  const what = `delete ${id} via ${via}`;
  if (via === "rest") return restOutcome(await http("DELETE", `${r.base}/items/${encodeURIComponent(id)}`), 200, what, (j) => [j.id]);
  if (via === "gql") return gqlOutcome(await gqlRequest("/graphql", `mutation($a: ID!, $id: ID!) { deleteItem(actor: $a, id: $id) }`, { a: r.ref, id }), "deleteItem", what, (v) => [v]);
  return gqlOutcome(await gqlRequest(typedPath(r), `mutation($id: ID!) { deleteTasks(id: $id) }`, { id }), "deleteTasks", what, (v) => [v]);
}

/** Asserts the gateway decided as the model predicts; invalid input must be refused with one of `codes` (or any code on the typed endpoint). */
function expectOutcome(out: Outcome, expectOk: boolean, codes: string[], via: Via, what: string): void {
  count(B, `${what.slice(0, what.indexOf("("))} via ${via}: ${out.ok ? "stored" : "refused"}`);
  if (expectOk && !out.ok) throw new Error(`${what}: refused but the model accepts it: ${preview(out.res.json)}`);
  if (!expectOk && out.ok) throw new Error(`${what}: accepted (${out.ids.join(",")}) but the model refuses it`);
  if (!out.ok && via !== "typed" && !out.codes.some((c) => codes.includes(c))) throw new Error(`${what}: refused with ${out.codes.join(",")}, expected one of ${codes.join(",")}: ${preview(out.res.json)}`);
}

const INVALID_CODES = ["SCHEMA_VALIDATION_FAILED", "BAD_USER_INPUT", "(none)"];
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const pickKey = (m: Model, pick: number) => [...m.items.keys()][pick % m.items.size]!;

class CreateCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly doc: unknown, readonly via: Via) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const valid = isValidTask(this.doc);
    const out = await createVia(this.via, r, this.doc);
    expectOutcome(out, valid, INVALID_CODES, this.via, this.toString());
    if (out.ok) {
      if (out.body !== undefined) expect(out.body, this.toString()).toStrictEqual(viaJson(this.doc));
      m.items.set(out.ids[0]!, viaJson(this.doc));
      m.own?.add(out.ids[0]!);
    }
  }
  toString = () => `create(${this.via}, ${preview(this.doc, 200)})`;
}

class BulkCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly docs: unknown[], readonly via: Via, readonly wrapped: boolean) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const valid = this.docs.length > 0 && this.docs.every(isValidTask);
    const out = await bulkVia(this.via, r, this.docs, this.wrapped);
    expectOutcome(out, valid, [...INVALID_CODES], this.via, this.toString());
    if (out.ok) {
      expect(out.ids, this.toString()).toHaveLength(this.docs.length);
      out.ids.forEach((id, i) => (m.items.set(id, viaJson(this.docs[i])), m.own?.add(id)));
    }
  }
  toString = () => `bulk(${this.via}${this.wrapped ? ", wrapped" : ""}, ${preview(this.docs, 300)})`;
}

class ReplaceCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly doc: unknown, readonly via: Via) {}
  check = (m: Readonly<Model>) => m.items.size > 0;
  async run(m: Model, r: Real) {
    const id = pickKey(m, this.pick);
    const out = await replaceVia(this.via, r, id, this.doc);
    expectOutcome(out, isValidTask(this.doc), INVALID_CODES, this.via, this.toString());
    if (out.ok) {
      if (out.body !== undefined) expect(out.body, this.toString()).toStrictEqual(viaJson(this.doc));
      m.items.set(id, viaJson(this.doc));
    }
  }
  toString = () => `replace(#${this.pick}, ${this.via}, ${preview(this.doc, 200)})`;
}

class PatchCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly patch: unknown, readonly via: Via, readonly mergePatchType: boolean) {}
  check = (m: Readonly<Model>) => m.items.size > 0;
  async run(m: Model, r: Real) {
    const id = pickKey(m, this.pick);
    const expected = viaJson(mergePatch(m.items.get(id), this.patch));
    const out = await patchVia(this.via, r, id, this.patch, this.mergePatchType);
    expectOutcome(out, isValidTask(expected), INVALID_CODES, this.via, `${this.toString()} on ${preview(m.items.get(id), 200)}`);
    if (out.ok) {
      if (out.body !== undefined) expect(out.body, this.toString()).toStrictEqual(expected);
      m.items.set(id, expected);
    }
  }
  toString = () => `patch(#${this.pick}, ${this.via}${this.mergePatchType ? ", merge-patch+json" : ""}, ${preview(this.patch, 200)})`;
}

class DeleteCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly via: Via) {}
  check = (m: Readonly<Model>) => m.items.size > 0;
  async run(m: Model, r: Real) {
    const id = pickKey(m, this.pick);
    const out = await deleteVia(this.via, r, id);
    expectOutcome(out, true, [], this.via, this.toString());
    if (out.ok) expect(out.ids, this.toString()).toEqual([id]);
    m.items.delete(id);
    m.deleted.push(id);
  }
  toString = () => `delete(#${this.pick}, ${this.via})`;
}

/** Writes to an id that does not exist (never issued, deleted before, or malformed): NOT_FOUND, nothing changes. */
class MissingCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly kind: "fresh" | "deleted" | "lowercase" | "malformed", readonly op: "delete" | "replace" | "patch", readonly seed: number[], readonly via: Via) {}
  check = () => true;
  private id(m: Model): string {
    const fresh = "7" + this.seed.map((n) => CROCKFORD[n % 32]).join("").padEnd(25, "Z").slice(0, 25);
    if (this.kind === "deleted" && m.deleted.length) return m.deleted[this.seed[0]! % m.deleted.length]!;
    if (this.kind === "lowercase" && m.items.size) return pickKey(m, this.seed[0]!).toLowerCase();
    if (this.kind === "malformed") return ["not-an-id", "01", "%", " ", "01ARZ3NDEKTSV4RRFFQ69G5FA", "01ARZ3NDEKTSV4RRFFQ69G5FAVX"][this.seed[0]! % 6]!;
    return fresh;
  }
  async run(m: Model, r: Real) {
    const id = this.id(m);
    const out = this.op === "delete" ? await deleteVia(this.via, r, id) : this.op === "replace" ? await replaceVia(this.via, r, id, { title: "x" }) : await patchVia(this.via, r, id, { title: "x" }, false);
    expectOutcome(out, false, ["NOT_FOUND"], this.via, `${this.toString()} [id ${JSON.stringify(id)}]`);
    if (!out.ok && out.res.status >= 400 && out.res.status !== 404) throw new Error(`${this.toString()}: status ${out.res.status}, expected 404`);
  }
  toString = () => `missing(${this.kind}, ${this.op}, ${this.via}, [${this.seed.join(",")}])`;
}

/** Reads one item, and filters on an indexed path, comparing with the model. */
class ReadCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly filter: { path: "done" | "meta.kind" | "tags"; value: unknown }, readonly via: Via) {}
  check = () => true;
  async run(m: Model, r: Real) {
    if (m.items.size > 0) {
      const id = pickKey(m, this.pick);
      const got = await http("GET", `${r.base}/items/${id}`);
      expect(got.status, this.toString()).toBe(200);
      expect(got.json.body, this.toString()).toStrictEqual(m.items.get(id));
    }
    const { path, value } = this.filter;
    const at = (doc: unknown) => path.split(".").reduce<unknown>((node, key) => (isPlainObject(node) ? node[key] : undefined), doc);
    const expected = [...m.items].filter(([, doc]) => {
      const v = at(doc);
      return Array.isArray(v) ? v.includes(value) : v === value;
    }).map(([id]) => id);
    let ids: string[];
    if (this.via === "rest") {
      const res = await http("GET", `${r.base}/items?limit=200&k_${path}=${encodeURIComponent(String(value))}`);
      expect(res.status, this.toString()).toBe(200);
      ids = res.json.items.map((i: { id: string }) => i.id);
    } else if (this.via === "gql") {
      const res = await gqlRequest("/graphql", `query($p: String!, $a: ID!, $path: String!, $v: JSON) { pod(name: $p) { actor(id: $a) { items(first: 200, where: [{ path: $path, eq: $v }]) { nodes { id } } } } }`, { p: r.pod, a: r.actorId, path, v: value });
      expectGraphql(res, this.toString());
      ids = res.json.data.pod.actor.items.nodes.map((i: { id: string }) => i.id);
    } else {
      const field = path.replace(".", "_");
      const typedValue = path === "meta.kind" ? String(value).replace(/-/g, "_") : value;
      const type = path === "done" ? "Boolean" : path === "meta.kind" ? "TasksMetaKind" : "String";
      const res = await gqlRequest(typedPath(r), `query($v: ${type}) { tasks(first: 200, where: { ${field}: { eq: $v } }) { totalCount nodes { id } } }`, { v: typedValue });
      expectGraphql(res, this.toString());
      ids = res.json.data.tasks.nodes.map((i: { id: string }) => i.id);
      if (!m.own) expect(res.json.data.tasks.totalCount, this.toString()).toBe(expected.length);
    }
    if (m.own) ids = ids.filter((id) => m.own!.has(id));
    // Filtered REST lists are oldest first, like the model; the others too.
    expect(ids, `${this.toString()} (model: ${expected.length} matching)`).toEqual(expected);
  }
  toString = () => `read(#${this.pick}, ${this.via}, ${this.filter.path} = ${JSON.stringify(this.filter.value)})`;
}

const COMMANDS = [
  fc.tuple(ANY_TASK, VIA).map(([doc, via]) => new CreateCommand(doc, via)),
  fc.tuple(VALID_TASK, VIA).map(([doc, via]) => new CreateCommand(doc, via)),
  fc.tuple(INVALID_TASK, VIA).map(([doc, via]) => new CreateCommand(doc, via)),
  fc.tuple(fc.array(ANY_TASK, { maxLength: 5 }), VIA, fc.boolean()).map(([docs, via, wrapped]) => new BulkCommand(docs, via, wrapped)),
  fc.tuple(fc.array(VALID_TASK, { minLength: 1, maxLength: 5 }), VIA, fc.boolean()).map(([docs, via, wrapped]) => new BulkCommand(docs, via, wrapped)),
  fc.tuple(fc.nat(), ANY_TASK, VIA).map(([pick, doc, via]) => new ReplaceCommand(pick, doc, via)),
  fc.tuple(fc.nat(), PATCH, VIA, fc.boolean()).map(([pick, patch, via, type]) => new PatchCommand(pick, patch, via, type)),
  fc.tuple(fc.nat(), VIA).map(([pick, via]) => new DeleteCommand(pick, via)),
  fc
    .tuple(fc.constantFrom("fresh", "deleted", "lowercase", "malformed" as const), fc.constantFrom("delete", "replace", "patch" as const), fc.array(fc.nat(), { minLength: 1, maxLength: 25 }), VIA)
    .map(([kind, op, seed, via]) => new MissingCommand(kind, op, seed, via)),
  fc
    .tuple(
      fc.nat(),
      fc.oneof(
        fc.boolean().map((value) => ({ path: "done" as const, value })),
        fc.constantFrom(...KINDS).map((value) => ({ path: "meta.kind" as const, value })),
        TAG.filter((t) => t !== "" && t !== "1").map((value) => ({ path: "tags" as const, value })),
      ),
      VIA,
    )
    .map(([pick, filter, via]) => new ReadCommand(pick, filter, via)),
];

/**
 * With concurrent clients: client `key` patches only its own field of one item all clients share,
 * so the item's final value is known exactly (each field's last write by its owner) however the
 * clients interleave; a lost update would lose some client's field.
 */
class SharedPatchCommand implements fc.AsyncCommand<Model & { shared: SharedItem }, Real> {
  constructor(readonly key: SharedKey, readonly value: unknown, readonly via: Via) {}
  check = () => true;
  async run(m: Model & { shared: SharedItem }, r: Real) {
    const out = await patchVia(this.via, r, m.shared.id, { [this.key]: this.value }, false);
    expectOutcome(out, true, [], this.via, this.toString());
    m.shared.expected[this.key] = this.value;
  }
  toString = () => `sharedPatch(${this.key}, ${this.via}, ${JSON.stringify(this.value)})`;
}
type SharedKey = "done" | "priority" | "tags" | "meta";
interface SharedItem {
  id: string;
  expected: Record<string, unknown>;
}
const SHARED_VALUES: Record<SharedKey, fc.Arbitrary<unknown>> = {
  done: fc.boolean(),
  priority: fc.integer({ min: 0, max: 5 }),
  tags: fc.array(TAG, { maxLength: 4 }),
  meta: fc.record({ kind: fc.constantFrom(...KINDS) }),
};
const clientCommands = (key: SharedKey) => [
  ...COMMANDS,
  fc.tuple(SHARED_VALUES[key], VIA).map(([value, via]) => new SharedPatchCommand(key, value, via)),
  fc.tuple(SHARED_VALUES[key], VIA).map(([value, via]) => new SharedPatchCommand(key, value, via)),
];

/** The actor the model-based runs share; replaced by a fresh one once it holds more than this many items. */
const MAX_SHARED_ITEMS = 25;
let sharedTasks: Real | null = null;
/** Ids deleted in earlier runs on the shared actor: still missing. */
const deletedBefore: string[] = [];

/**
 * The model and the actor for one run. Runs share one actor (every new
 * Durable Object slows this environment down), so the model starts from what
 * the actor holds now, listed over REST.
 */
async function taskActorForRun(): Promise<{ model: Model; real: Real }> {
  let items = sharedTasks ? await listAll(sharedTasks.base, 200) : [];
  if (!sharedTasks || items.length > MAX_SHARED_ITEMS) {
    const pod = uniquePodName("fb");
    const created = await http("POST", "/pods", { name: pod });
    if (created.status !== 201) throw new Error(`pod: ${preview(created.json)}`);
    const actor = await http("POST", `/pods/${pod}/actors`, { name: "tasks", config: { actorType: "store", version: "v1", schema: TASK_SCHEMA, indexes: TASK_INDEXES } });
    if (actor.status !== 201) throw new Error(`actor: ${preview(actor.json)}`);
    const actorId = actor.json.actorId as string;
    sharedTasks = { pod, actorId, base: `/pods/${pod}/actors/${actorId}`, ref: `${pod}/${actorId}` };
    touched.pods.add(pod);
    touched.actors.add(sharedTasks.base);
    deletedBefore.length = 0;
    items = [];
  }
  return { model: { items: new Map(items), deleted: deletedBefore }, real: sharedTasks };
}

/** Lists every item over REST, `pageSize` at a time with `after`, as [id, body] pairs. */
async function listAll(base: string, pageSize: number): Promise<[string, unknown][]> {
  const out: [string, unknown][] = [];
  let after: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const res = await http("GET", `${base}/items?limit=${pageSize}${after ? `&after=${after}` : ""}`);
    if (res.status !== 200) throw new Error(`list ${base}: ${res.status} ${preview(res.json)}`);
    expect(res.json.items.length).toBeLessThanOrEqual(pageSize);
    for (const item of res.json.items) out.push([item.id, item.body]);
    after = res.json.next_after;
    if (after === null) return out;
  }
  throw new Error("listing did not end");
}

const B = "b. model-based items";

describe("fuzz: model-based items (fast-check, fixed seed)", () => {
  beforeAll(() => logSettings("fuzz-model.test.ts"));
  afterAll(() => logSummary("fuzz-model.test.ts"));

  it("b. model-based: random command sequences over REST, /graphql and the typed endpoint keep the stored items equal to a model", async () => {
    await runProperty(
      B,
      fc.record({
        commands: fc.commands(COMMANDS, { maxCommands: 12 }),
        pageSize: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 3, arbitrary: fc.integer({ min: 5, max: 20 }) }, { weight: 3, arbitrary: fc.integer({ min: 21, max: 200 }) }),
      }),
      async ({ commands, pageSize }) => {
        let state: { model: Model; real: Real } | null = null;
        await fc.asyncModelRun(async () => (state = await taskActorForRun()), commands);
        const { model, real } = state!;
        const stored = await listAll(real.base, pageSize);
        expect(stored, `stored items after ${commands.toString()}`).toStrictEqual([...model.items]);
        const count = await gqlRequest(typedPath(real), "{ tasks(first: 1) { totalCount } }");
        expectGraphql(count, "typed totalCount");
        expect(count.json.data.tasks.totalCount).toBe(model.items.size);
      },
      runs(30),
    );
  }, 180_000);

  it("b, concurrent: four clients run their own random sequences against one actor at once, and the stored items equal the union of their models", async () => {
    const KEYS: SharedKey[] = ["done", "priority", "tags", "meta"];
    await runProperty(
      `${B}, concurrent`,
      fc.tuple(...KEYS.map((key) => fc.commands(clientCommands(key), { maxCommands: 10 }))),
      async (sequences) => {
        const pod = uniquePodName("fbc");
        expect((await http("POST", "/pods", { name: pod })).status).toBe(201);
        const actor = await http("POST", `/pods/${pod}/actors`, { name: "tasks", config: { actorType: "store", version: "v1", schema: TASK_SCHEMA, indexes: TASK_INDEXES } });
        const actorId = actor.json.actorId as string;
        const real: Real = { pod, actorId, base: `/pods/${pod}/actors/${actorId}`, ref: `${pod}/${actorId}` };
        touched.pods.add(pod);
        touched.actors.add(real.base);
        const sharedCreated = await http("POST", `${real.base}/items`, { title: "shared" });
        const shared: SharedItem = { id: sharedCreated.json.id, expected: { title: "shared" } };
        const models = KEYS.map(() => ({ items: new Map<string, unknown>(), deleted: [] as string[], own: new Set<string>(), shared }));

        await Promise.all(sequences.map((commands, i) => fc.asyncModelRun(async () => ({ model: models[i]!, real }), commands)));

        const union = new Map<string, unknown>([[shared.id, shared.expected]]);
        for (const model of models) for (const [id, body] of model.items) union.set(id, body);
        const expected = [...union].sort(([a], [b]) => (a < b ? -1 : 1));
        const stored = await listAll(real.base, 50);
        const byKeyOrder = (entries: [string, unknown][]) => entries.map(([id, body]) => [id, id === shared.id ? sortKeys(body) : body]);
        expect(byKeyOrder(stored), `stored items after ${sequences.map(String).join(" || ")}`).toStrictEqual(byKeyOrder(expected));
        const count = await gqlRequest(typedPath(real), "{ tasks(first: 1) { totalCount } }");
        expectGraphql(count, "typed totalCount");
        expect(count.json.data.tasks.totalCount).toBe(union.size);
      },
      runs(8),
    );
  }, 300_000);

  it("e. every pod and actor touched still answers", async () => {
    await expectTouchedAnswer();
  }, 300_000);
});

/** The shared item's fields arrive in patch order; compare it by value, whatever the key order. */
function sortKeys(value: unknown): unknown {
  return isPlainObject(value) ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]])) : value;
}
