import { describe, expect, it } from "vitest";
import { createPodAndActor, http } from "./helpers.js";

describe("changing an actor's indexes and schema", () => {
  it("fills a new index from stored items and drops only the index when one is removed", async () => {
    const { base, podName, actorId } = await createPodAndActor();
    for (let i = 0; i < 25; i++) await http("POST", `${base}/items`, { title: `t${i % 3}`, priority: i % 5 });
    expect((await http("GET", `${base}/items?k_priority=2`)).status).toBe(400);

    const added = await http("PATCH", `/pods/${podName}/actors/${actorId}`, { indexes: ["priority"] });
    expect(added.status).toBe(200);
    expect(added.json.report).toMatchObject({ indexesAdded: ["priority"], indexesRemoved: ["metadata.type", "done"] });
    const p2 = await http("GET", `${base}/items?k_priority=2&limit=200`);
    expect(p2.json.items.map((i: any) => i.body.priority)).toEqual([2, 2, 2, 2, 2]);

    const removed = await http("PATCH", `/pods/${podName}/actors/${actorId}`, { indexes: [] });
    expect(removed.json.report.indexesRemoved).toEqual(["priority"]);
    expect((await http("GET", `${base}/items?k_priority=2`)).status).toBe(400);
    expect((await http("GET", `${base}/items?limit=200`)).json.items).toHaveLength(25);
  });

  it("refuses a schema that stored items violate, with a count and a sample, unless policy=keep", async () => {
    const { base, podName, actorId } = await createPodAndActor();
    await http("POST", `${base}/items`, { title: "short" });
    await http("POST", `${base}/items`, { title: "a much longer title" });
    const strict = { type: "object", required: ["title"], properties: { title: { type: "string", maxLength: 10 } } };
    const refused = await http("PATCH", `/pods/${podName}/actors/${actorId}`, { schema: strict });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toBe("invalid_document");
    expect(refused.json.details.violatingItems).toBe(1);
    expect(refused.json.details.sample[0].violations[0]).toMatchObject({ path: "/title", keyword: "maxLength" });
    expect((await http("GET", `/pods/${podName}/actors/${actorId}`)).json.configVersion).toBe(1);

    const kept = await http("PATCH", `/pods/${podName}/actors/${actorId}?policy=keep`, { schema: strict });
    expect(kept.status).toBe(200);
    expect(kept.json.report.violatingItems).toBe(1);
    expect(kept.json.configVersion).toBe(2);
    const items = (await http("GET", `${base}/items`)).json.items;
    expect(items.map((i: any) => [i.body.title, i.schema_version])).toEqual([["short", 1], ["a much longer title", 1]]);
    expect((await http("POST", `${base}/items`, { title: "this is too long now" })).status).toBe(400);
    const fresh = await http("POST", `${base}/items`, { title: "ok" });
    expect((await http("GET", `${base}/items/${fresh.json.id}`)).json.schema_version).toBe(2);
  });
});
