/**
 * Building a pod's typed schema: 100 store actors × 20 properties each, cold
 * (a fresh build, as after an actor change) and cached (the per-request
 * lookup of an already built version). Runs the gateway's own functions in
 * Node; medians over repeated runs.
 */
import { buildPodSchema, type TypedActorSpec } from "../src/typed/build-pod-schema.js";
import { cachedPodSchema, rememberPodSchema } from "../src/typed/pod-schema-cache.js";
import { parseStoreConfig } from "../src/store/store-config.js";
import { median } from "./stats.js";

export function podOfActors(actorCount: number, propertyCount: number): TypedActorSpec[] {
  const kinds = [
    { type: "string" },
    { type: "integer", minimum: 0, maximum: 1000 },
    { type: "number" },
    { type: "boolean" },
    { type: "string", format: "date-time" },
    { enum: ["draft", "published", "archived"] },
    { type: "array", items: { type: "string" } },
    { type: "object", properties: { a: { type: "string" }, b: { type: "integer" } } },
  ];
  return Array.from({ length: actorCount }, (_, a) => {
    const properties = Object.fromEntries(Array.from({ length: propertyCount }, (_, p) => [`field${p}`, kinds[p % kinds.length]]));
    const config = parseStoreConfig({ actorType: "store", version: "v1", schema: { type: "object", required: ["field0"], properties }, indexes: ["field0", "field1", "field5"] }).config;
    return { id: `01JZ${String(a).padStart(22, "0")}`, name: `actor${a}`, config, strict: true };
  });
}

export function benchSchemaBuild(runs = 15) {
  const actors = podOfActors(100, 20);
  const cold: number[] = [];
  let built = buildPodSchema(actors, 1); // warm the JIT once; every measured build is from scratch
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    built = buildPodSchema(actors, i + 2);
    cold.push(performance.now() - start);
  }
  rememberPodSchema("bench-pod", 7, built);
  const lookups = 100_000;
  const cached: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let i = 0; i < lookups; i++) if (!cachedPodSchema("bench-pod", 7)) throw new Error("cache miss");
    cached.push((performance.now() - start) / lookups);
  }
  const types = Object.keys(built.schema.getTypeMap()).length;
  return { actors: 100, propertiesPerActor: 20, graphqlTypes: types, coldBuildMs: median(cold), cachedLookupMs: median(cached) };
}
