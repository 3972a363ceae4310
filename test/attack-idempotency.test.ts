/**
 * Issue 11, finding 10, as the attack: a client whose create got no answer
 * (a socket error after the write committed) retries it. With an
 * idempotency key the retry answers the first result and stores nothing
 * new, on REST and on both GraphQL endpoints; the same key with another body
 * is a CONFLICT; concurrent retries store one item.
 */
import { describe, expect, it } from "vitest";
import { createPodAndActor, gql, http, typedGql } from "./helpers.js";

const count = async (base: string) => (await http("GET", `${base}/items?limit=200`)).json.items.length as number;

describe("attack: retried creates", () => {
  it("REST: the same Idempotency-Key answers the first result; another body with it is a CONFLICT", async () => {
    const { base } = await createPodAndActor();
    const first = await http("POST", `${base}/items`, { title: "once" }, { "idempotency-key": "k-1" });
    expect(first.status).toBe(201);
    const retry = await http("POST", `${base}/items`, { title: "once" }, { "idempotency-key": "k-1" });
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(await count(base)).toBe(1);
    const misuse = await http("POST", `${base}/items`, { title: "other" }, { "idempotency-key": "k-1" });
    expect(misuse.status).toBe(409);
    expect(misuse.json.code).toBe("CONFLICT");
    // Batches too; a key is per request, so a new key stores anew.
    const batch = await http("POST", `${base}/items/batch`, [{ title: "a" }, { title: "b" }], { "idempotency-key": "k-2" });
    expect((await http("POST", `${base}/items/batch`, [{ title: "a" }, { title: "b" }], { "idempotency-key": "k-2" })).json).toEqual(batch.json);
    expect(await count(base)).toBe(3);
    expect((await http("POST", `${base}/items`, { title: "once" }, { "idempotency-key": "k-3" })).status).toBe(201);
    expect(await count(base)).toBe(4);
  });

  it("concurrent retries with one key store one item", async () => {
    const { base } = await createPodAndActor();
    const answers = await Promise.all(Array.from({ length: 8 }, () => http("POST", `${base}/items`, { title: "race" }, { "idempotency-key": "same" })));
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    expect(await count(base)).toBe(1);
  });

  it("GraphQL: idempotencyKey on createItem, createItems and the typed create mutations", async () => {
    const { podName, actorId, base } = await createPodAndActor(undefined, "notes");
    const create = `mutation($pod: String!, $actor: ID!, $key: String) { createItem(pod: $pod, actor: $actor, data: { title: "g" }, idempotencyKey: $key) { id } }`;
    const a = await gql(create, { pod: podName, actor: actorId, key: "g-1" });
    const b = await gql(create, { pod: podName, actor: actorId, key: "g-1" });
    expect(b.data.createItem.id).toBe(a.data.createItem.id);
    const typed = `mutation($key: String) { createNotes(data: { title: "t" }, idempotencyKey: $key) { id } }`;
    const c = await typedGql(podName, typed, { key: "t-1" });
    const d = await typedGql(podName, typed, { key: "t-1" });
    expect(c.errors).toBeUndefined();
    expect(d.data.createNotes.id).toBe(c.data.createNotes.id);
    expect(await count(base)).toBe(2);
    const bad = await gql(create, { pod: podName, actor: actorId, key: "" });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
