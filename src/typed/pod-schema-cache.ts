/**
 * Typed pod schemas, cached in the isolate per pod and schema version. Every
 * request asks the pod's object for its current version (one RPC that returns
 * the actors only when the cached version is stale), so a change made through
 * any isolate shows in introspection on the very next request. The cache is a
 * bounded LRU: memory, never correctness, depends on it.
 */
import { parseActor } from "../store/actor-record.js";
import { buildPodSchema, type PodSchema } from "./build-pod-schema.js";

const MAX_PODS = 64;
const cache = new Map<string, { version: number; built: PodSchema }>();

export type { PodSchemaSource } from "../objects/actor-registry.js";
import type { PodSchemaSource } from "../objects/actor-registry.js";

/** The schema for `source`: the cached one when its version is current, else a fresh build (then cached). */
export function podSchemaFrom(pod: string, source: PodSchemaSource): PodSchema {
  if (source.actors === null) {
    const cached = cachedPodSchema(pod, source.version);
    if (cached) return cached;
  }
  const actors = (source.actors ?? []).map(parseActor).map((a) => ({ id: a.id, name: a.name!, config: a.config, strict: a.strict }));
  const built = buildPodSchema(actors, source.version);
  rememberPodSchema(pod, source.version, built);
  return built;
}

/** The most recent schema cached for `pod`, whatever its version (for speculative execution of queries). */
export function latestPodSchema(pod: string): { version: number; built: PodSchema } | null {
  return cache.get(pod) ?? null;
}

/** The cached schema of `pod` at `version`, marked most recently used; null on a miss. */
export function cachedPodSchema(pod: string, version: number): PodSchema | null {
  const entry = cache.get(pod);
  if (!entry || entry.version !== version) return null;
  cache.delete(pod);
  cache.set(pod, entry);
  return entry.built;
}

export function rememberPodSchema(pod: string, version: number, built: PodSchema): void {
  cache.delete(pod);
  cache.set(pod, { version, built });
  if (cache.size > MAX_PODS) cache.delete(cache.keys().next().value!);
}
