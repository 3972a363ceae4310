import { beforeAll, describe, expect, it } from "vitest";
import demo from "../schema/examples/demo-pod.json";
import { createDemoPod, http, typedGql, uniquePodName } from "./helpers.js";

/** The demo pod plus "shifts": every custom scalar, and no indexes at all. */
let pod: string;
let noteId: string;

const INDEXED = "indexed fields of Notes: status, priority, metadata_type, tags, due (index paths status, priority, metadata.type, tags, due)";
const DATE_TIME = 'expected an RFC 3339 date-time such as "2026-12-02T10:00:00Z"';
const EMAIL = 'expected an e-mail address such as "ada@example.com"';

beforeAll(async () => {
  pod = await createDemoPod(demo);
  const shifts = await http("POST", `/pods/${pod}/actors`, {
    name: "shifts",
    config: {
      actorType: "store",
      version: "v1",
      schema: {
        type: "object",
        properties: {
          day: { type: "string", format: "date" },
          startsAt: { type: "string", format: "date-time" },
          contact: { type: "string", format: "email" },
          link: { type: "string", format: "uri" },
          place: { type: "object", properties: { city: { type: "string" } } },
        },
      },
    },
  });
  expect(shifts.status).toBe(201);
  const created = await typedGql(pod, `mutation { createNotes(data: { title: "n", status: todo }) { id } }`);
  noteId = created.data.createNotes.id;
});

function onlyError(res: { errors?: { message: string; extensions?: { code?: string; details?: any }; locations?: unknown }[] }) {
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  return res.errors![0]! as { message: string; locations?: { line: number; column: number }[]; extensions: { code: string; details: any } };
}

