/** Base64url without padding (RFC 4648 §5): the one encoding for cursors, tokens and tickets. */
export function base64url(bytes: Uint8Array): string {
  let binary = "";
  // Chunks keep String.fromCharCode's argument count far below engine limits.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Base64url of a string's UTF-8 bytes. */
export function base64urlText(text: string): string {
  return base64url(new TextEncoder().encode(text));
}

/** The bytes, or null when `text` is not base64url. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  } catch {
    return null;
  }
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The UTF-8 text whose bytes `text` encodes; null when it is not base64url of UTF-8. */
export function textFromBase64url(text: string): string | null {
  const bytes = fromBase64url(text);
  if (!bytes) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
