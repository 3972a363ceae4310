/**
 * Pod API keys: `gwk_<pod>.<keyId>.<secret>`. The pod and key id are public
 * routing data (which object to ask, which row to compare); only the secret
 * is private, and only its SHA-256 digest is stored. A 256-bit random secret
 * needs no slow hash: there is nothing to brute-force.
 */
import { POD_NAME_PATTERN } from "../names.js";
import { randomToken, sha256Hex } from "./secrets.js";

export const API_KEY_PREFIX = "gwk_";
const KEY_ID = /^[A-Za-z0-9_-]{12}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export interface ParsedApiKey {
  pod: string;
  keyId: string;
  secret: string;
}

export function parseApiKey(token: string): ParsedApiKey | null {
  if (!token.startsWith(API_KEY_PREFIX)) return null;
  const [pod, keyId, secret, ...rest] = token.slice(API_KEY_PREFIX.length).split(".");
  if (rest.length || !pod || !keyId || !secret) return null;
  if (!POD_NAME_PATTERN.test(pod) || !KEY_ID.test(keyId) || !SECRET.test(secret)) return null;
  return { pod, keyId, secret };
}

/** A new key for a pod: the token to show once, and what to store. */
export async function newApiKey(pod: string): Promise<{ token: string; keyId: string; secretHash: string }> {
  const keyId = randomToken(9);
  const secret = randomToken(32);
  return { token: `${API_KEY_PREFIX}${pod}.${keyId}.${secret}`, keyId, secretHash: await sha256Hex(secret) };
}
