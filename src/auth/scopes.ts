/**
 * What a credential may do on a pod. Scopes nest: `write` includes `read`
 * (a write returns the item it stored, and a patch would otherwise reveal
 * the item it changed), `admin` includes both and manages actors and keys.
 * The gateway's admin key holds `admin` on every pod.
 */
export const SCOPES = ["read", "write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: unknown): value is Scope {
  return typeof value === "string" && (SCOPES as readonly string[]).includes(value);
}

export function grants(held: readonly Scope[], needed: Scope): boolean {
  const rank = SCOPES.indexOf(needed);
  return held.some((scope) => SCOPES.indexOf(scope) >= rank);
}
