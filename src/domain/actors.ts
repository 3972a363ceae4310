/** Actor operations shared by REST and GraphQL. The pod's object owns the registry. */
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { unwrap } from "../errors/result.js";
import type { ActorChange } from "../objects/pod.js";
import { parseActor, type ActorRecord } from "../store/actor-record.js";
import { podStub } from "../objects/stubs.js";
import type { ReconfigureReport, SchemaChangePolicy } from "../store/item.js";
import { POD_NAME_PATTERN, requirePod } from "./pods.js";

export async function createActor(env: Env, pod: string, config: unknown, name?: string | null): Promise<ActorRecord> {
  await requirePod(env, pod);
  return parseActor(unwrap(await podStub(env, pod).createActor(pod, { config, name: name ?? null })));
}

export async function updateActor(env: Env, pod: string, actor: string, change: ActorChange, policy: SchemaChangePolicy): Promise<{ actor: ActorRecord; report: ReconfigureReport }> {
  const record = await requireActor(env, pod, actor);
  const { actor: entry, report } = unwrap(await podStub(env, pod).updateActor(pod, record.id, change, policy));
  return { actor: parseActor(entry), report };
}

/** The actor with this id or name; NOT_FOUND when the pod or the actor does not exist. */
export async function requireActor(env: Env, pod: string, key: string): Promise<ActorRecord> {
  const [record] = POD_NAME_PATTERN.test(pod) ? await podStub(env, pod).getActors(pod, [key]) : [null];
  if (record) return parseActor(record);
  await requirePod(env, pod); // says "pod not found" when that is the cause
  throw new GatewayError("NOT_FOUND", `Actor "${key}" not found in pod "${pod}".`, { pod, actor: key });
}
