/**
 * The benchmark sections that run against a live gateway (wrangler dev on
 * loopback): inserts, list overhead, and fan-out with relations.
 */
import { Client, timed } from "./client.js";
import { median } from "./stats.js";

const NOTE = { type: "object", required: ["title"], properties: { title: { type: "string" }, n: { type: "integer", minimum: 0, maximum: 1000000 }, tag: { type: "string" } } };

async function newPod(client: Client, actors: { name: string; schema: unknown; indexes?: string[] }[]) {
  const { podName } = await client.json("POST", "/pods", {});
  const ids: Record<string, string> = {};
  for (const a of actors) ids[a.name] = (await client.json("POST", `/pods/${podName}/actors`, { name: a.name, config: { actorType: "store", version: "v1", schema: a.schema, indexes: a.indexes ?? [] } })).actorId;
  return { pod: podName as string, ids };
}

/** 1. Inserting `count` items: one by one over REST, one by one over typed GraphQL, and createMany batches of 500. */
export async function benchInserts(client: Client, count: number, runs: number) {
  const rest: number[] = [];
  const graphql: number[] = [];
  const batched: number[] = [];
  for (let r = 0; r < runs; r++) {
    const { pod, ids } = await newPod(client, [{ name: "notes", schema: NOTE }]);
    rest.push(
      (await timed(async () => {
        for (let i = 0; i < count; i++) await client.json("POST", `/pods/${pod}/actors/${ids.notes}/items`, { title: `t${i}`, n: i });
      })).ms,
    );
    graphql.push(
      (await timed(async () => {
        for (let i = 0; i < count; i++) await client.graphql(`/pods/${pod}/graphql`, `mutation($d: NotesInput!) { createNotes(data: $d) { id } }`, { d: { title: `t${i}`, n: i } });
      })).ms,
    );
    batched.push(
      (await timed(async () => {
        for (let i = 0; i < count; i += 500) {
          const data = Array.from({ length: Math.min(500, count - i) }, (_, j) => ({ title: `t${i + j}`, n: i + j }));
          await client.graphql(`/pods/${pod}/graphql`, `mutation($d: [NotesInput!]!) { createManyNotes(data: $d) { id } }`, { d: data });
        }
      })).ms,
    );
  }
  const perSecond = (ms: number) => Math.round((count / ms) * 1000);
  return {
    items: count,
    runs,
    restOneByOneMs: median(rest),
    graphqlOneByOneMs: median(graphql),
    createManyMs: median(batched),
    restItemsPerSecond: perSecond(median(rest)),
    graphqlItemsPerSecond: perSecond(median(graphql)),
    createManyItemsPerSecond: perSecond(median(batched)),
    createManySpeedupOverRest: median(rest) / median(batched),
  };
}

/** 2. Listing 100 items of one actor: REST vs typed GraphQL (same items, all fields), interleaved. */
export async function benchList(client: Client, rounds: number) {
  const { pod, ids } = await newPod(client, [{ name: "notes", schema: NOTE }]);
  await client.json("POST", `/pods/${pod}/actors/${ids.notes}/items/batch`, Array.from({ length: 100 }, (_, i) => ({ title: `t${i}`, n: i, tag: i % 2 ? "odd" : "even" })));
  const query = `{ notes(first: 100) { nodes { id title n tag _meta { createdAt rev } } } }`;
  // The profile behind the ratio: the HTTP floor of wrangler dev (no object, no GraphQL), Yoga's
  // per-request floor (a query that touches nothing), and the typed list with one field vs all.
  const cases = {
    rest: () => client.json("GET", `/pods/${pod}/actors/${ids.notes}/items?limit=100`),
    graphql: () => client.graphql(`/pods/${pod}/graphql`, query),
    httpFloor: () => client.json("GET", "/"),
    yogaFloor: () => client.graphql("/graphql", "{ __typename }"),
    graphqlIdsOnly: () => client.graphql(`/pods/${pod}/graphql`, `{ notes(first: 100) { nodes { id } } }`),
  };
  type Case = keyof typeof cases;
  const names = Object.keys(cases) as Case[];
  const times = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<Case, number[]>;
  for (let i = 0; i < 20; i++) for (const name of names) await cases[name]();
  for (let i = 0; i < rounds; i++) for (const name of names) times[name].push((await timed(cases[name])).ms);
  const m = Object.fromEntries(names.map((k) => [k, median(times[k])])) as Record<Case, number>;
  return {
    items: 100,
    rounds,
    restMs: m.rest,
    graphqlMs: m.graphql,
    graphqlOverRest: m.graphql / m.rest,
    profile: { httpFloorMs: m.httpFloor, yogaFloorMs: m.yogaFloor, graphqlIdsOnlyMs: m.graphqlIdsOnly },
  };
}

/** 3. A query over 50 actors × 20 items with a relation per item: batched loaders vs deliberately unbatched ones. */
export async function benchFanOut(client: Client, rounds: number) {
  const posts = Array.from({ length: 50 }, (_, i) => `posts${i}`);
  const postSchema = { type: "object", properties: { title: { type: "string" }, authorId: { type: "string", "x-ref": "users" } } };
  const { pod, ids } = await newPod(client, [{ name: "users", schema: { type: "object", properties: { name: { type: "string" } } } }, ...posts.map((name) => ({ name, schema: postSchema }))]);
  const users = (await client.json("POST", `/pods/${pod}/actors/${ids.users}/items/batch`, Array.from({ length: 100 }, (_, i) => ({ name: `user${i}` })))).items.map((i: { id: string }) => i.id);
  for (const [p, name] of posts.entries()) {
    await client.json("POST", `/pods/${pod}/actors/${ids[name]}/items/batch`, Array.from({ length: 20 }, (_, i) => ({ title: `${name}-${i}`, authorId: users[(p * 20 + i) % 100] })));
  }
  const query = `{ ${posts.map((name) => `${name}(first: 20) { nodes { title author { name } } }`).join(" ")} }`;
  const measure = async (headers: Record<string, string>) => {
    const times: number[] = [];
    let calls = 0;
    for (let i = 0; i < rounds; i++) {
      const { ms, value } = await timed(() => client.graphql(`/pods/${pod}/graphql`, query, {}, headers));
      times.push(ms);
      calls = value.extensions.doCalls.store;
    }
    return { ms: median(times), storeCalls: calls };
  };
  await measure({});
  const batched = await measure({});
  const unbatched = await measure({ "x-debug-unbatched": "1" });
  return {
    actors: 50,
    itemsPerActor: 20,
    rounds,
    batched,
    unbatched,
    callReduction: unbatched.storeCalls / batched.storeCalls,
    speedup: unbatched.ms / batched.ms,
  };
}
