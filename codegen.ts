/**
 * GraphQL Code Generator: typed documents (TypedDocumentNode) for the tests
 * and examples, from the printed schemas in schema/.
 *   npm run codegen            regenerate
 *   npm run codegen -- --check fail when a generated file is out of date (part of npm test)
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const clientPreset = {
  preset: "client",
  presetConfig: { fragmentMasking: false },
  config: { useTypeImports: true, enumsAsTypes: true, scalars: { JSON: "unknown", DateTime: "string", Date: "string", EmailAddress: "string", URI: "string" } },
} as const;

const config: CodegenConfig = {
  overwrite: true,
  emitLegacyCommonJSImports: false,
  generates: {
    // Operations on the global schema (/graphql).
    "test/generated/global/": { schema: "schema/schema.graphql", documents: "test/documents/global/*.graphql", ...clientPreset },
    // Operations on the example pod's typed schema (/pods/{pod}/graphql).
    "test/generated/demo-pod/": { schema: "schema/examples/demo-pod.graphql", documents: "test/documents/demo-pod/*.graphql", ...clientPreset },
    // The example frontend (examples/web), which creates a pod like the example pod.
    // Its operations are also registered as persisted operations (scripts/persisted-operations.mjs).
    "examples/web/generated/": {
      schema: "schema/examples/demo-pod.graphql",
      documents: "examples/web/documents/*.graphql",
      ...clientPreset,
      presetConfig: { ...clientPreset.presetConfig, persistedDocuments: { hashAlgorithm: "sha256" } },
    },
  },
};

export default config;
