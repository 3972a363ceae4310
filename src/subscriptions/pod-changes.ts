/**
 * Every change in a pod: one feed per store actor, merged. The cursor maps
 * each actor to its last delivered sequence number (base64url JSON), so a
 * resumed subscription continues every actor where it left off; actors
 * created after the subscription started join on the next resubscription.
 */
import type { Env } from "../env.js";
import { base64urlText, textFromBase64url } from "../encoding/base64url.js";
import { GatewayError } from "../errors/gateway-error.js";
import { unwrap } from "../errors/result.js";
import { podStub, storeStub } from "../objects/stubs.js";
import type { ChangeEvent } from "../store/change.js";
import { actorChanges } from "./actor-changes.js";
import { merge, transform } from "./iterators.js";

export interface PodChange {
  actorId: string;
  event: ChangeEvent;
  cursor: string;
}

export async function podChanges(env: Env, pod: string, after: string | null): Promise<AsyncIterableIterator<PodChange>> {
  const positions = decodePodCursor(after);
  const actors = await podStub(env, pod).listActors(pod, 1000, null);
  // Without a cursor, pin every actor's starting point now, so the first cursor already covers them all.
  await Promise.all(actors.map(async (actor) => (positions[actor.id] ??= after ? 0 : unwrap(await storeStub(env, pod, actor.id).latestChange()))));
  const tagged = actors.map((actor) => transform(actorChanges(env, pod, actor.id, positions[actor.id]!), (event) => ({ actorId: actor.id, event })));
  return transform(merge(tagged), ({ actorId, event }) => {
    positions[actorId] = event.seq;
    return { actorId, event, cursor: encodePodCursor(positions) };
  });
}

function encodePodCursor(positions: Record<string, number>): string {
  return base64urlText(JSON.stringify(positions));
}

function decodePodCursor(after: string | null): Record<string, number> {
  if (!after) return {};
  try {
    const value: unknown = JSON.parse(textFromBase64url(after) ?? "");
    if (value && typeof value === "object" && Object.values(value).every((v) => Number.isInteger(v) && v >= 0)) return value as Record<string, number>;
  } catch {
    // fall through
  }
  throw new GatewayError("INVALID_CURSOR", `"after" must be a cursor from a previous podChanges event.`, { after });
}
