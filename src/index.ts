/**
 * The Worker entry: `/graphql` goes to Yoga, `/pods/...` to the REST API
 * (Paseo Core compatible), both over the same domain logic. Exports the
 * Durable Object classes wrangler binds.
 */
import type { Env } from "./env.js";
import { GatewayError } from "./errors/gateway-error.js";
import { podYoga } from "./graphql/pod-yoga.js";
import { yoga } from "./graphql/yoga.js";
import { POD_NAME_PATTERN } from "./domain/pods.js";
import { loadPodSchema } from "./typed/pod-schema-cache.js";
import { countingEnv, newCallCounts } from "./objects/call-counter.js";
import { errorResponse, json } from "./http/json.js";
import { matchRest } from "./http/rest/routes.js";

export { Directory } from "./objects/directory.js";
export { Pod } from "./objects/pod.js";
export { StoreActor } from "./objects/store-actor.js";

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (pathname === "/graphql" || pathname === "/graphql/") return yoga.fetch(request, { env, ctx });
    try {
      const typed = /^\/pods\/([^/]+)\/graphql\/?$/.exec(pathname);
      if (typed) return await typedEndpoint(request, env, ctx, typed[1]!);
      const match = matchRest(request);
      if (match) return await match.handler(request, env, match.params);
      if (pathname === "/") return json({ name: "actor-gateway", graphql: "/graphql", rest: "/pods" });
      throw new GatewayError("NOT_FOUND", `No route for ${request.method} ${pathname}.`);
    } catch (error) {
      if (error instanceof GatewayError) return errorResponse(error);
      console.error("unhandled error", error);
      return json({ error: "internal_error", code: "INTERNAL_SERVER_ERROR", message: "Unexpected error." }, 500);
    }
  },
} satisfies ExportedHandler<Env>;

/** `/pods/{pod}/graphql`: the pod's typed schema; a GraphQL-shaped 404 when there is no such pod. */
async function typedEndpoint(request: Request, env: Env, ctx: ExecutionContext, pod: string): Promise<Response> {
  // Pod names are plain ASCII, so the raw path segment is the name.
  const counts = newCallCounts();
  const podSchema = POD_NAME_PATTERN.test(pod) ? await loadPodSchema(countingEnv(env, counts), pod) : null;
  if (!podSchema) {
    return json({ errors: [{ message: `Pod "${pod}" not found.`, extensions: { code: "NOT_FOUND" } }] }, 404);
  }
  return podYoga.fetch(request, { env, ctx, pod, podSchema, counts });
}
