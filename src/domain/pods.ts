/**
 * Pod operations shared by REST and GraphQL. Creation claims the name in the
 * directory first (the single point that guarantees uniqueness), then writes
 * the pod's own record; the record write is idempotent, so a retry completes a
 * half-finished creation.
 */
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { unwrap } from "../errors/result.js";
import type { PodEntry } from "../objects/directory.js";
import type { PodRecord } from "../objects/pod-meta.js";
import { directoryStub, podStub, storeStub } from "../objects/stubs.js";
import { POD_NAME_PATTERN } from "../names.js";


export function checkPodName(name: string): void {
  if (!POD_NAME_PATTERN.test(name)) {
    throw new GatewayError("BAD_USER_INPUT", `Pod name "${name}" must be 1-63 characters of lowercase letters, digits and "-", starting with a letter or digit.`, { field: "name" });
  }
}

function generatePodName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return "pod-" + Array.from(bytes, (b) => "abcdefghijklmnopqrstuvwxyz234567"[b % 32]).join("");
}

export async function createPod(env: Env, name?: string | null): Promise<PodRecord> {
  const podName = name ?? generatePodName();
  checkPodName(podName);
  const createdAt = Date.now();
  unwrap(await directoryStub(env).claim(podName, createdAt));
  return podStub(env, podName).init(podName, createdAt);
}

/** The pod's record; NOT_FOUND when there is no such pod. Never creates one. */
export async function requirePod(env: Env, name: string): Promise<PodRecord> {
  const record = POD_NAME_PATTERN.test(name) ? await podStub(env, name).info() : null;
  if (!record) throw new GatewayError("NOT_FOUND", `Pod "${name}" not found.`, { pod: name });
  return record;
}

export async function listPods(env: Env, limit: number, after: string | null): Promise<PodEntry[]> {
  return directoryStub(env).list(limit, after);
}

/**
 * Deletes a pod: every actor's storage, then the pod's own (keys, registry, leases), then its name
 * in the directory, which frees the name last. Open streams end: on its actors at once, the others
 * at their next access check. Idempotent: deleting a pod that is gone answers the same.
 */
export async function deletePod(env: Env, name: string): Promise<{ pod: string; deleted: true }> {
  checkPodName(name);
  const pod = podStub(env, name);
  // A pod whose record is gone was deleted already (perhaps all but its directory entry): finish that.
  if (await pod.info()) {
    for (;;) {
      const actors = await pod.listActors(name, 100, null);
      if (actors.length === 0) break;
      await Promise.all(
        actors.map(async (actor) => {
          await storeStub(env, name, actor.id).destroy();
          await pod.removeActor(actor.id);
        }),
      );
    }
    await pod.destroy();
  }
  await directoryStub(env).release(name);
  return { pod: name, deleted: true };
}
