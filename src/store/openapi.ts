/**
 * The OpenAPI 3.1 document of one store actor: its item endpoints, the item
 * body schema (the actor's own JSON Schema; 3.1 speaks draft 2020-12) and a
 * `k_<path>` query parameter per index.
 */
import type { ActorRecord } from "./actor-record.js";
import { LIMITS } from "../limits.js";

export function actorOpenApi(actor: ActorRecord, origin: string): Record<string, unknown> {
  const base = `/pods/${encodeURIComponent(actor.pod)}/actors/${actor.id}`;
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const error = { description: "Error", content: { "application/json": { schema: ref("Error") } } };
  const itemId = { name: "itemId", in: "path", required: true, schema: { type: "string" } };
  const body = { required: true, content: { "application/json": { schema: ref("Document") } } };
  return {
    openapi: "3.1.0",
    info: { title: `Store actor ${actor.name ?? actor.id} in pod ${actor.pod}`, version: String(actor.configVersion) },
    servers: [{ url: origin }],
    paths: {
      [`${base}/items`]: {
        get: {
          operationId: "listItems",
          summary: "List items, oldest first",
          parameters: [
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: LIMITS.maxPageSize, default: LIMITS.defaultPageSize } },
            { name: "after", in: "query", description: "`next_after` of the previous page", schema: { type: "string" } },
            ...actor.config.indexes.map((path) => ({ name: `k_${path}`, in: "query", description: `Equality filter on the indexed path \`${path}\``, schema: { type: "string" } })),
          ],
          responses: { "200": { description: "A page of items", content: { "application/json": { schema: ref("ItemPage") } } }, "400": error, "404": error },
        },
        post: {
          operationId: "createItem",
          requestBody: body,
          responses: { "201": { description: "Created", content: { "application/json": { schema: ref("WriteAck") } } }, "400": error, "404": error },
        },
      },
      [`${base}/items/batch`]: {
        post: {
          operationId: "createItems",
          description: `Stores up to ${LIMITS.maxBatchItems} documents in one transaction: all stored, or none with every violation reported by its index.`,
          requestBody: { required: true, content: { "application/json": { schema: { type: "array", items: ref("Document"), maxItems: LIMITS.maxBatchItems } } } },
          responses: {
            "201": { description: "Created", content: { "application/json": { schema: { type: "object", properties: { items: { type: "array", items: ref("WriteAck") } } } } } },
            "400": error,
            "404": error,
            "413": error,
          },
        },
      },
      [`${base}/items/{itemId}`]: {
        parameters: [itemId],
        get: { operationId: "getItem", responses: { "200": { description: "The item", content: { "application/json": { schema: ref("Item") } } }, "404": error } },
        put: { operationId: "replaceItem", requestBody: body, responses: { "200": { description: "Replaced", content: { "application/json": { schema: ref("Item") } } }, "400": error, "404": error } },
        patch: {
          operationId: "patchItem",
          description: "JSON Merge Patch (RFC 7386); the result is validated against the schema.",
          requestBody: { required: true, content: { "application/merge-patch+json": { schema: { type: "object" } }, "application/json": { schema: { type: "object" } } } },
          responses: { "200": { description: "Patched", content: { "application/json": { schema: ref("Item") } } }, "400": error, "404": error },
        },
        delete: { operationId: "deleteItem", responses: { "200": { description: "Deleted" }, "404": error } },
      },
    },
    components: {
      schemas: {
        Document: rebaseRefs(actor.config.schema, "#/components/schemas/Document"),
        Item: {
          type: "object",
          required: ["id", "ts", "schema_version", "body"],
          properties: { id: { type: "string" }, ts: { type: "integer", description: "Creation time, ms since the epoch" }, schema_version: { type: "integer" }, body: ref("Document") },
        },
        ItemPage: { type: "object", required: ["items", "next_after"], properties: { items: { type: "array", items: ref("Item") }, next_after: { type: ["string", "null"] } } },
        WriteAck: { type: "object", required: ["id", "ts"], properties: { id: { type: "string" }, ts: { type: "integer" } } },
        Error: { type: "object", required: ["error", "message"], properties: { error: { type: "string" }, code: { type: "string" }, message: { type: "string" }, details: {} } },
      },
    },
  };
}

/** Local `$ref`s ("#/...") point into the actor's schema; once embedded they must point below `at`. */
function rebaseRefs(node: unknown, at: string): unknown {
  if (Array.isArray(node)) return node.map((child) => rebaseRefs(child, at));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === "$ref" || key === "$dynamicRef") && typeof value === "string" && (value === "#" || value.startsWith("#/"))) out[key] = at + value.slice(1);
    else if (key === "enum" || key === "const" || key === "default" || key === "examples") out[key] = value;
    else out[key] = rebaseRefs(value, at);
  }
  return out;
}
