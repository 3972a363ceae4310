/**
 * Waits on what the Durable Objects hold, for the workerd tests (test/sync.ts
 * has the runtime-neutral waits these build on).
 *
 * "The subscription has reached the object" means: the actor's change feed has
 * it as a live subscriber (StoreActor.changeListenerCount). A subscription's
 * SSE response, and even Yoga's first `:` ping, come before that: the upstream
 * connects on the stream's first pull (subscriptions/actor-changes.ts), so a
 * write sent right after the response may come before the subscription's
 * "from now on" and never be delivered.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { podStub, storeStub } from "../src/objects/stubs.js";
import { waitUntil } from "./sync.js";

/** Live subscribers of one actor's change feed. */
export function changeListeners(pod: string, actorId: string): Promise<number> {
  return storeStub(env, pod, actorId).changeListenerCount();
}

/** Waits until the actor's change feed has at least `count` live subscribers (one per open subscription on it). */
export async function untilSubscribed(pod: string, actorId: string, count = 1, timeoutMs = 10_000): Promise<void> {
  await waitUntil(async () => (await changeListeners(pod, actorId)) >= count, { what: `${count} live subscriber(s) on the change feed of ${pod}/${actorId}`, timeoutMs });
}

/** Waits until the actor's change feed has at most `count` live subscribers: closed subscriptions have let go of it. */
export async function untilUnsubscribed(pod: string, actorId: string, count = 0, timeoutMs = 10_000): Promise<void> {
  await waitUntil(async () => (await changeListeners(pod, actorId)) <= count, { what: `the change feed of ${pod}/${actorId} to drop to ${count} live subscriber(s)`, timeoutMs });
}

/** The id of the pod's actor named `name` (typed subscriptions name actors, the feeds are per id). */
export async function actorIdOf(pod: string, name: string): Promise<string> {
  const actor = (await podStub(env, pod).listActors(pod, 1000, null)).find((a) => a.name === name);
  if (!actor) throw new Error(`pod ${pod} has no actor named ${name}`);
  return actor.id;
}

/** Waits until every actor of the pod has a live subscriber on its change feed (a podChanges subscription has reached them all). */
export async function untilPodSubscribed(pod: string, timeoutMs = 10_000): Promise<void> {
  const actors = await podStub(env, pod).listActors(pod, 1000, null);
  if (actors.length === 0) throw new Error(`pod ${pod} has no actors to subscribe to`);
  for (const actor of actors) await untilSubscribed(pod, actor.id, 1, timeoutMs);
}

/** The pod's stream leases (domain/stream-leases.ts) as they are stored: id, holder and expiry. */
export function streamLeases(pod: string): Promise<{ id: string; holder: string; expiresAt: number }[]> {
  return runInDurableObject(podStub(env, pod), (_instance, state) => {
    const exists = state.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stream_leases'").toArray().length > 0;
    if (!exists) return [];
    return state.storage.sql
      .exec<{ id: string; holder: string; expires_at: number }>("SELECT id, holder, expires_at FROM stream_leases ORDER BY id")
      .toArray()
      .map((r) => ({ id: r.id, holder: r.holder, expiresAt: r.expires_at }));
  });
}

/**
 * Waits until a stream of `holder` on the pod has renewed its lease: the stream's
 * access recheck (graphql/use-stream-access.ts) has run and passed, since a recheck
 * renews the leases only after the credential checked out.
 */
export async function untilLeaseRenewed(pod: string, holder: string, timeoutMs: number): Promise<void> {
  const taken = await waitUntil(async () => {
    const held = (await streamLeases(pod)).filter((l) => l.holder === holder);
    return held.length > 0 ? held : null;
  }, { what: `a stream lease of ${holder} on ${pod}`, timeoutMs });
  const first = new Map(taken.map((l) => [l.id, l.expiresAt]));
  await waitUntil(async () => (await streamLeases(pod)).some((l) => first.has(l.id) && l.expiresAt > first.get(l.id)!), {
    what: `a lease of ${holder} on ${pod} to be renewed by the stream's access recheck`,
    timeoutMs,
    intervalMs: 50,
  });
}
