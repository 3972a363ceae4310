/**
 * GraphQL names for things named in JSON: deterministic, valid
 * (`/^[_A-Za-z][_0-9A-Za-z]*$/`) and collision-free in their scope. A name
 * that is taken gets the first free suffix `_2`, `_3`, ...; scopes are filled
 * in a fixed order (actors by creation, properties in schema order), so names
 * already handed out never change when actors are added.
 */
const VALID = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Replaces characters GraphQL does not allow with "_", and prefixes "_" when the name would start with a digit. */
export function sanitizeName(raw: string): string {
  let name = raw.replace(/[^_0-9A-Za-z]/g, "_");
  if (name === "") name = "_";
  if (/^[0-9]/.test(name)) name = "_" + name;
  if (name.startsWith("__")) name = "x" + name; // "__" is reserved for introspection
  return name;
}

/** `customer-address` → `CustomerAddress`; keeps inner capitals, drops separators. */
export function pascalCase(raw: string): string {
  const parts = raw.split(/[^0-9A-Za-z]+/).filter(Boolean);
  const joined = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join("");
  return sanitizeName(joined || "X");
}

/** `CustomerAddress` → `customerAddress`. */
export function camelCase(raw: string): string {
  const pascal = pascalCase(raw);
  return pascal[0]!.toLowerCase() + pascal.slice(1);
}

export class NameScope {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.used.add(name);
  }

  /** Claims `wanted` (sanitised), or the first free `wanted_N`. */
  claim(wanted: string): string {
    const base = sanitizeName(wanted);
    let name = base;
    // Sanitised again: "_" + "_2" would start with the reserved "__".
    for (let n = 2; this.used.has(name); n++) name = sanitizeName(`${base}_${n}`);
    this.used.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.used.has(name);
  }
}

export function isValidName(name: string): boolean {
  return VALID.test(name);
}
