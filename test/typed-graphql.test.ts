import { describe, expect, it } from "vitest";
import demo from "../schema/examples/demo-pod.json";
import { createDemoPod, http, typedGql } from "./helpers.js";

describe("typed GraphQL per pod", () => {
  it("exposes each named store actor as typed fields, visible in introspection", async () => {
    const pod = await createDemoPod(demo);
    const res = await typedGql(pod, `{ __type(name: "Notes") { fields { name type { kind name ofType { kind name ofType { kind name } } } } } }`);
    const fields = Object.fromEntries(res.data.__type.fields.map((f: any) => [f.name, typeString(f.type)]));
    expect(fields).toEqual({
      id: "ID!",
      _meta: "ItemMeta!",
      title: "String!",
      status: "NotesStatus!",
      priority: "Int",
      due: "DateTime",
      tags: "[String!]",
      author: "NotesPerson",
      metadata: "NotesMetadata",
    });
  });

  it("creates, reads, filters, orders, patches and deletes through typed fields", async () => {
    const pod = await createDemoPod(demo);
    const created = await typedGql(
      pod,
      `mutation($data: NotesInput!) { createNotes(data: $data) { id title status priority tags author { name email } _meta { rev } } }`,
      { data: { title: "first", status: "in_progress", priority: 2, tags: ["a", "b"], author: { name: "Ada", email: "ada@example.com" } } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createNotes).toMatchObject({ title: "first", status: "in_progress", priority: 2, tags: ["a", "b"], author: { name: "Ada", email: "ada@example.com" }, _meta: { rev: 1 } });
    const id = created.data.createNotes.id;
    // The enum name is sanitised for GraphQL; the stored value is the schema's own.
    const stored = await http("GET", `/pods/${pod}/actors/notes/items/${id}`);
    expect(stored.status).toBe(404); // REST addresses actors by id, not by name
    const rest = await typedGql(pod, `query($id: ID!) { notesById(id: $id) { status } }`, { id });
    expect(rest.data.notesById.status).toBe("in_progress");

    const many = await typedGql(pod, `mutation($data: [NotesInput!]!) { createManyNotes(data: $data) { id } }`, {
      data: [
        { title: "second", status: "todo", priority: 5, tags: ["b"] },
        { title: "third", status: "done", priority: 1 },
      ],
    });
    expect(many.data.createManyNotes).toHaveLength(2);

    const filtered = await typedGql(pod, `{ notes(where: { tags: { eq: "b" } }, orderBy: [{ field: PRIORITY, direction: DESC }]) { totalCount nodes { title } } }`);
    expect(filtered.data.notes).toEqual({ totalCount: 2, nodes: [{ title: "second" }, { title: "first" }] });

    const patched = await typedGql(pod, `mutation($id: ID!) { patchNotes(id: $id, patch: { priority: null, metadata: { type: "x" } }) { priority metadata { type } _meta { rev } } }`, { id });
    expect(patched.data.patchNotes).toEqual({ priority: null, metadata: { type: "x" }, _meta: { rev: 2 } });

    const invalid = await typedGql(pod, `mutation { createNotes(data: { title: "", status: todo }) { id } }`);
    expect(invalid.errors?.[0]?.extensions?.code).toBe("SCHEMA_VALIDATION_FAILED");
    expect(invalid.errors?.[0]?.extensions?.details).toEqual([expect.objectContaining({ path: "/title", keyword: "minLength" })]);

    const deleted = await typedGql(pod, `mutation($id: ID!) { deleteNotes(id: $id) }`, { id });
    expect(deleted.data.deleteNotes).toBe(id);
    expect((await typedGql(pod, `{ notes { totalCount } }`)).data.notes.totalCount).toBe(2);
  });

  it("resolves discriminated oneOf members as a union", async () => {
    const pod = await createDemoPod(demo);
    const res = await typedGql(pod, `mutation { createEvents(data: { kind: "ui", at: "2026-01-02T03:04:05Z", payload: { type: "view", seconds: 3.5 } }) { payload { __typename ... on EventsPayloadView { seconds } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.createEvents.payload).toEqual({ __typename: "EventsPayloadView", seconds: 3.5 });
  });

  it("answers 404 with a GraphQL error for a pod that does not exist", async () => {
    const res = await http("POST", "/pods/no-such-pod/graphql", { query: "{ _schemaVersion }" });
    expect(res.status).toBe(404);
    expect(res.json.errors[0].extensions.code).toBe("NOT_FOUND");
  });

  it("reflects an actor change on the very next request", async () => {
    const pod = await createDemoPod(demo);
    const before = await typedGql(pod, `{ _schemaVersion __type(name: "Widgets") { name } }`);
    expect(before.data.__type).toBeNull();
    await http("POST", `/pods/${pod}/actors`, { name: "widgets", config: { actorType: "store", version: "v1", schema: { type: "object", properties: { size: { type: "number" } } } } });
    const after = await typedGql(pod, `{ _schemaVersion __type(name: "Widgets") { fields { name } } }`);
    expect(after.data._schemaVersion).toBe(before.data._schemaVersion + 1);
    expect(after.data.__type.fields.map((f: { name: string }) => f.name)).toContain("size");
  });
});

function typeString(t: { kind: string; name: string | null; ofType?: any }): string {
  if (t.kind === "NON_NULL") return `${typeString(t.ofType)}!`;
  if (t.kind === "LIST") return `[${typeString(t.ofType)}]`;
  return t.name!;
}
