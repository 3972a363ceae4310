import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import demo from "../schema/examples/demo-pod.json";
import { storeStub } from "../src/objects/stubs.js";
import { createDemoPod, createPodAndActor, http, typedGql } from "./helpers.js";
import { subscribe } from "./sse-client.js";
import { actorIdOf, changeListeners, untilPodSubscribed, untilSubscribed, untilUnsubscribed } from "./sync-objects.js";

const CHANGES = `subscription($ref: ID!, $after: String) { itemChanges(actor: $ref, after: $after) { cursor seq op itemId item { data rev } } }`;

describe("subscriptions over SSE", () => {
  it("streams every change of an actor in order, from REST, GraphQL and bulk writes alike", async () => {
    const { podName, actorId, base } = await createPodAndActor();
    const sub = await subscribe("/graphql", CHANGES, { ref: `${podName}/${actorId}` });
    await untilSubscribed(podName, actorId);
    const created = (await http("POST", `${base}/items`, { title: "one" })).json.id;
    await http("PATCH", `${base}/items/${created}`, { done: true });
    await http("POST", `${base}/items/batch`, [{ title: "two" }, { title: "three" }]);
    await http("DELETE", `${base}/items/${created}`);
    const events = [];
    for (let i = 0; i < 5; i++) events.push((await sub.next()).itemChanges);
    await sub.close();
    expect(events.map((e) => e.op)).toEqual(["CREATED", "PATCHED", "CREATED", "CREATED", "DELETED"]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[1]).toMatchObject({ itemId: created, item: { data: { title: "one", done: true }, rev: 2 } });
    expect(events[4].item).toBeNull();
  });

  it("resumes with after: replays what was missed, then goes live, with no gaps or repeats", async () => {
    const { podName, actorId, base } = await createPodAndActor();
    const ref = `${podName}/${actorId}`;
    const first = await subscribe("/graphql", CHANGES, { ref });
    await untilSubscribed(podName, actorId);
    for (let i = 0; i < 3; i++) await http("POST", `${base}/items`, { title: `a${i}` });
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push((await first.next()).itemChanges);
    await first.close(); // a forced disconnect
    for (let i = 0; i < 4; i++) await http("POST", `${base}/items`, { title: `b${i}` });
    const resumed = await subscribe("/graphql", CHANGES, { ref, after: seen[2].cursor });
    for (let i = 0; i < 4; i++) seen.push((await resumed.next()).itemChanges);
    await http("POST", `${base}/items`, { title: "live" });
    seen.push((await resumed.next()).itemChanges);
    await resumed.close();
    expect(seen.map((e) => e.item.data.title)).toEqual(["a0", "a1", "a2", "b0", "b1", "b2", "b3", "live"]);
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("keeps streaming across a restart of the actor's object, resuming from its cursor", async () => {
    const { podName, actorId, base } = await createPodAndActor();
    const sub = await subscribe("/graphql", CHANGES, { ref: `${podName}/${actorId}` });
    await untilSubscribed(podName, actorId);
    await http("POST", `${base}/items`, { title: "before" });
    expect((await sub.next()).itemChanges.item.data.title).toBe("before");
    // Reset the object as the platform would: its in-memory subscriber list and streams are gone.
    await runInDurableObject(storeStub(env, podName, actorId), (_, state) => state.abort("test restart")).catch(() => undefined);
    await http("POST", `${base}/items`, { title: "after-1" });
    await http("POST", `${base}/items`, { title: "after-2" });
    const next = [(await sub.next()).itemChanges, (await sub.next()).itemChanges];
    await sub.close();
    expect(next.map((e) => [e.seq, e.item.data.title])).toEqual([[2, "after-1"], [3, "after-2"]]);
  });

  it("releases the object's subscriber when the client closes", async () => {
    const { podName, actorId, base } = await createPodAndActor();
    const sub = await subscribe("/graphql", CHANGES, { ref: `${podName}/${actorId}` });
    await untilSubscribed(podName, actorId);
    await http("POST", `${base}/items`, { title: "x" });
    await sub.next();
    expect(await changeListeners(podName, actorId)).toBe(1);
    await sub.close();
    await http("POST", `${base}/items`, { title: "y" }); // a write notices the closed stream
    await untilUnsubscribed(podName, actorId, 0, 5_000);
    expect(await changeListeners(podName, actorId)).toBe(0);
  });

  it("typed: <actor>Added with where receives exactly the matching items", async () => {
    const pod = await createDemoPod(demo);
    const sub = await subscribe(`/pods/${pod}/graphql`, `subscription { notesAdded(where: { status: { eq: done }, priority: { gte: 3 } }) { cursor op node { title status priority } } }`);
    await untilSubscribed(pod, await actorIdOf(pod, "notes"));
    const docs = [
      { title: "a", status: "done", priority: 5 },
      { title: "b", status: "todo", priority: 5 },
      { title: "c", status: "done", priority: 1 },
      { title: "d", status: "done", priority: 3 },
      { title: "e", status: "done" },
    ];
    for (const data of docs) await typedGql(pod, `mutation($data: NotesInput!) { createNotes(data: $data) { id } }`, { data: { ...data, status: data.status } });
    const got = [(await sub.next()).notesAdded, (await sub.next()).notesAdded];
    await sub.close();
    expect(got.map((g) => g.node.title)).toEqual(["a", "d"]);
    expect(got[1]).toMatchObject({ op: "CREATED", node: { status: "done", priority: 3 } });
  });

  it("podChanges merges every actor of a pod and resumes per actor", async () => {
    const pod = await createDemoPod(demo);
    const sub = await subscribe("/graphql", `subscription($pod: String!, $after: String) { podChanges(pod: $pod, after: $after) { cursor actorId op item { data } } }`, { pod });
    await untilPodSubscribed(pod); // every actor's feed, not only the two written below
    await typedGql(pod, `mutation { createNotes(data: { title: "n1", status: todo }) { id } }`);
    await typedGql(pod, `mutation { createEvents(data: { kind: "k1", at: "2026-01-01T00:00:00Z" }) { id } }`);
    const a = (await sub.next()).podChanges;
    const b = (await sub.next()).podChanges;
    await sub.close();
    expect([a.item.data.title ?? a.item.data.kind, b.item.data.title ?? b.item.data.kind].sort()).toEqual(["k1", "n1"]);
    await typedGql(pod, `mutation { createNotes(data: { title: "n2", status: todo }) { id } }`);
    const resumed = await subscribe("/graphql", `subscription($pod: String!, $after: String) { podChanges(pod: $pod, after: $after) { cursor item { data } } }`, { pod, after: b.cursor });
    expect((await resumed.next()).podChanges.item.data.title).toBe("n2");
    await resumed.close();
  });
});
