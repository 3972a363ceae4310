import { describe, expect, it } from "vitest";
import { gql, noteSchema, uniquePodName } from "./helpers.js";

const config = { actorType: "store", version: "v1", schema: noteSchema, indexes: ["metadata.type"] };

async function setup() {
  const pod = uniquePodName();
  const created = await gql(`mutation($pod: String!) { createPod(name: $pod) { name schemaVersion actorCount } }`, { pod });
  expect(created.errors).toBeUndefined();
  const actor = await gql(`mutation($pod: String!, $config: JSON!) { createActor(pod: $pod, config: $config, name: "notes") { id ref name schemaVersion: configVersion } }`, { pod, config });
  expect(actor.errors).toBeUndefined();
  return { pod, actorId: actor.data.createActor.id as string, ref: actor.data.createActor.ref as string };
}

describe("GraphQL operations", () => {
  it("creates pods and actors and reads them back through pod(name) and pods", async () => {
    const { pod, actorId } = await setup();
    const res = await gql(
      `query($pod: String!, $id: ID!) {
        pod(name: $pod) { name actorCount schemaVersion
          actors(first: 10) { nodes { id name actorType version indexes schema openapi } pageInfo { hasNextPage } }
          byName: actor(id: "notes") { id }
          byId: actor(id: $id) { name } } }`,
      { pod, id: actorId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.pod).toMatchObject({ name: pod, actorCount: 1, schemaVersion: 2, byName: { id: actorId }, byId: { name: "notes" } });
    expect(res.data.pod.actors.nodes[0]).toMatchObject({ id: actorId, name: "notes", actorType: "store", version: "v1", indexes: ["metadata.type"], schema: noteSchema });
    expect(res.data.pod.actors.nodes[0].openapi).toBe(`http://gateway.test/pods/${pod}/actors/${actorId}/openapi.json`);

    const listed = await gql(`{ pods(first: 200) { nodes { name } } }`);
    expect(listed.data.pods.nodes.map((p: { name: string }) => p.name)).toContain(pod);
    expect((await gql(`{ pod(name: "no-such-pod") { name } }`)).data.pod).toBeNull();
  });

  it("pages pods with first/after", async () => {
    for (let i = 0; i < 3; i++) await gql(`mutation { createPod { name } }`);
    const first = await gql(`{ pods(first: 2) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data.pods.edges).toHaveLength(2);
    expect(first.data.pods.pageInfo.hasNextPage).toBe(true);
    const next = await gql(`query($after: String) { pods(first: 2, after: $after) { nodes { name } } }`, { after: first.data.pods.pageInfo.endCursor });
    expect(next.data.pods.nodes[0].name > first.data.pods.pageInfo.endCursor).toBe(true);
  });

  it("creates, reads, filters, replaces, patches and deletes items", async () => {
    const { pod, actorId, ref } = await setup();
    const a = await gql(`mutation($ref: ID!) { createItem(actor: $ref, data: { title: "a", metadata: { type: "x" } }) { id rev data } }`, { ref });
    expect(a.errors).toBeUndefined();
    expect(a.data.createItem).toMatchObject({ rev: 1, data: { title: "a", metadata: { type: "x" } } });
    const b = await gql(`mutation($pod: String!) { createItem(pod: $pod, actor: "notes", data: { title: "b", metadata: { type: "y" } }) { id } }`, { pod });
    expect(b.errors).toBeUndefined();

    const filtered = await gql(
      `query($pod: String!) { pod(name: $pod) { actor(id: "notes") { items(where: [{ path: "metadata.type", eq: "y" }]) { nodes { id data } } } } }`,
      { pod },
    );
    expect(filtered.data.pod.actor.items.nodes).toEqual([{ id: b.data.createItem.id, data: { title: "b", metadata: { type: "y" } } }]);

    const id = a.data.createItem.id;
    const replaced = await gql(`mutation($ref: ID!, $id: ID!) { replaceItem(actor: $ref, id: $id, data: { title: "a2" }) { rev data } }`, { ref, id });
    expect(replaced.data.replaceItem).toEqual({ rev: 2, data: { title: "a2" } });
    const patched = await gql(`mutation($ref: ID!, $id: ID!) { patchItem(actor: $ref, id: $id, patch: { done: true }) { rev data } }`, { ref, id });
    expect(patched.data.patchItem).toEqual({ rev: 3, data: { title: "a2", done: true } });
    const read = await gql(`query($pod: String!, $actor: ID!, $id: ID!) { pod(name: $pod) { actor(id: $actor) { item(id: $id) { data rev } } } }`, { pod, actor: actorId, id });
    expect(read.data.pod.actor.item).toEqual({ data: { title: "a2", done: true }, rev: 3 });
    const deleted = await gql(`mutation($ref: ID!, $id: ID!) { deleteItem(actor: $ref, id: $id) }`, { ref, id });
    expect(deleted.data.deleteItem).toBe(id);
    const gone = await gql(`query($pod: String!, $id: ID!) { pod(name: $pod) { actor(id: "notes") { item(id: $id) { id } } } }`, { pod, id });
    expect(gone.data.pod.actor.item).toBeNull();
  });

  it("reports errors with stable extensions.code", async () => {
    const { ref } = await setup();
    const invalid = await gql(`mutation($ref: ID!) { createItem(actor: $ref, data: { title: 5 }) { id } }`, { ref });
    expect(invalid.errors?.[0]?.extensions?.code).toBe("SCHEMA_VALIDATION_FAILED");
    expect(invalid.errors?.[0]?.extensions?.details).toEqual([{ path: "/title", keyword: "type", message: expect.any(String) }]);

    const missing = await gql(`mutation { createItem(actor: "no-pod/notes", data: {}) { id } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const [pod] = ref.split("/");
    const badConfig = await gql(`mutation($pod: String!) { createActor(pod: $pod, config: { actorType: "store", version: "v1", schema: { type: "strnig" } }) { id } }`, { pod });
    expect(badConfig.errors?.[0]?.extensions?.code).toBe("INVALID_CONFIG");
    expect(badConfig.errors?.[0]?.extensions?.details).toContainEqual({ path: "/schema/type", message: expect.stringContaining("anyOf") });

    const unindexed = await gql(`mutation($ref: ID!) { createItem(actor: $ref, data: { title: "t" }) { id } }`, { ref });
    expect(unindexed.errors).toBeUndefined();
    const filter = await gql(`query($pod: String!) { pod(name: $pod) { actor(id: "notes") { items(where: [{ path: "title", eq: "t" }]) { nodes { id } } } } }`, { pod });
    expect(filter.errors?.[0]?.extensions?.code).toBe("UNINDEXED_FILTER");
    expect(filter.errors?.[0]?.message).toContain('"title"');

    const tooMany = await gql(`query($pod: String!) { pod(name: $pod) { actors(first: 1000) { nodes { id } } } }`, { pod });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const dup = await gql(`mutation($pod: String!) { createPod(name: $pod) { name } }`, { pod });
    expect(dup.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("changes indexes with updateActor without losing items", async () => {
    const { pod, ref } = await setup();
    for (const type of ["x", "y", "x"]) await gql(`mutation($ref: ID!, $t: String!) { createItem(actor: $ref, data: { title: $t, metadata: { type: $t } }) { id } }`, { ref, t: type });
    const updated = await gql(`mutation($pod: String!) { updateActor(pod: $pod, actor: "notes", indexes: ["title"]) { indexes configVersion } }`, { pod });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateActor).toEqual({ indexes: ["title"], configVersion: 2 });
    const byTitle = await gql(`query($pod: String!) { pod(name: $pod) { schemaVersion actor(id: "notes") { items(where: [{ path: "title", eq: "x" }]) { nodes { data } } all: items { nodes { id } } } } }`, { pod });
    expect(byTitle.data.pod.actor.items.nodes).toHaveLength(2);
    expect(byTitle.data.pod.actor.all.nodes).toHaveLength(3);
    expect(byTitle.data.pod.schemaVersion).toBe(3);
  });
});
