/**
 * The names the typed schema generates (src/typed/inflection.ts), on their
 * own: how JSON names become GraphQL names, what happens when two of them
 * meet, and which names the gateway keeps for itself.
 */
import { describe, expect, it } from "vitest";
import type { GraphQLEnumType } from "graphql";
import { parseStoreConfig } from "../src/store/store-config.js";
import { buildPodSchema, type TypedActorSpec } from "../src/typed/build-pod-schema.js";
import { indexedPaths } from "../src/typed/index-shapes.js";
import { camelCase, defaultInflection as inflection, makeInflection, NameScope, pascalCase, sanitizeName, screamingSnakeCase, STATIC_TYPES } from "../src/typed/inflection.js";
import { inputHelp } from "../src/typed/input-errors.js";
import { mapActorSchema } from "../src/typed/map-schema.js";

const actor = (name: string, schema: unknown, indexes: string[] = [], n = 1): TypedActorSpec => ({
  id: `01JZ00000000000000000000${String(n).padStart(2, "0")}`,
  name,
  config: parseStoreConfig({ actorType: "store", version: "v1", schema, indexes }).config,
  strict: true,
});
const typeNames = (actors: TypedActorSpec[]) =>
  Object.keys(buildPodSchema(actors, 1).schema.getTypeMap()).filter((name) => !name.startsWith("__"));

describe("coercion to GraphQL names", () => {
  it("replaces characters GraphQL does not allow, and prefixes a leading digit", () => {
    expect(sanitizeName("in-progress")).toBe("in_progress");
    expect(sanitizeName("2fa")).toBe("_2fa");
    expect(sanitizeName("é")).toBe("_");
    expect(sanitizeName("")).toBe("_");
  });

  it('never starts a name with "__", which introspection owns', () => {
    expect(sanitizeName("__typename")).toBe("x__typename");
    expect(sanitizeName("-x")).toBe("_x");
    expect(sanitizeName("--x")).toBe("x__x");
  });

  it("makes PascalCase type prefixes and camelCase field names from actor names", () => {
    expect(pascalCase("customer-address")).toBe("CustomerAddress");
    expect(pascalCase("notes")).toBe("Notes");
    expect(pascalCase("myHTTPThing")).toBe("MyHTTPThing");
    expect(pascalCase("2024 reports")).toBe("_2024Reports");
    expect(pascalCase("---")).toBe("X");
    expect(camelCase("Customer_Orders")).toBe("customerOrders");
  });
});

