/**
 * Access management shared by GraphQL and REST: pod API keys (shown once,
 * stored as hashes), public read, and stream tickets for EventSource.
 * Callers have already checked the caller's scope.
 */
import { newApiKey } from "../auth/api-keys.js";
import type { Authorizer } from "./authorizer.js";
import { isScope, type Scope } from "../auth/scopes.js";
import { issueTicket } from "../auth/stream-tickets.js";
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { unwrap } from "../errors/result.js";
import { LIMITS } from "../limits.js";
import type { ApiKeyRecord } from "../objects/pod-keys.js";
import type { PodRecord } from "../objects/pod-meta.js";
import { podStub } from "../objects/stubs.js";

export async function createApiKey(env: Env, pod: string, scopes: readonly unknown[], label: string | null): Promise<{ key: string; apiKey: ApiKeyRecord }> {
  if (scopes.length === 0 || !scopes.every(isScope)) throw new GatewayError("BAD_USER_INPUT", `"scopes" must list one or more of "read", "write", "admin".`, { field: "scopes" });
  if (label !== null && label.length > LIMITS.maxKeyLabelLength) throw new GatewayError("BAD_USER_INPUT", `"label" is longer than ${LIMITS.maxKeyLabelLength} characters.`, { field: "label" });
  const fresh = await newApiKey(pod);
  const apiKey = unwrap(await podStub(env, pod).createApiKey(pod, { id: fresh.keyId, secretHash: fresh.secretHash, scopes: [...new Set(scopes as Scope[])], label }));
  return { key: fresh.token, apiKey };
}

export async function listApiKeys(env: Env, pod: string): Promise<ApiKeyRecord[]> {
  return podStub(env, pod).listApiKeys();
}

export async function revokeApiKey(env: Env, pod: string, id: string): Promise<ApiKeyRecord> {
  return unwrap(await podStub(env, pod).revokeApiKey(pod, id));
}

export async function setPublicRead(env: Env, pod: string, enabled: boolean): Promise<PodRecord> {
  return unwrap(await podStub(env, pod).setPublicRead(pod, enabled));
}

/** A short-lived read ticket for `?ticket=` on stream URLs; the caller already holds read on the pod. */
export async function createStreamTicket(env: Env, auth: Authorizer, pod: string): Promise<{ ticket: string; expiresAt: number }> {
  if (!env.ADMIN_KEY) throw new GatewayError("BAD_USER_INPUT", "Stream tickets need the gateway's ADMIN_KEY secret to be set.");
  const issuer = await auth.ticketIssuer();
  const { ticketEpoch } = await podStub(env, pod).access(null);
  return issueTicket(env.ADMIN_KEY, pod, issuer, ticketEpoch);
}

/** Voids every stream ticket the pod has issued (tickets bound to a key also end with their key). */
export async function revokeStreamTickets(env: Env, pod: string): Promise<{ pod: string; ticketEpoch: number }> {
  return unwrap(await podStub(env, pod).revokeStreamTickets(pod));
}