describe("a typed filter on a path without an index", () => {
  it("says so, lists the indexed fields and paths, and names the index to add", async () => {
    const error = onlyError(await typedGql(pod, `{ notes(where: { title: { eq: "x" } }) { totalCount } }`));
    expect(error.message).toBe(`"title" is not indexed, so it cannot be filtered on; ${INDEXED}. Add "title" to the actor's indexes to filter on it.`);
    expect(error.extensions.code).toBe("UNINDEXED_FILTER");
    expect(error.extensions.details).toEqual({
      field: "title",
      path: "title",
      indexes: ["status", "priority", "metadata.type", "tags", "due"],
      fields: ["status", "priority", "metadata_type", "tags", "due"],
    });
    expect(error.locations).toEqual([{ line: 1, column: 18 }]);
  });

  it("gives the dotted path of a nested property, also inside AND/OR/NOT", async () => {
    const error = onlyError(await typedGql(pod, `{ notes(where: { OR: [{ status: { eq: todo } }, { NOT: { author_name: { eq: "Ada" } } }] }) { totalCount } }`));
    expect(error.message).toBe(`"author_name" is not indexed, so it cannot be filtered on; ${INDEXED}. Add "author.name" to the actor's indexes to filter on it.`);
    expect(error.extensions).toMatchObject({ code: "UNINDEXED_FILTER", details: { field: "author_name", path: "author.name" } });
    expect(error.locations).toEqual([{ line: 1, column: 58 }]);
  });

  it("suggests a path under a property that holds an object", async () => {
    const error = onlyError(await typedGql(pod, `{ notes(where: { metadata: { eq: "x" } }) { totalCount } }`));
    expect(error.extensions.code).toBe("UNINDEXED_FILTER");
    expect(error.message).toBe(`"metadata" is not indexed, so it cannot be filtered on; ${INDEXED}. "metadata" holds an object: add a path under it, such as "metadata.type", to the actor's indexes to filter on it.`);
  });

  it("does the same for a `where` passed as a variable, naming the variable path", async () => {
    const error = onlyError(await typedGql(pod, `query($w: NotesWhere) { notes(where: $w) { totalCount } }`, { w: { AND: [{ metadata_source: { eq: "x" } }] } }));
    expect(error.message).toBe(`"metadata_source" is not indexed, so it cannot be filtered on; ${INDEXED}. Add "metadata.source" to the actor's indexes to filter on it.`);
    expect(error.extensions).toMatchObject({ code: "UNINDEXED_FILTER", details: { path: "metadata.source", at: "$w.AND[0].metadata_source" } });
    expect(error.locations).toEqual([{ line: 1, column: 7 }]);
  });

  it("and for the `where` of a subscription", async () => {
    const literal = onlyError(await typedGql(pod, `subscription { notesAdded(where: { title: { eq: "x" } }) { cursor } }`));
    expect(literal.extensions.code).toBe("UNINDEXED_FILTER");
    expect(literal.message).toContain('"title" is not indexed');
    const variable = onlyError(await typedGql(pod, `subscription($w: NotesWhere) { notesAdded(where: $w) { cursor } }`, { w: { title: { eq: "x" } } }));
    expect(variable.extensions).toMatchObject({ code: "UNINDEXED_FILTER", details: { path: "title", at: "$w.title" } });
  });

  it("orderBy on such a path is UNINDEXED_FILTER too, listing the orderBy values", async () => {
    const listed = "indexed fields of Notes: STATUS, PRIORITY, METADATA_TYPE, TAGS, DUE (index paths status, priority, metadata.type, tags, due), or ID for insertion order";
    const literal = onlyError(await typedGql(pod, `{ notes(orderBy: [{ field: AUTHOR_NAME }]) { totalCount } }`));
    expect(literal.message).toBe(`"AUTHOR_NAME" is not indexed, so it cannot be ordered by; ${listed}. Add "author.name" to the actor's indexes to order by it.`);
    expect(literal.extensions).toMatchObject({ code: "UNINDEXED_FILTER", details: { field: "AUTHOR_NAME", path: "author.name" } });
    expect(literal.locations).toEqual([{ line: 1, column: 28 }]);
    // Typed as the field is spelled in the data, it still gets the teaching error.
    const camel = onlyError(await typedGql(pod, `{ notes(orderBy: [{ field: authorName }]) { totalCount } }`));
    expect(camel.extensions).toMatchObject({ code: "UNINDEXED_FILTER", details: { path: "author.name" } });
    const variable = onlyError(await typedGql(pod, `query($o: [NotesOrderBy!]) { notes(orderBy: $o) { totalCount } }`, { o: [{ field: "TITLE", direction: "DESC" }] }));
    expect(variable.message).toBe(`"TITLE" is not indexed, so it cannot be ordered by; ${listed}. Add "title" to the actor's indexes to order by it.`);
    expect(variable.extensions).toMatchObject({ code: "UNINDEXED_FILTER", details: { at: "$o[0].field" } });
  });

  it("says when an actor has no indexes at all", async () => {
    const error = onlyError(await typedGql(pod, `{ shifts(where: { place_city: { eq: "Oslo" } }) { totalCount } }`));
    expect(error.message).toBe(`"place_city" is not indexed, so it cannot be filtered on; Shifts has no indexed fields. Add "place.city" to the actor's indexes to filter on it.`);
    expect(error.extensions).toMatchObject({ code: "UNINDEXED_FILTER", details: { indexes: [], fields: [] } });
  });

  it("leaves names that are no schema path to GraphQL's own message", async () => {
    const error = onlyError(await typedGql(pod, `{ notes(where: { nope: { eq: "x" } }) { totalCount } }`));
    expect(error.message).toMatch(/^Field "nope" is not defined by type "NotesWhere"\./);
    expect(error.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const variable = onlyError(await typedGql(pod, `query($w: NotesWhere) { notes(where: $w) { totalCount } }`, { w: { nope: { eq: "x" } } }));
    expect(variable.message).toMatch(/^Variable "\$w" got invalid value .*; Field "nope" is not defined by type "NotesWhere"\./);
    expect(variable.extensions.code).toBe("BAD_USER_INPUT");
  });

  it("still filters on the indexed fields", async () => {
    const res = await typedGql(pod, `{ notes(where: { status: { eq: todo } }, orderBy: [{ field: PRIORITY }]) { totalCount } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.notes.totalCount).toBe(1);
  });
});

describe("a custom scalar that refuses a value", () => {
  it("names the field, the type and the expected format, for literals in mutation data", async () => {
    const dateTime = onlyError(await typedGql(pod, `mutation { createNotes(data: { title: "a", status: todo, due: "tomorrow" }) { id } }`));
    expect(dateTime.message).toBe(`Invalid value for "due" (DateTime): ${DATE_TIME}, got "tomorrow".`);
    expect(dateTime.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: { path: "due", type: "DateTime" } });
    expect(dateTime.locations).toEqual([{ line: 1, column: 63 }]);

    const email = onlyError(await typedGql(pod, `mutation { createNotes(data: { title: "a", status: todo, author: { name: "Ada", email: "nope" } }) { id } }`));
    expect(email.message).toBe(`Invalid value for "author.email" (EmailAddress): ${EMAIL}, got "nope".`);
    expect(email.extensions.code).toBe("BAD_USER_INPUT");

    const uri = onlyError(await typedGql(pod, `mutation { createNotes(data: { title: "a", status: todo, metadata: { source: "not a uri" } }) { id } }`));
    expect(uri.message).toBe(`Invalid value for "metadata.source" (URI): expected an absolute URI such as "https://example.com/docs", got "not a uri".`);

    const date = onlyError(await typedGql(pod, `mutation { createShifts(data: { day: "2026-12-02T10:00:00Z" }) { id } }`));
    expect(date.message).toBe(`Invalid value for "day" (Date): expected an RFC 3339 full-date such as "2026-12-02", got "2026-12-02T10:00:00Z".`);
    expect(date.extensions.code).toBe("BAD_USER_INPUT");

    const defaultValue = onlyError(await typedGql(pod, `mutation($at: DateTime = "noon") { createShifts(data: { startsAt: $at }) { id } }`));
    expect(defaultValue.message).toBe(`Invalid value for "$at" (DateTime): ${DATE_TIME}, got "noon".`);

    const notAString = onlyError(await typedGql(pod, `mutation { createShifts(data: { startsAt: 1767348000 }) { id } }`));
    expect(notAString.message).toBe(`Invalid value for "startsAt" (DateTime): ${DATE_TIME}, got 1767348000.`);
  });

  it("names the item of a list argument, and works for patch and replace", async () => {
    const many = onlyError(await typedGql(pod, `mutation { createManyNotes(data: [{ title: "a", status: todo }, { title: "b", status: todo, due: "soon" }]) { id } }`));
    expect(many.message).toBe(`Invalid value for "data[1].due" (DateTime): ${DATE_TIME}, got "soon".`);
    const patch = onlyError(await typedGql(pod, `mutation($id: ID!) { patchNotes(id: $id, patch: { author: { name: "A", email: "a at b" } }) { id } }`, { id: noteId }));
    expect(patch.message).toBe(`Invalid value for "author.email" (EmailAddress): ${EMAIL}, got "a at b".`);
    const replace = onlyError(await typedGql(pod, `mutation($id: ID!) { replaceShifts(id: $id, data: { contact: "nobody" }) { id } }`, { id: noteId }));
    expect(replace.message).toBe(`Invalid value for "contact" (EmailAddress): ${EMAIL}, got "nobody".`);
  });

  it("names the variable path for values in variables", async () => {
    const data = onlyError(await typedGql(pod, `mutation($d: NotesInput!) { createNotes(data: $d) { id } }`, { d: { title: "a", status: "todo", due: "tomorrow" } }));
    expect(data.message).toBe(`Invalid value for "$d.due" (DateTime): ${DATE_TIME}, got "tomorrow".`);
    expect(data.extensions).toMatchObject({ code: "BAD_USER_INPUT", details: { path: "$d.due", type: "DateTime" } });
    expect(data.locations).toEqual([{ line: 1, column: 10 }]);

    const list = onlyError(
      await typedGql(pod, `mutation($d: [NotesInput!]!) { createManyNotes(data: $d) { id } }`, { d: [{ title: "a", status: "todo" }, { title: "b", status: "todo", author: { name: "x", email: "nope" } }] }),
    );
    expect(list.message).toBe(`Invalid value for "$d[1].author.email" (EmailAddress): ${EMAIL}, got "nope".`);

    const scalar = onlyError(await typedGql(pod, `mutation($at: DateTime) { createShifts(data: { startsAt: $at }) { id } }`, { at: "tomorrow" }));
    expect(scalar.message).toBe(`Invalid value for "$at" (DateTime): ${DATE_TIME}, got "tomorrow".`);
    expect(scalar.extensions.code).toBe("BAD_USER_INPUT");

    const link = onlyError(await typedGql(pod, `mutation($s: ShiftsInput!) { createShifts(data: $s) { id } }`, { s: { link: "/relative", day: "2026-12-02" } }));
    expect(link.message).toBe(`Invalid value for "$s.link" (URI): expected an absolute URI such as "https://example.com/docs", got "/relative".`);
  });

  it("reports every bad value, each with its own field", async () => {
    const res = await typedGql(pod, `mutation { createShifts(data: { day: "today", contact: "x" }) { id } }`);
    expect(res.errors?.map((e) => e.message)).toEqual([
      `Invalid value for "day" (Date): expected an RFC 3339 full-date such as "2026-12-02", got "today".`,
      `Invalid value for "contact" (EmailAddress): ${EMAIL}, got "x".`,
    ]);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT", "BAD_USER_INPUT"]);
  });

  it("accepts values in the format", async () => {
    const res = await typedGql(pod, `mutation($at: DateTime) { createShifts(data: { day: "2026-12-02", startsAt: $at, contact: "ada@example.com", link: "https://example.com/docs" }) { day startsAt contact link } }`, {
      at: "2026-12-02T10:00:00Z",
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.createShifts).toEqual({ day: "2026-12-02", startsAt: "2026-12-02T10:00:00Z", contact: "ada@example.com", link: "https://example.com/docs" });
  });
});

describe("the examples of docs/typed-graphql.md (Errors)", () => {
  it("answer as the page shows", async () => {
    const docsPod = uniquePodName("docs");
    await http("POST", "/pods", { name: docsPod });
    const actor = await http("POST", `/pods/${docsPod}/actors`, {
      name: "notes",
      config: {
        actorType: "store",
        version: "v1",
        schema: {
          type: "object",
          required: ["title", "status"],
          properties: {
            title: { type: "string" },
            status: { enum: ["todo", "in-progress", "done"] },
            priority: { type: "integer", minimum: 0, maximum: 5 },
            due: { type: "string", format: "date-time" },
            metadata: { type: "object", properties: { type: { type: "string" } } },
          },
        },
        indexes: ["status", "priority", "metadata.type"],
      },
    });
    expect(actor.status).toBe(201);
    const where = await http("POST", `/pods/${docsPod}/graphql`, { query: `# POST /pods/demo/graphql\n{\n  notes(where: { title: { eq: "a" } }) { totalCount }\n}` });
    expect(where.status).toBe(200);
    expect(where.json.errors).toEqual([
      {
        message: `"title" is not indexed, so it cannot be filtered on; indexed fields of Notes: status, priority, metadata_type (index paths status, priority, metadata.type). Add "title" to the actor's indexes to filter on it.`,
        locations: [{ line: 3, column: 18 }],
        extensions: { code: "UNINDEXED_FILTER", details: { field: "title", path: "title", indexes: ["status", "priority", "metadata.type"], fields: ["status", "priority", "metadata_type"] } },
      },
    ]);
    const literal = await http("POST", `/pods/${docsPod}/graphql`, { query: `# POST /pods/demo/graphql\nmutation {\n  createNotes(data: { title: "d", status: todo, due: "tomorrow" }) { id }\n}` });
    expect(literal.status).toBe(200);
    expect(literal.json.errors).toEqual([
      {
        message: `Invalid value for "due" (DateTime): expected an RFC 3339 date-time such as "2026-12-02T10:00:00Z", got "tomorrow".`,
        locations: [{ line: 3, column: 54 }],
        extensions: { code: "BAD_USER_INPUT", details: { path: "due", type: "DateTime" } },
      },
    ]);
    const variable = await http("POST", `/pods/${docsPod}/graphql`, {
      query: `mutation($data: NotesInput!) {\n  createNotes(data: $data) { id }\n}`,
      variables: { data: { title: "d", status: "todo", due: "tomorrow" } },
    });
    expect(variable.status).toBe(400);
    expect(variable.json.errors[0].message).toBe(`Invalid value for "$data.due" (DateTime): expected an RFC 3339 date-time such as "2026-12-02T10:00:00Z", got "tomorrow".`);
    expect(variable.json.errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });
});
