import { abortAllDurableObjects, env, listDurableObjectIds, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { storeStub } from "../src/objects/stubs.js";
import { createPodAndActor, gql, http } from "./helpers.js";

describe("persistence", () => {
  it("keeps pods, actors and items across new object instances, and ids keep growing", async () => {
    const { podName, actorId, base } = await createPodAndActor();
    const before = [];
    for (let i = 0; i < 5; i++) before.push((await http("POST", `${base}/items`, { title: `n${i}`, metadata: { type: "k" } })).json.id);
    await http("DELETE", `${base}/items/${before[4]}`);

    await abortAllDurableObjects(); // every object restarts from its SQLite storage

    expect((await http("GET", `/pods/${podName}`)).json.actorCount).toBe(1);
    const listed = await http("GET", `${base}/items?k_metadata.type=k`);
    expect(listed.json.items.map((i: { id: string }) => i.id)).toEqual(before.slice(0, 4));
    const after = (await http("POST", `${base}/items`, { title: "later" })).json.id;
    // The newest id was deleted before the restart; new ids still sort after it.
    expect(after > before[4]!).toBe(true);
    const actor = await gql(`query($pod: String!, $id: ID!) { pod(name: $pod) { actor(id: $id) { id indexes } } }`, { pod: podName, id: actorId });
    expect(actor.data.pod.actor).toEqual({ id: actorId, indexes: ["metadata.type", "done"] });
  });

  it("keeps every replaced, patched and deleted revision in item_history", async () => {
    const { podName, actorId, base } = await createPodAndActor();
    const { id } = (await http("POST", `${base}/items`, { title: "v1" })).json;
    await http("PUT", `${base}/items/${id}`, { title: "v2" });
    await http("PATCH", `${base}/items/${id}`, { title: "v3" });
    await http("DELETE", `${base}/items/${id}`);
    const history = await runInDurableObject(storeStub(env, podName, actorId), (_, state) =>
      state.storage.sql.exec<{ rev: number; body: string; superseded_by: string; op: string }>("SELECT rev, body, superseded_by, op FROM item_history WHERE item_id = ? ORDER BY rev", id).toArray(),
    );
    expect(history).toEqual([
      { rev: 1, body: '{"title":"v1"}', superseded_by: "replace", op: "created" },
      { rev: 2, body: '{"title":"v2"}', superseded_by: "patch", op: "replaced" },
      { rev: 3, body: '{"title":"v3"}', superseded_by: "delete", op: "patched" },
      // The deletion is a revision too, with no body.
      { rev: 4, body: "", superseded_by: "", op: "deleted" },
    ]);
  });

  it("stores nothing for lookups of pods and actors that do not exist", async () => {
    const before = (await listDurableObjectIds(env.STORES)).length;
    expect((await http("GET", "/pods/ghost-pod")).status).toBe(404);
    expect((await http("GET", "/pods/ghost-pod/actors/01JZZZZZZZZZZZZZZZZZZZZZZZ/items")).status).toBe(404);
    const ids = await listDurableObjectIds(env.PODS);
    const ghost = env.PODS.idFromName("ghost-pod");
    for (const id of ids.filter((i) => i.equals(ghost))) {
      const tables = await runInDurableObject(env.PODS.get(id), (_, state) => state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table'").toArray());
      expect(tables).toEqual([]);
    }
    expect((await listDurableObjectIds(env.STORES)).length).toBeGreaterThanOrEqual(before);
  });
});

describe("pagination under concurrent inserts", () => {
  it("walks items oldest to newest with no skips or repeats while writes go on", async () => {
    const { base } = await createPodAndActor();
    const initial: string[] = [];
    for (let i = 0; i < 40; i++) initial.push((await http("POST", `${base}/items`, { title: `seed${i}` })).json.id);

    const seen: string[] = [];
    const walker = (async () => {
      let after = "";
      for (;;) {
        const page = await http("GET", `${base}/items?limit=7${after ? `&after=${after}` : ""}`);
        seen.push(...page.json.items.map((i: { id: string }) => i.id));
        if (!page.json.next_after) return;
        after = page.json.next_after;
      }
    })();
    const writers = Promise.all(Array.from({ length: 30 }, (_, i) => http("POST", `${base}/items`, { title: `live${i}` })));
    await Promise.all([walker, writers]);

    expect(new Set(seen).size).toBe(seen.length); // no repeats
    expect([...seen].sort()).toEqual(seen); // in id order
    for (const id of initial) expect(seen).toContain(id); // nothing stored before the walk is skipped
    const all = (await http("GET", `${base}/items?limit=200`)).json.items.map((i: { id: string }) => i.id);
    expect(all).toHaveLength(70);
    // What the walk saw is exactly every item up to the last id it saw: no gaps.
    expect(seen).toEqual(all.filter((id: string) => id <= seen[seen.length - 1]!));
  });
});