describe("generated names", () => {
  it("names an actor's types, fields, mutations and subscriptions after its name", () => {
    expect(inflection.itemType("blog-posts")).toBe("BlogPosts");
    expect([inflection.inputType("Notes"), inflection.patchType("Notes"), inflection.dataType("Notes")]).toEqual(["NotesInput", "NotesPatch", "NotesData"]);
    expect([inflection.edgeType("Notes"), inflection.connectionType("Notes"), inflection.changeType("Notes")]).toEqual(["NotesEdge", "NotesConnection", "NotesChange"]);
    expect(inflection.revisionType("Notes")).toBe("NotesRevision");
    expect([inflection.whereType("Notes"), inflection.orderFieldType("Notes"), inflection.orderByType("Notes")]).toEqual(["NotesWhere", "NotesOrderField", "NotesOrderBy"]);
    expect(inflection.enumFilterType("NotesStatus")).toBe("NotesStatusFilter");
    expect([inflection.listField("blog-posts"), inflection.byIdField("blog-posts"), inflection.historyField("blog-posts")]).toEqual(["blogPosts", "blogPostsById", "blogPostsHistory"]);
    expect([inflection.addedSubscription("notes"), inflection.changesSubscription("notes")]).toEqual(["notesAdded", "notesChanges"]);
    const mutations = [inflection.createMutation, inflection.createManyMutation, inflection.replaceMutation, inflection.patchMutation, inflection.deleteMutation, inflection.restoreMutation];
    expect(mutations.map((m) => m("Notes"))).toEqual(["createNotes", "createManyNotes", "replaceNotes", "patchNotes", "deleteNotes", "restoreNotes"]);
  });

  it("names nested types after their parent and property, definitions after the prefix", () => {
    expect(inflection.propertyType("Notes", "author-info")).toBe("NotesAuthorInfo");
    expect(inflection.definitionType("Notes", "person")).toBe("NotesPerson");
    expect(inflection.listItemType("NotesSteps")).toBe("NotesStepsItem");
    expect(inflection.unionMemberType("EventsPayload", "click")).toBe("EventsPayloadClick");
  });

  it("gives a property named like a gateway field a trailing underscore", () => {
    const reserved = ["id", "_meta", "_extra"];
    expect(["id", "_meta", "_extra", "title"].map((key) => inflection.propertyField(key, reserved))).toEqual(["id_", "_meta_", "_extra_", "title"]);
  });

  it("names relation fields by dropping an id suffix, or adding Ref/Refs", () => {
    expect(["authorId", "author_id", "authorID", "owner"].map((f) => inflection.relationField(f, false))).toEqual(["author", "author", "author", "ownerRef"]);
    expect(["tagIds", "tag_ids", "tagIDs", "owners"].map((f) => inflection.relationField(f, true))).toEqual(["tags", "tags", "tags", "ownersRefs"]);
  });

  it("names where fields by their index path, dots and other characters as underscores", () => {
    expect(["status", "metadata.type", "a.b-c.d"].map(inflection.whereField)).toEqual(["status", "metadata_type", "a_b_c_d"]);
  });

  it("spells orderBy values in SCREAMING_SNAKE_CASE, words split at camelCase and dots", () => {
    expect(["createdBy", "metadata_type", "status", "author_name"].map(inflection.orderByValue)).toEqual(["CREATED_BY", "METADATA_TYPE", "STATUS", "AUTHOR_NAME"]);
    expect(["metadata.createdAt", "a.b-c"].map((path) => inflection.orderByValue(inflection.whereField(path)))).toEqual(["METADATA_CREATED_AT", "A_B_C"]);
  });

  it("splits acronyms and digits the way people read them", () => {
    const cases = { HTTPServer: "HTTP_SERVER", userID: "USER_ID", userIDs: "USER_IDS", photoURLs: "PHOTO_URLS", item2Name: "ITEM2_NAME", v2: "V2", _private: "_PRIVATE", ALREADY_DONE: "ALREADY_DONE", a__b: "A__B" };
    expect(Object.fromEntries(Object.keys(cases).map((name) => [name, screamingSnakeCase(name)]))).toEqual(cases);
  });

  it("keeps the stored spelling of schema enum values, sanitised", () => {
    expect(["todo", "in-progress", "2nd"].map(inflection.enumValue)).toEqual(["todo", "in_progress", "_2nd"]);
  });

  it("takes overrides of any name, leaving the rest", () => {
    const custom = makeInflection({ connectionType: (t) => `${t}Page` });
    expect(custom.connectionType("Notes")).toBe("NotesPage");
    expect(custom.edgeType("Notes")).toBe("NotesEdge");
  });

  it("builds a pod schema with the overrides it is given", () => {
    const notes = actor("notes", { type: "object", properties: { title: { type: "string" } } }, ["title"]);
    const { schema, actors } = buildPodSchema([notes], 1, { inflection: { connectionType: (t) => `${t}Page`, listField: (name) => `all_${name}` } });
    expect(schema.getType("NotesPage")).toBeDefined();
    expect(schema.getType("NotesConnection")).toBeUndefined();
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(["_schemaVersion", "all_notes", "notesById", "notesHistory"]);
    expect(actors[0]!.listField).toBe("all_notes");
  });
});

describe("collisions", () => {
  it("gives a taken name the first free suffix _2, _3, ...", () => {
    const scope = new NameScope(["Notes"]);
    expect([scope.claim("Notes"), scope.claim("Notes"), scope.claim("Other")]).toEqual(["Notes_2", "Notes_3", "Other"]);
  });

  it("sanitises before comparing, so names that differ only in invalid characters still get apart", () => {
    const scope = new NameScope();
    expect([scope.claim("in-progress"), scope.claim("in_progress"), scope.claim("in progress")]).toEqual(["in_progress", "in_progress_2", "in_progress_3"]);
  });

  it('never makes a suffixed name start with "__"', () => {
    const scope = new NameScope();
    expect([scope.claim("_"), scope.claim("_")]).toEqual(["_", "x__2"]);
  });

  it("resolves enum values that sanitise to one name, and the ones GraphQL forbids", () => {
    const schema = { type: "object", properties: { s: { enum: ["a-b", "a_b", "true", "null"] } } };
    const { schema: built } = buildPodSchema([actor("things", schema)], 1);
    expect(built.getType("ThingsS")?.toConfig()).toMatchObject({ values: { a_b: { value: "a-b" }, a_b_2: { value: "a_b" }, true_2: { value: "true" }, null_2: { value: "null" } } });
  });
});

