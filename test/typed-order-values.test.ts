/**
 * OrderField values of camelCase paths, through the typed endpoint: the
 * SCREAMING_SNAKE_CASE value orders by its path, values that meet are told
 * apart by _2, ID stays insertion order (an indexed property named id can be
 * filtered on, not ordered by), and an unindexed camelCase path is
 * UNINDEXED_FILTER under the value it would have.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { http, typedGql, uniquePodName } from "./helpers.js";

let pod: string;

beforeAll(async () => {
  pod = uniquePodName("order");
  expect((await http("POST", "/pods", { name: pod })).status).toBe(201);
  const schema = { type: "object", properties: { title: { type: "string" }, createdBy: { type: "string" }, created_by: { type: "string" }, id: { type: "string" }, createdAt: { type: "string" } } };
  const res = await http("POST", `/pods/${pod}/actors`, { name: "tasks", config: { actorType: "store", version: "v1", schema, indexes: ["createdBy", "created_by", "id"] } });
  expect(res.status).toBe(201);
  const items = [
    { title: "first", createdBy: "carol", created_by: "a", id: "z" },
    { title: "second", createdBy: "alice", created_by: "c", id: "x" },
    { title: "third", createdBy: "bob", created_by: "b", id: "y" },
  ];
  const created = await typedGql(pod, `mutation($d: [TasksInput!]!) { createManyTasks(data: $d) { id } }`, { d: items.map(({ id, ...rest }) => ({ ...rest, id_: id })) });
  expect(created.errors).toBeUndefined();
});

const titles = async (orderBy: string) => {
  const res = await typedGql(pod, `{ tasks(orderBy: ${orderBy}) { nodes { title } } }`);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.tasks.nodes.map((n: { title: string }) => n.title);
};

describe("OrderField values of camelCase paths", () => {
  it("CREATED_BY orders by createdBy, CREATED_BY_2 by created_by", async () => {
    expect(await titles("[{ field: CREATED_BY }]")).toEqual(["second", "third", "first"]);
    expect(await titles("[{ field: CREATED_BY_2 }]")).toEqual(["first", "third", "second"]);
  });

  it("ID is insertion order even with an index on a property named id, which filters", async () => {
    expect(await titles("[{ field: ID, direction: DESC }]")).toEqual(["third", "second", "first"]);
    const res = await typedGql(pod, `{ tasks(where: { id: { eq: "y" } }) { nodes { title } } }`);
    expect(res.data.tasks.nodes).toEqual([{ title: "third" }]);
  });

  it("an unindexed camelCase path is UNINDEXED_FILTER under its SCREAMING_SNAKE_CASE value", async () => {
    const res = await typedGql(pod, `{ tasks(orderBy: [{ field: CREATED_AT }]) { totalCount } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "UNINDEXED_FILTER", details: { field: "CREATED_AT", path: "createdAt" } });
    expect(res.errors?.[0]?.message).toMatch(/^"CREATED_AT" is not indexed, so it cannot be ordered by; indexed fields of Tasks: CREATED_BY, CREATED_BY_2 \(index paths createdBy, created_by\), or ID for insertion order\./);
  });
});
