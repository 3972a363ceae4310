/**
 * JSON Merge Patch (RFC 7386): objects merge key by key, `null` deletes,
 * anything else replaces. Keys are defined, not assigned, so a key such as
 * "__proto__" is stored as data and never changes an object's prototype.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const base: Record<string, unknown> = {};
  if (isObject(target)) for (const [key, value] of Object.entries(target)) define(base, key, value);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else define(base, key, applyMergePatch(Object.prototype.hasOwnProperty.call(base, key) ? base[key] : undefined, value));
  }
  return base;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function define(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
