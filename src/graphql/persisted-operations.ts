/**
 * Persisted operations for production frontends: the operations registered
 * through codegen.ts are bundled (schema/persisted-operations.json) and may
 * be sent by hash alone, as `extensions.persistedQuery.sha256Hash` (Apollo's
 * format) or `documentId` ("sha256:<hex>"). With PERSISTED_OPERATIONS_ONLY =
 * "true" nothing else runs, so a leaked key cannot run arbitrary queries.
 */
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import { env } from "cloudflare:workers";
import type { Plugin } from "graphql-yoga";
import type { Env } from "../env.js";
import manifest from "../../schema/persisted-operations.json";

const operations: Record<string, string> = manifest;

function operationId(params: { extensions?: Record<string, unknown> | null } & Record<string, unknown>): string | null {
  const persisted = params.extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
  const raw = typeof persisted?.sha256Hash === "string" ? persisted.sha256Hash : typeof params.documentId === "string" ? params.documentId : null;
  return raw === null ? null : raw.replace(/^sha256:/, "");
}

export function usePersistedOperationsManifest(): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (key) => operations[key] ?? null,
    extractPersistedOperationId: (params) => operationId(params as Parameters<typeof operationId>[0]),
    allowArbitraryOperations: () => (env as Env).PERSISTED_OPERATIONS_ONLY !== "true",
    customErrors: {
      notFound: { message: "Persisted operation not found: register it in codegen.ts and redeploy.", extensions: { code: "PERSISTED_QUERY_NOT_FOUND", http: { status: 400 } } },
      // Reached when a request carries neither `query` nor a hash: most often JSON sent without its content-type.
      keyNotFound: { message: 'The request has no GraphQL operation: send {"query": ...} as JSON with "content-type: application/json", or a persisted operation\'s hash.', extensions: { code: "BAD_REQUEST", http: { status: 400 } } },
      persistedQueryOnly: { message: "This gateway runs persisted operations only: send the operation's hash.", extensions: { code: "PERSISTED_QUERY_ONLY", http: { status: 400 } } },
    },
  }) as Plugin;
}
