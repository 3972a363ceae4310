/**
 * Which JSON Schema draft an actor's schema is written in: draft 2020-12 by
 * default, draft-07 when its `$schema` says so. Other drafts are refused so
 * validation never silently uses the wrong rules.
 */
export type SchemaDraft = "2020-12" | "7";

const DRAFTS: Record<string, SchemaDraft> = {
  "https://json-schema.org/draft/2020-12/schema": "2020-12",
  "http://json-schema.org/draft-07/schema": "7",
};

/**
 * The draft, or null when `$schema` names one we do not support. A custom
 * meta-schema given in the actor's `resources` (one that picks vocabularies,
 * say) is followed to the draft its own `$schema` names, a few steps at most.
 */
export function schemaDraft(schema: unknown, resources: Record<string, unknown> = {}): SchemaDraft | null {
  let node = schema;
  for (let step = 0; step < 4; step++) {
    if (node === null || typeof node !== "object" || !("$schema" in node)) return "2020-12";
    const uri = (node as { $schema: unknown }).$schema;
    if (typeof uri !== "string") return null;
    const known = DRAFTS[uri.replace(/#$/, "")];
    if (known) return known;
    node = resources[uri] ?? resources[uri.replace(/#$/, "")];
    if (node === undefined) return null;
  }
  return null;
}
