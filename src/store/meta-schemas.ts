/**
 * The draft 2020-12 and draft-07 meta-schemas, preloaded into every document
 * validator so a user schema may `$ref` them by their canonical URL (nothing
 * is ever fetched). The JSON comes from ajv's copies, bundled at build time.
 */
import draft07 from "ajv/dist/refs/json-schema-draft-07.json";
import schema2020 from "ajv/dist/refs/json-schema-2020-12/schema.json";
import applicator from "ajv/dist/refs/json-schema-2020-12/meta/applicator.json";
import content from "ajv/dist/refs/json-schema-2020-12/meta/content.json";
import core from "ajv/dist/refs/json-schema-2020-12/meta/core.json";
import formatAnnotation from "ajv/dist/refs/json-schema-2020-12/meta/format-annotation.json";
import metaData from "ajv/dist/refs/json-schema-2020-12/meta/meta-data.json";
import unevaluated from "ajv/dist/refs/json-schema-2020-12/meta/unevaluated.json";
import validation from "ajv/dist/refs/json-schema-2020-12/meta/validation.json";

export const META_SCHEMAS: { url: string; schema: unknown }[] = [draft07, schema2020, applicator, content, core, formatAnnotation, metaData, unevaluated, validation].map((schema) => ({
  url: (schema as { $id: string }).$id.replace(/#$/, ""),
  schema,
}));
