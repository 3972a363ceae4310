/**
 * The typed mapping over a corpus of real-world JSON Schemas
 * (test/fixtures/schema-corpus/): each builds, introspection shows the
 * expected GraphQL type for each property, and a valid document round-trips
 * through the typed create mutation (stored exactly) and query (read back).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildPodSchema, type ActorApi } from "../src/typed/build-pod-schema.js";
import { parseStoreConfig } from "../src/store/store-config.js";
import { http, typedGql, uniquePodName } from "./helpers.js";
import { fromOutput, selection, toInput, withoutNulls } from "./typed-roundtrip.js";

interface CorpusEntry {
  actorName: string;
  schema: unknown;
  document: Record<string, unknown>;
  expect: Record<string, Record<string, string>>;
}

const files = import.meta.glob<CorpusEntry>("./fixtures/schema-corpus/*.json", { eager: true, import: "default" });
const corpus = Object.entries(files).map(([path, entry]) => ({ file: path.slice(path.lastIndexOf("/") + 1), ...entry }));

let pod = "";
const actorIds = new Map<string, string>();
let apis = new Map<string, ActorApi>();
let introspected = new Map<string, Record<string, string>>();

beforeAll(async () => {
  pod = uniquePodName("corpus");
  await http("POST", "/pods", { name: pod });
  for (const entry of corpus) {
    const res = await http("POST", `/pods/${pod}/actors`, { name: entry.actorName, config: { actorType: "store", version: "v1", schema: entry.schema } });
    if (res.status !== 201) throw new Error(`${entry.file}: ${JSON.stringify(res.json)}`);
    actorIds.set(entry.actorName, res.json.actorId);
  }
  // The client-side view of the same mapping: same actors, same order, same names.
  const specs = corpus.map((e) => ({ id: actorIds.get(e.actorName)!, name: e.actorName, config: parseStoreConfig({ actorType: "store", version: "v1", schema: e.schema }).config, strict: true }));
  apis = new Map(buildPodSchema(specs, 0).actors.map((a) => [a.actorName, a]));
  const res = await typedGql(pod, `{ __schema { types { name fields { name type { ...T } } } } } fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`);
  introspected = new Map(res.data.__schema.types.filter((t: any) => t.fields).map((t: any) => [t.name, Object.fromEntries(t.fields.map((f: any) => [f.name, typeString(f.type)]))]));
}, 120_000);

describe(`JSON Schema corpus (${corpus.length} schemas)`, () => {
  it("has at least 30 schemas", () => expect(corpus.length).toBeGreaterThanOrEqual(30));

  it.each(corpus)("$file: introspection shows the expected type for each property", (entry) => {
    for (const [typeName, fields] of Object.entries(entry.expect)) {
      expect(introspected.get(typeName), `type ${typeName}`).toEqual(fields);
    }
  });

  it.each(corpus)("$file: a valid document round-trips through the typed mutation and query", async (entry) => {
    const api = apis.get(entry.actorName)!;
    const root = api.mapped.root;
    const select = root.kind === "object" ? selection(root) : "";
    const res = await typedGql(pod, `mutation($data: ${api.inputName}!) { ${api.mutations.create}(data: $data) { id } }`, { data: toInput(root, entry.document) });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const id = res.data[api.mutations.create].id;
    const stored = await http("GET", `/pods/${pod}/actors/${actorIds.get(entry.actorName)}/items/${id}`);
    expect(stored.json.body).toEqual(entry.document);
    const read = await typedGql(pod, `query($id: ID!) { ${api.byIdField}(id: $id) ${select} }`, { id });
    expect(read.errors, JSON.stringify(read.errors)).toBeUndefined();
    expect(fromOutput(root, read.data[api.byIdField])).toEqual(withoutNulls(entry.document));
  });
});

function typeString(t: { kind: string; name: string | null; ofType?: any }): string {
  if (t.kind === "NON_NULL") return `${typeString(t.ofType)}!`;
  if (t.kind === "LIST") return `[${typeString(t.ofType)}]`;
  return t.name!;
}