describe("orderBy values", () => {
  const schema = { type: "object", properties: { id: { type: "string" }, createdBy: { type: "string" }, created_by: { type: "string" }, createdAt: { type: "string" }, metadata: { type: "object", properties: { type: { type: "string" } } } } };
  const root = mapActorSchema(schema, { prefix: "Things", types: new NameScope(["Things"]), strict: true }).root;

  it("gives paths whose values meet _2, _3 in index order, and none to a path id, which the store orders by as insertion order", () => {
    const indexed = indexedPaths(root, ["createdBy", "created_by", "id", "metadata.type"], inflection);
    expect(indexed.map((f) => [f.path, f.name, f.orderValue])).toEqual([
      ["createdBy", "createdBy", "CREATED_BY"],
      ["created_by", "created_by", "CREATED_BY_2"],
      ["id", "id", null],
      ["metadata.type", "metadata_type", "METADATA_TYPE"],
    ]);
  });

  it("are the OrderField enum's values, each standing for its path", () => {
    const { schema: built } = buildPodSchema([actor("things", schema, ["createdBy", "created_by", "id", "metadata.type"])], 1);
    const values = (built.getType("ThingsOrderField") as GraphQLEnumType).getValues().map((v) => [v.name, v.value]);
    expect(values).toEqual([["CREATED_BY", "createdBy"], ["CREATED_BY_2", "created_by"], ["ID", "id"], ["METADATA_TYPE", "metadata.type"]]);
    expect((built.getType("ThingsOrderField") as GraphQLEnumType).getValue("ID")?.description).toBe("Insertion order.");
  });

  it("name the paths without an index by the value they would get, for UNINDEXED_FILTER", () => {
    const help = inputHelp("Things", root, indexedPaths(root, ["createdBy"], inflection), inflection);
    // id would be ID and created_by CREATED_BY, values that are taken: ordering by them never fails as unindexed.
    expect([...help.orderBy.unindexed.keys()]).toEqual(["CREATED_AT", "METADATA_TYPE", "METADATA"]);
    expect([...help.where.unindexed.keys()]).toEqual(["id", "created_by", "createdAt", "metadata_type", "metadata"]);
    expect(help.orderBy.indexed).toEqual([{ name: "CREATED_BY", path: "createdBy" }]);
  });
});

describe("the names of the fixed part of the schema", () => {
  it("STATIC_TYPES are exactly the types of a pod without actors, plus the roots that need actors", () => {
    expect(new Set([...typeNames([]), "Mutation", "Subscription"])).toEqual(new Set(STATIC_TYPES));
  });

  it("no actor type takes a static name: an actor named page-info gets PageInfo_2", () => {
    const names = typeNames([actor("page-info", { type: "object", properties: { title: { type: "string" } } })]);
    expect(names).toContain("PageInfo_2");
    expect(names).toContain("PageInfo_2Connection");
  });

  it("the history names collide like the others: RevisionAuthor is static, a later actor's field gets _2", () => {
    const object = { type: "object", properties: { title: { type: "string" } } };
    expect(typeNames([actor("revision-author", object)])).toEqual(expect.arrayContaining(["RevisionAuthor", "RevisionAuthor_2", "RevisionAuthor_2Revision", "RevisionAuthor_2RevisionConnection"]));
    const { schema, actors } = buildPodSchema([actor("notes", object), actor("notes-history", object, [], 2)], 1);
    expect(actors.map((a) => [a.listField, a.historyField, a.mutations.restore])).toEqual([
      ["notes", "notesHistory", "restoreNotes"],
      ["notesHistory_2", "notesHistoryHistory", "restoreNotesHistory"],
    ]);
    expect(schema.getType("NotesRevisionEdge")).toBeDefined();
  });
});
