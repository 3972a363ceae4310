/**
 * DataLoader batching: a query costs one Durable Object call per actor it
 * touches per level, whatever the number of fields or items it selects.
 * Counts come from `extensions.doCalls` (x-debug-calls: 1).
 */
import { describe, expect, it } from "vitest";
import { gql, http, typedGql, uniquePodName } from "./helpers.js";

const DEBUG = { "x-debug-calls": "1" };

async function podWithActors(names: string[], schema: (name: string) => unknown) {
  const pod = uniquePodName("batch");
  await http("POST", "/pods", { name: pod });
  const ids: Record<string, string> = {};
  for (const name of names) {
    const res = await http("POST", `/pods/${pod}/actors`, { name, config: { actorType: "store", version: "v1", schema: schema(name), indexes: [] } });
    ids[name] = res.json.actorId;
  }
  return { pod, ids };
}

async function fill(pod: string, actorId: string, docs: unknown[]): Promise<string[]> {
  const res = await http("POST", `/pods/${pod}/actors/${actorId}/items/batch`, docs);
  expect(res.status).toBe(201);
  return res.json.items.map((i: { id: string }) => i.id);
}

describe("batching", () => {
  it("reads 50 items by id from 5 actors with 5 actor calls (typed and global schema)", async () => {
    const names = ["a0", "a1", "a2", "a3", "a4"];
    const { pod, ids } = await podWithActors(names, () => ({ type: "object", properties: { n: { type: "integer" } } }));
    const items: Record<string, string[]> = {};
    for (const name of names) items[name] = await fill(pod, ids[name]!, Array.from({ length: 10 }, (_, n) => ({ n })));

    const typed = names.flatMap((name) => items[name]!.map((id, i) => `${name}_${i}: ${name}ById(id: "${id}") { n }`)).join("\n");
    const res = await typedGql(pod, `{ ${typed} }`, {}, DEBUG);
    expect(res.errors).toBeUndefined();
    expect(Object.keys(res.data)).toHaveLength(50);
    expect(res.data.a3_7).toEqual({ n: 7 });
    expect(res.extensions?.doCalls).toMatchObject({ store: 5, pod: 1 });

    const global = names.map((name) => `${name}: actor(id: "${name}") { ${items[name]!.map((id, i) => `i${i}: item(id: "${id}") { data }`).join(" ")} }`).join("\n");
    const res2 = await gql(`query($pod: String!) { pod(name: $pod) { ${global} } }`, { pod }, DEBUG);
    expect(res2.errors).toBeUndefined();
    expect(res2.data.pod.a2.i4.data).toEqual({ n: 4 });
    expect(res2.extensions?.doCalls).toMatchObject({ store: 5, pod: 2 }); // pod record + one batched actor lookup
  });

  it("lists 20 actors' items and follows a relation on every item with one call per distinct actor per level", async () => {
    const posts = Array.from({ length: 20 }, (_, i) => `posts${i}`);
    const { pod, ids } = await podWithActors(["users", ...posts], (name) =>
      name === "users"
        ? { type: "object", required: ["name"], properties: { name: { type: "string" } } }
        : { type: "object", properties: { title: { type: "string" }, authorId: { type: "string", "x-ref": "users" }, reviewerIds: { type: "array", items: { type: "string", "x-ref": "users" } } } },
    );
    const users = await fill(pod, ids.users!, Array.from({ length: 10 }, (_, i) => ({ name: `user${i}` })));
    for (const [p, name] of posts.entries()) {
      await fill(pod, ids[name]!, Array.from({ length: 20 }, (_, i) => ({ title: `${name}-${i}`, authorId: users[(p + i) % 10], reviewerIds: [users[i % 10], users[(i + 3) % 10]] })));
    }
    const query = (first: number) => `{ ${posts.map((name) => `${name}(first: ${first}) { nodes { title author { name } reviewers { name } } }`).join("\n")} }`;

    const ten = await typedGql(pod, query(10), {}, DEBUG);
    expect(ten.errors).toBeUndefined();
    expect(ten.data.posts3.nodes[2]).toEqual({ title: "posts3-2", author: { name: "user5" }, reviewers: [{ name: "user2" }, { name: "user5" }] });
    // Level 1: one list call per posts actor (20). Level 2: every author and reviewer, one call to "users".
    expect(ten.extensions?.doCalls).toMatchObject({ store: 21 });

    const twenty = await typedGql(pod, query(20), {}, DEBUG);
    expect(twenty.extensions?.doCalls).toMatchObject({ store: 21 });
  });

  it("resolves a reference to a missing item to null without failing the query", async () => {
    const { pod, ids } = await podWithActors(["users", "posts"], (name) =>
      name === "users" ? { type: "object", properties: { name: { type: "string" } } } : { type: "object", properties: { authorId: { type: "string", "x-ref": "users" } } },
    );
    const [user] = await fill(pod, ids.users!, [{ name: "ada" }]);
    await fill(pod, ids.posts!, [{ authorId: user }, { authorId: "01JZZZZZZZZZZZZZZZZZZZZZZZ" }, { authorId: "not-an-id" }, {}]);
    const res = await typedGql(pod, `{ posts { nodes { authorId author { name } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.posts.nodes.map((n: any) => n.author)).toEqual([{ name: "ada" }, null, null, null]);
  });
});

describe("bulk writes", () => {
  const schema = { type: "object", required: ["n"], properties: { n: { type: "integer", minimum: 0 } } };

  it("stores all of a valid batch in one call, or nothing, reporting each violation by index", async () => {
    const { pod, ids } = await podWithActors(["nums"], () => schema);
    const base = `/pods/${pod}/actors/${ids.nums}`;
    const bad = await http("POST", `${base}/items/batch`, [{ n: 1 }, { n: 2 }, { n: -3 }, { n: 4 }, { x: 5 }]);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe("invalid_document");
    expect(bad.json.details.map((d: { index: number; violations: { keyword: string }[] }) => [d.index, d.violations[0]!.keyword])).toEqual([[2, "minimum"], [4, "required"]]);
    expect((await http("GET", `${base}/items`)).json.items).toEqual([]);

    const typedBad = await typedGql(pod, `mutation { createManyNums(data: [{ n: 1 }, { n: -1 }]) { id } }`);
    expect(typedBad.errors?.[0]?.extensions?.code).toBe("SCHEMA_VALIDATION_FAILED");
    expect(typedBad.errors?.[0]?.extensions?.details[0].index).toBe(1);

    const good = await typedGql(pod, `mutation($data: [NumsInput!]!) { createManyNums(data: $data) { n } }`, { data: Array.from({ length: 300 }, (_, n) => ({ n })) }, DEBUG);
    expect(good.data.createManyNums).toHaveLength(300);
    expect(good.extensions?.doCalls).toMatchObject({ store: 1 });
    const global = await gql(`mutation($ref: ID!) { createItems(actor: $ref, data: [{ n: 1000 }, { n: 1001 }]) { data } }`, { ref: `${pod}/nums` });
    expect(global.data.createItems.map((i: { data: unknown }) => i.data)).toEqual([{ n: 1000 }, { n: 1001 }]);
    const listed = await http("GET", `${base}/items?limit=200`);
    expect(listed.json.items[0].body).toEqual({ n: 0 });

    const tooMany = await http("POST", `${base}/items/batch`, { items: Array.from({ length: 501 }, () => ({ n: 1 })) });
    expect(tooMany.status).toBe(413);
  });
});
