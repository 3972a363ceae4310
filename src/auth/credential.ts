/**
 * Who is calling: read once per request from `Authorization: Bearer <token>`,
 * or, for GET requests only (an EventSource cannot set headers), from a
 * `ticket` query parameter holding a stream ticket. API keys are never taken
 * from URLs.
 */
import type { Env } from "../env.js";
import { parseApiKey } from "./api-keys.js";
import { sameSecret, sha256Hex } from "./secrets.js";
import { TICKET_PREFIX, verifyTicket, type TicketIssuer } from "./stream-tickets.js";

export type Credential =
  | { kind: "none" }
  | { kind: "admin" }
  | { kind: "key"; pod: string; keyId: string; secretHash: string }
  | { kind: "ticket"; pod: string; issuer: TicketIssuer; epoch: number }
  /** A token was sent but is not valid: it must not fall back to anonymous access. */
  | { kind: "invalid"; reason: string };

export function presentedToken(request: Request): { token: string; via: "header" | "ticket" } | null {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return { token: match ? match[1]! : "", via: "header" };
  }
  if (request.method === "GET") {
    const ticket = new URL(request.url).searchParams.get("ticket");
    if (ticket) return { token: ticket, via: "ticket" };
  }
  return null;
}

/**
 * Local open access, for running existing Paseo clients (which send no credentials) against
 * `wrangler dev`: with `LOCAL_OPEN_ACCESS = "true"` (only ever in .dev.vars), a request with no
 * credential acts with the admin key's access, but only when it was addressed to a loopback host,
 * so a deployed Worker that somehow got the setting still asks for keys.
 */
export function openAccess(request: Request, env: Env): boolean {
  if (env.LOCAL_OPEN_ACCESS !== "true") return false;
  const host = new URL(request.url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

let warned = false;

export async function readCredential(request: Request, env: Env): Promise<Credential> {
  const presented = presentedToken(request);
  if (!presented) {
    if (!openAccess(request, env)) return { kind: "none" };
    if (!warned) {
      warned = true;
      console.warn("LOCAL_OPEN_ACCESS is on: requests without a key act with the admin key's access. Never use it outside local development.");
    }
    return { kind: "admin" };
  }
  const { token, via } = presented;
  if (!token) return { kind: "invalid", reason: `The Authorization header must be "Bearer <key>".` };
  if (token.startsWith(TICKET_PREFIX)) {
    const ticket = env.ADMIN_KEY ? await verifyTicket(env.ADMIN_KEY, token) : null;
    if (!ticket) return { kind: "invalid", reason: "The stream ticket is not valid or has expired; request a new one." };
    return { kind: "ticket", pod: ticket.pod, issuer: ticket.issuer, epoch: ticket.epoch };
  }
  if (via === "ticket") return { kind: "invalid", reason: `The "ticket" parameter takes a stream ticket, never an API key.` };
  const key = parseApiKey(token);
  if (key) return { kind: "key", pod: key.pod, keyId: key.keyId, secretHash: await sha256Hex(key.secret) };
  if (env.ADMIN_KEY && (await sameSecret(token, env.ADMIN_KEY))) return { kind: "admin" };
  return { kind: "invalid", reason: "The API key is not valid." };
}
