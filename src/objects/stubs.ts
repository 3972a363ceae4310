/** How names map to Durable Objects: the one place that knows the naming scheme. */
import type { Env } from "../env.js";

export const DIRECTORY_NAME = "directory";

export function directoryStub(env: Env) {
  return env.DIRECTORY.getByName(DIRECTORY_NAME);
}

export function podStub(env: Env, pod: string) {
  return env.PODS.getByName(pod);
}

/** A store actor's object is named by its pod and id, so ids need only be unique within a pod. */
export function storeStub(env: Env, pod: string, actorId: string) {
  return env.STORES.getByName(`${pod}/${actorId}`);
}
