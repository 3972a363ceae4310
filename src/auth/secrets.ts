/**
 * Helpers for secrets: random tokens, SHA-256 digests and a
 * constant-time comparison (workerd's `crypto.subtle.timingSafeEqual`), so a
 * key check takes the same time whichever byte differs.
 */
import { base64url } from "../encoding/base64url.js";

/** workerd's constant-time comparison; the Node typings loaded for the tests shadow its declaration. */
const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean };

export function randomToken(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

export async function sha256Hex(text: string): Promise<string> {
  return Array.from(await sha256(text), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compares two strings in time that depends only on their lengths' digests, never on where they differ. */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([sha256(a), sha256(b)]);
  return subtle.timingSafeEqual(x, y);
}

export function sameBytesHex(a: string, b: string): boolean {
  const encoder = new TextEncoder();
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  // timingSafeEqual needs equal lengths; hex digests of one algorithm always are.
  if (x.byteLength !== y.byteLength) return false;
  return subtle.timingSafeEqual(x, y);
}
