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
import type { PodRecord } from "../objects/pod.js";
import { directoryStub, podStub } from "../objects/stubs.js";

export const POD_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

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
