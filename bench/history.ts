/**
 * 9. Versioned items: what keeping history costs a write, and what a list in
 * the past costs against the same list now, measured side by side.
 *
 * - A replace keeps the revision it supersedes (one more row, in the write's
 *   transaction); a create of the same document keeps none. Interleaved
 *   PUT/POST pairs on one actor give the ratio.
 * - A list of 100 `?at=` a past time reads the revisions current then from
 *   the bodies (no index); the same list now reads the items table. The actor
 *   holds `items` items, each replaced `rewrites` times after the instant.
 */
import { Client, timed } from "./client.js";
import { median } from "./stats.js";

const DOC = { type: "object", properties: { title: { type: "string" }, n: { type: "integer" }, tag: { type: "string" } } };

export async function benchHistory(client: Client, { rounds, items, rewrites }: { rounds: number; items: number; rewrites: number }) {
  const { podName } = await client.json("POST", "/pods", {});
  const actor = (await client.json("POST", `/pods/${podName}/actors`, { config: { actorType: "store", version: "v1", schema: DOC, indexes: ["tag"] } })).actorId as string;
  const base = `/pods/${podName}/actors/${actor}/items`;

  const ids: string[] = [];
  for (let i = 0; i < items; i += 500) {
    const batch = Array.from({ length: Math.min(500, items - i) }, (_, j) => ({ title: `t${i + j}`, n: i + j, tag: (i + j) % 2 ? "odd" : "even" }));
    ids.push(...((await client.json("POST", `${base}/batch`, batch)).items as { id: string }[]).map((x) => x.id));
  }
  await new Promise((r) => setTimeout(r, 5));
  const past = Date.now();
  await new Promise((r) => setTimeout(r, 5));

  // Writes: interleaved, so both kinds meet the same machine load.
  const creates: number[] = [];
  const replaces: number[] = [];
  for (let r = 0; r < rounds; r++) {
    creates.push((await timed(() => client.json("POST", base, { title: `c${r}`, n: r, tag: "new" }))).ms);
    replaces.push((await timed(() => client.json("PUT", `${base}/${ids[r % ids.length]}`, { title: `r${r}`, n: r, tag: "odd" }))).ms);
  }
  // Give the actor a real history: every item rewritten after the instant.
  for (let w = 0; w < rewrites; w++) {
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(ids.slice(i, i + 50).map((id, j) => client.json("PATCH", `${base}/${id}`, { n: w * 10_000 + i + j })));
    }
  }
  const now: number[] = [];
  const then: number[] = [];
  for (let r = 0; r < rounds; r++) {
    now.push((await timed(() => client.json("GET", `${base}?limit=100`))).ms);
    then.push((await timed(() => client.json("GET", `${base}?limit=100&at=${past}`))).ms);
  }
  const floor: number[] = [];
  for (let r = 0; r < rounds; r++) floor.push((await timed(() => fetch(client.url + "/").then((res) => res.text()))).ms);
  return {
    rounds,
    items,
    rewrites,
    createMs: median(creates),
    replaceMs: median(replaces),
    replaceOverCreate: median(replaces) / median(creates),
    listNowMs: median(now),
    listPastMs: median(then),
    pastOverNow: median(then) / median(now),
    httpFloorMs: median(floor),
  };
}
