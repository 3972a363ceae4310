/**
 * How often an actor's object writes a heartbeat line to each open change
 * stream; the Worker treats three missed heartbeats as a broken upstream and
 * resubscribes from its cursor. Set CHANGE_FEED_HEARTBEAT_MS to change it.
 */
export const DEFAULT_HEARTBEAT_MS = 10_000;

export function heartbeatMs(env: { CHANGE_FEED_HEARTBEAT_MS?: string }): number {
  const value = Number(env.CHANGE_FEED_HEARTBEAT_MS);
  return Number.isFinite(value) && value >= 50 ? value : DEFAULT_HEARTBEAT_MS;
}
