/**
 * `/pods/{pod}/graphql`: the pod's typed schema. The schema version must be
 * confirmed with the pod's object on every request. For a request that only
 * reads (every operation a query), that check runs alongside execution on the
 * schema cached in this isolate: queries have no side effects, so when the
 * version turns out stale the answer is dropped and the query runs again on
 * the new schema. Mutations wait for the check.
 */
import { Kind, OperationTypeNode, parse } from "graphql";
import { Authorizer } from "../domain/authorizer.js";
import { grants } from "../auth/scopes.js";
import type { Env } from "../env.js";
import { POD_NAME_PATTERN } from "../names.js";
import { podYoga } from "../graphql/pod-yoga.js";
import { countingEnv, newCallCounts } from "../objects/call-counter.js";
import { fetchPodSchemaSource, latestPodSchema, podSchemaFrom } from "../typed/pod-schema-cache.js";
import { json, readGraphqlBody } from "./json.js";
import { graphiqlPage, htmlResponse, pageQuery, wantsPage } from "./pages.js";

export async function typedEndpoint(request: Request, env: Env, ctx: ExecutionContext, pod: string): Promise<Response> {
  const counts = newCallCounts();
  const counted = countingEnv(env, counts);
  const auth = new Authorizer(counted, request);
  // A browser opening the page sends no key: it gets GraphiQL, tailored to the pod only when it may read it.
  const page = wantsPage(request);
  if (page && !grants(await auth.scopesOn(pod).catch(() => []), "read")) {
    return htmlResponse(graphiqlPage({ title: `pod ${pod}`, defaultQuery: pageQuery(request, lockedPodQuery(pod)) }));
  }
  // Every operation here reads the pod; typed mutations also check the write scope.
  await auth.require(pod, "read");
  if (!POD_NAME_PATTERN.test(pod)) return podNotFound(pod);
  const run = async (req: Request, podSchema: ReturnType<typeof podSchemaFrom>) => {
    if (page) return htmlResponse(graphiqlPage({ title: `pod ${pod}`, defaultQuery: pageQuery(req, podDefaultQuery(pod, podSchema)) }));
    return podYoga.fetch(req, { env, ctx, pod, podSchema, counts, auth });
  };

  const cached = latestPodSchema(pod);
  const body = request.method === "POST" ? await readGraphqlBody(request) : null;
  const copy = () => new Request(request.url, { method: request.method, headers: request.headers, body });
  if (cached && readsOnly(request, body)) {
    const [source, response] = await Promise.all([fetchPodSchemaSource(counted, pod, cached.version), run(copy(), cached.built)]);
    if (!source) return podNotFound(pod);
    if (source.actors === null) return response;
    return run(copy(), podSchemaFrom(pod, source));
  }
  const source = await fetchPodSchemaSource(counted, pod, cached?.version ?? null);
  if (!source) return podNotFound(pod);
  return run(copy(), podSchemaFrom(pod, source));
}

function podDefaultQuery(pod: string, podSchema: ReturnType<typeof podSchemaFrom>): string {
  const first = podSchema.actors[0];
  if (!first) return `# Pod "${pod}" has no named store actors yet: create one through /graphql or REST.\n{ _schemaVersion }\n`;
  return `# The typed API of pod "${pod}". Subscriptions work here too, e.g.\n#   subscription { ${first.subscriptions.added} { cursor node { id } } }\n{\n  ${first.listField}(first: 10) {\n    totalCount\n    nodes { id _meta { createdAt rev } }\n  }\n}\n`;
}

function lockedPodQuery(pod: string): string {
  return `# The typed API of pod "${pod}". Add your key under Headers below:\n#   { "Authorization": "Bearer <key>" }\n# and the pod's types load at once.\n{ _schemaVersion }\n`;
}

function podNotFound(pod: string): Response {
  return json({ errors: [{ message: `Pod "${pod}" not found.`, extensions: { code: "NOT_FOUND" } }] }, 404);
}

/**
 * True when the request is a single GraphQL document whose operations are all queries, so it may
 * run twice. A graphql-sse request with a stream token never is: it queues an operation.
 */
function readsOnly(request: Request, body: string | null): boolean {
  if (request.headers.has("x-graphql-event-stream-token") || new URL(request.url).searchParams.has("token")) return false;
  let query: unknown;
  if (request.method === "GET") query = new URL(request.url).searchParams.get("query");
  else if (body !== null && /json/i.test(request.headers.get("content-type") ?? "")) {
    try {
      query = (JSON.parse(body) as { query?: unknown }).query;
    } catch {
      return false;
    }
  }
  if (typeof query !== "string") return false;
  try {
    const document = parse(query);
    return document.definitions.every((d) => d.kind !== Kind.OPERATION_DEFINITION || d.operation === OperationTypeNode.QUERY);
  } catch {
    return false;
  }
}
