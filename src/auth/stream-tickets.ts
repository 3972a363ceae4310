/**
 * Stream tickets: how an `EventSource`, which cannot send headers, proves
 * its access without putting an API key in a URL. A client holding a key
 * asks for a ticket (POST, key in the Authorization header) and opens the
 * stream with `?ticket=`. A ticket opens one pod's subscriptions (nothing
 * else: no query, no mutation, no REST call, no new ticket), expires after
 * LIMITS.streamTicketTtlMs, and is always bound to something revocable:
 * - issued to a pod key: that key, so revoking the key voids it;
 * - issued to the admin key, or anonymously on a public pod: the pod's ticket
 *   epoch at issue, which `revokeStreamTickets` and turning public read off
 *   move on; an anonymous ticket also needs the pod to be public still.
 * URLs end up in logs and histories; a ticket found there is useless a minute
 * later, or at once after a revocation.
 *
 * Tickets are HMAC-signed (key derived from ADMIN_KEY), so any isolate can
 * check one without shared state.
 */
import { LIMITS } from "../limits.js";
import { base64url, base64urlText, fromBase64url } from "../encoding/base64url.js";

export const TICKET_PREFIX = "gwt_";

/** Whom a ticket was issued to. */
export type TicketIssuer = { kind: "key"; keyId: string } | { kind: "admin" } | { kind: "public" };

export interface StreamTicket {
  pod: string;
  issuer: TicketIssuer;
  /** The pod's ticket epoch when it was issued: a later epoch voids it. */
  epoch: number;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

const keys = new Map<string, Promise<CryptoKey>>();

function signingKey(adminKey: string): Promise<CryptoKey> {
  let key = keys.get(adminKey);
  if (!key) {
    const material = new TextEncoder().encode(`stream-ticket:v1:${adminKey}`);
    key = crypto.subtle.importKey("raw", material, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(adminKey, key);
  }
  return key;
}

export async function issueTicket(adminKey: string, pod: string, issuer: TicketIssuer, epoch: number, now = Date.now()): Promise<{ ticket: string; expiresAt: number }> {
  const expiresAt = now + LIMITS.streamTicketTtlMs;
  const payload = base64urlText(JSON.stringify({ p: pod, i: issuer, v: epoch, e: expiresAt }));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await signingKey(adminKey), new TextEncoder().encode(payload)));
  return { ticket: `${TICKET_PREFIX}${payload}.${base64url(mac)}`, expiresAt };
}

/** The ticket's claims when its signature holds and it has not expired; otherwise null. */
export async function verifyTicket(adminKey: string, token: string, now = Date.now()): Promise<StreamTicket | null> {
  if (!token.startsWith(TICKET_PREFIX)) return null;
  const [payload, mac, ...rest] = token.slice(TICKET_PREFIX.length).split(".");
  if (rest.length || !payload || !mac) return null;
  const signature = fromBase64url(mac);
  const body = fromBase64url(payload);
  if (!signature || !body) return null;
  const valid = await crypto.subtle.verify("HMAC", await signingKey(adminKey), signature, new TextEncoder().encode(payload));
  if (!valid) return null;
  const claims = JSON.parse(new TextDecoder().decode(body)) as { p: string; i?: TicketIssuer; v?: number; e: number };
  // Tickets of the first format name no issuer: they cannot be bound, so they are not honoured.
  if (claims.e <= now || !claims.i || typeof claims.v !== "number") return null;
  return { pod: claims.p, issuer: claims.i, epoch: claims.v, expiresAt: claims.e };
}
