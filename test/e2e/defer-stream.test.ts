/**
 * @defer and @stream against `wrangler dev` (issue 13): incremental delivery over multipart/mixed
 * and over SSE on both endpoints, parts arriving as they are ready (uncompressed: a gzipped stream
 * held them back), and a clear 406 for a client that only accepts JSON.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";

const url = inject("gatewayUrl");
const auth = { authorization: `Bearer ${inject("adminKey")}` };
let pod = "";

async function json(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(url + path, { method, headers: { "content-type": "application/json", ...auth }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return res.json();
}

beforeAll(async () => {
  pod = (await json("POST", "/pods", {})).podName;
  const actor = await json("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema: { type: "object", properties: { title: { type: "string" } } } } });
  for (const title of ["a", "b", "c"]) await json("POST", `/pods/${pod}/actors/${actor.actorId}/items`, { title });
});

/** The JSON parts of a multipart/mixed answer, as an incremental-delivery client splits them. */
function multipartParts(text: string, boundary: string): unknown[] {
  return text
    .split(`\r\n--${boundary}`)
    .map((part) => part.slice(part.indexOf("\r\n\r\n") + 4).trim())
    .filter((part) => part.startsWith("{"))
    .map((part) => JSON.parse(part));
}

describe("@defer and @stream", () => {
  it("a typed query's deferred fragment comes as a second multipart part, uncompressed", async () => {
    const res = await fetch(`${url}/pods/${pod}/graphql`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", accept: "multipart/mixed", "accept-encoding": "gzip" },
      body: JSON.stringify({ query: "{ notes(first: 3) { totalCount ... @defer { nodes { title } } } }" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^multipart\/mixed/);
    expect(res.headers.get("content-encoding")).not.toBe("gzip");
    const parts = multipartParts(await res.text(), "-");
    expect(parts[0]).toEqual({ data: { notes: { totalCount: 3 } }, hasNext: true });
    expect(parts[1]).toEqual({ incremental: [{ data: { nodes: [{ title: "a" }, { title: "b" }, { title: "c" }] }, path: ["notes"] }], hasNext: false });
  });

  it("@stream on a list sends its first items at once and the rest after, over SSE on the global endpoint", async () => {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ query: `{ pod(name: "${pod}") { actors { nodes @stream(initialCount: 0) { name } } } }` }),
    });
    expect(res.status).toBe(200);
    const events = (await res.text()).split("\n").filter((l) => l.startsWith("data: {")).map((l) => JSON.parse(l.slice(6)));
    expect(events[0]).toMatchObject({ data: { pod: { actors: { nodes: [] } } }, hasNext: true });
    expect(events.flatMap((e) => e.incremental ?? []).flatMap((i: { items: unknown[] }) => i.items)).toEqual([{ name: "notes" }]);
  });

  it("asked for as plain JSON, a deferred query gets a 406 that says what to send", async () => {
    const res = await fetch(`${url}/pods/${pod}/graphql`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: "{ notes(first: 3) { totalCount ... @defer { nodes { title } } } }" }),
    });
    expect(res.status).toBe(406);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("NOT_ACCEPTABLE");
    expect(body.errors[0]!.message).toMatch(/text\/event-stream/);
  });
});
