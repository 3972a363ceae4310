/**
 * Typed pod schemas, cached in the isolate per pod and schema version. Every
 * request asks the pod's object for its current version (one RPC that returns
 * the actors only when the cached version is stale), so a change made through
 * any isolate shows in introspection on the very next request. The cache is a
 * bounded LRU: memory, never correctness, depends on it.
 */
import type { Env } from "../env.js";
import { podStub } from "../objects/stubs.js";
import { parseActor } from "../store/actor-record.js";
import { buildPodSchema, type PodSchema } from "./build-pod-schema.js";

const MAX_PODS = 64;
const cache = new Map<string, { version: number; built: PodSchema }>();

/** The pod's typed schema, or null when there is no such pod. */
export async function loadPodSchema(env: Env, pod: string): Promise<PodSchema | null> {
  const cached = cache.get(pod);
  const source = await podStub(env, pod).typedSchemaSource(pod, cached?.version ?? null);
  if (!source) return null;
  if (cached && source.actors === null) {
    cache.delete(pod);
    cache.set(pod, cached); // most recently used last
    return cached.built;
  }
  const actors = (source.actors ?? []).map(parseActor).map((a) => ({ id: a.id, name: a.name!, config: a.config, strict: a.strict }));
  const built = buildPodSchema(actors, source.version);
  cache.set(pod, { version: source.version, built });
  if (cache.size > MAX_PODS) cache.delete(cache.keys().next().value!);
  return built;
}

/** For benchmarks and tests: forget every cached schema. */
export function clearPodSchemaCache(): void {
  cache.clear();
}
