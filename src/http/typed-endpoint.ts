/**
 * `/pods/{pod}/graphql`: the pod's typed schema. The schema version must be
 * confirmed with the pod's object on every request: the call that checks the
 * caller's access brings it (domain/authorizer.ts requireWithSchema), with
 * the pod's actors only when the schema cached in this isolate is stale. So
 * a typed request costs one call to the pod before it runs, and nothing runs
 * twice.
 */
import { Authorizer } from "../domain/authorizer.js";
import { grants } from "../auth/scopes.js";
import type { Env } from "../env.js";
import { POD_NAME_PATTERN } from "../names.js";
import { podYoga } from "../graphql/pod-yoga.js";
import { countingEnv, newCallCounts } from "../objects/call-counter.js";
import { latestPodSchema, podSchemaFrom } from "../typed/pod-schema-cache.js";
import { json, readGraphqlBody } from "./json.js";
import { graphiqlPage, htmlResponse, pageQuery, wantsPage } from "./pages.js";

export async function typedEndpoint(request: Request, env: Env, ctx: ExecutionContext, pod: string): Promise<Response> {
  const counts = newCallCounts();
  const counted = countingEnv(env, counts);
  const auth = new Authorizer(counted, request);
  const cached = latestPodSchema(pod);
  // A browser opening the page sends no key: it gets GraphiQL, tailored to the pod only when it may read it.
  const page = wantsPage(request);
  if (page && !grants(await auth.scopesOn(pod).catch(() => []), "read")) {
    return htmlResponse(graphiqlPage({ title: `pod ${pod}`, defaultQuery: pageQuery(request, lockedPodQuery(pod)) }));
  }
  // Every operation here reads the pod (typed mutations also check the write scope); the same call
  // to the pod's object says whether the cached schema is current.
  const source = await auth.requireWithSchema(pod, "read", cached?.version ?? null);
  if (!POD_NAME_PATTERN.test(pod) || !source) return podNotFound(pod);
  const podSchema = source.actors === null && cached ? cached.built : podSchemaFrom(pod, source);
  if (page) return htmlResponse(graphiqlPage({ title: `pod ${pod}`, defaultQuery: pageQuery(request, podDefaultQuery(pod, podSchema)) }));
  const body = request.method === "POST" || request.method === "PUT" ? await readGraphqlBody(request) : null;
  const bounded = new Request(request.url, { method: request.method, headers: request.headers, body });
  return podYoga.fetch(bounded, { env, ctx, pod, podSchema, counts, auth });
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
