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

/** The draft, or null when `$schema` names one we do not support. */
export function schemaDraft(schema: unknown): SchemaDraft | null {
  if (schema === null || typeof schema !== "object" || !("$schema" in schema)) return "2020-12";
  const uri = (schema as { $schema: unknown }).$schema;
  if (typeof uri !== "string") return null;
  return DRAFTS[uri.replace(/#$/, "")] ?? null;
}
