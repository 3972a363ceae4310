/**
 * Issue 11, finding 8, as the attack: concurrent config changes to one actor,
 * each acknowledged with a 200. Every acknowledged change must survive, the
 * retention one included, and the registry must show the final version.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { storeStub } from "../src/objects/stubs.js";
import { createPodAndActor, gql, http } from "./helpers.js";

describe("attack: concurrent config changes", () => {
  it("applies five concurrent PATCHes one after another: none is lost", async () => {
    const { podName, actorId, base } = await createPodAndActor({ actorType: "store", version: "v1", schema: { type: "object", properties: { title: { type: "string" } } } });
    const changes = [
      { params: { retention_days: 30 } },
      { indexes: ["title"] },
      { format: "annotate" },
      { resources: { "https://example.com/tag.json": { type: "string" } } },
      { schema: { type: "object", properties: { title: { type: "string" }, note: { type: "string" } } } },
    ];
    const answers = await Promise.all(changes.map((change) => http("PATCH", base, change)));
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const versions = answers.map((a) => a.json.configVersion as number).sort();
    expect(versions).toEqual([2, 3, 4, 5, 6]);

    const actor = await http("GET", base);
    expect(actor.json.configVersion).toBe(6);
    expect(actor.json.config).toMatchObject({
      params: { retention_days: 30 },
      indexes: ["title"],
      format: "annotate",
      resources: { "https://example.com/tag.json": { type: "string" } },
      schema: { properties: { note: { type: "string" } } },
    });
    // The retention change took effect in the actor's object: its alarm is set once an item exists.
    expect((await http("POST", `${base}/items`, { title: "x", note: "n" })).status).toBe(201);
    const alarm = await runInDurableObject(storeStub(env, podName, actorId), (_, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();

    // GraphQL changes the format mode and resources too.
    const back = await gql(`mutation($pod: String!, $actor: ID!) { updateActor(pod: $pod, actor: $actor, format: ASSERT, resources: {}) { format resources configVersion } }`, { pod: podName, actor: actorId });
    expect(back.data.updateActor).toEqual({ format: "ASSERT", resources: {}, configVersion: 7 });
    expect((await gql(`mutation($pod: String!, $actor: ID!) { updateActor(pod: $pod, actor: $actor, format: ANNOTATE) { format } }`, { pod: podName, actor: actorId })).data.updateActor.format).toBe("ANNOTATE");
  });
});
