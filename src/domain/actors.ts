/** Actor operations shared by REST and GraphQL. The pod's object owns the registry. */
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { unwrap } from "../errors/result.js";
import type { ActorChange } from "../objects/pod.js";
import { parseActor, type ActorRecord } from "../store/actor-record.js";
import { podStub, storeStub } from "../objects/stubs.js";
import type { ReconfigureReport, SchemaChangePolicy, StoreState, StoredItem } from "../store/item.js";
import { LIMITS } from "../limits.js";
import { tooDeepAt } from "../store/json-depth.js";
import { POD_NAME_PATTERN } from "../names.js";
import { requirePod } from "./pods.js";
import type { Author } from "../store/revision.js";

export async function createActor(env: Env, pod: string, config: unknown, name?: string | null): Promise<ActorRecord> {
  await requirePod(env, pod);
  checkDepth(config);
  return parseActor(unwrap(await podStub(env, pod).createActor(pod, { config, name: name ?? null })));
}

export async function updateActor(env: Env, pod: string, actor: string, change: ActorChange, policy: SchemaChangePolicy): Promise<{ actor: ActorRecord; report: ReconfigureReport }> {
  const record = await requireActor(env, pod, actor);
  checkDepth(change);
  const { actor: entry, report } = unwrap(await podStub(env, pod).updateActor(pod, record.id, change, policy));
  return { actor: parseActor(entry), report };
}

/** Refuses a config too deeply nested to send to the pod's object, in the shape of the other config problems. */
function checkDepth(config: unknown): void {
  const at = tooDeepAt(config);
  if (at !== null) {
    const message = `nests arrays and objects more than ${LIMITS.maxJsonDepth} levels deep`;
    throw new GatewayError("INVALID_CONFIG", `Invalid actor config: ${at || "/"}: ${message}`, [{ path: at, message }]);
  }
}

/** The actor with this id or name; NOT_FOUND when the pod or the actor does not exist. */
export async function requireActor(env: Env, pod: string, key: string): Promise<ActorRecord> {
  const [record] = POD_NAME_PATTERN.test(pod) ? await podStub(env, pod).getActors(pod, [key]) : [null];
  if (record) return parseActor(record);
  await requirePod(env, pod); // says "pod not found" when that is the cause
  throw new GatewayError("NOT_FOUND", `Actor "${key}" not found in pod "${pod}".`, { pod, actor: key });
}

/** The actor's status from its object: item count, config version, and problems today's checks find in its stored config. */
export async function actorState(env: Env, pod: string, actor: string): Promise<StoreState> {
  return unwrap(await storeStub(env, pod, actor).state());
}

/**
 * Deletes an actor: its object's storage first (items, history, change log; open streams on it
 * end), then its registry entry, so a failure part way leaves an entry a retry can delete again,
 * never stored data nothing points to. Idempotent: deleting an actor that is gone answers the same.
 */
export async function deleteActor(env: Env, pod: string, actor: string): Promise<{ pod: string; actor: string; deleted: true }> {
  await requirePod(env, pod);
  const [record] = await podStub(env, pod).getActors(pod, [actor]);
  if (record) {
    await storeStub(env, pod, record.id).destroy();
    await podStub(env, pod).removeActor(record.id);
  }
  return { pod, actor, deleted: true };
}

/**
 * Forks an actor: a new actor in the same pod with the same config, holding the items as they
 * were at `asOf` (now when null), under the same ids, each as its revision 1. Items are copied
 * in pages, one page per call to each object, so other requests are served meanwhile.
 */
export async function forkActor(env: Env, pod: string, actor: string, input: { name: string | null; asOf: number | null; by: Author }): Promise<{ actor: ActorRecord; items: number }> {
  const source = await requireActor(env, pod, actor);
  if (input.asOf !== null && input.asOf > Date.now()) throw new GatewayError("BAD_USER_INPUT", `"asOf" is in the future.`, { argument: "asOf" });
  const fork = await createActor(env, pod, source.config, input.name);
  const from = storeStub(env, pod, source.id);
  const to = storeStub(env, pod, fork.id);
  let after: string | null = null;
  let copied = 0;
  for (;;) {
    const page: StoredItem[] = unwrap(await from.exportItems(input.asOf, after, LIMITS.forkPageItems));
    if (page.length === 0) break;
    copied += unwrap(await to.importItems(page.map((item) => ({ id: item.id, body: item.body })), { by: input.by }));
    after = page[page.length - 1]!.id;
  }
  return { actor: fork, items: copied };
}
