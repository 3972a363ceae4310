/**
 * The Worker entry: `/graphql` goes to Yoga, `/pods/{pod}/graphql` to the
 * pod's typed schema, `/pods/...` to the REST API (Paseo Core compatible),
 * all over the same domain logic and the same access checks. CORS is applied
 * here, around every route. Exports the Durable Object classes wrangler binds.
 */
import { Authorizer } from "./domain/authorizer.js";
import { openAccess } from "./auth/credential.js";
import type { Env } from "./env.js";
import { GatewayError } from "./errors/gateway-error.js";
import { yoga } from "./graphql/yoga.js";
import { preflight, withCors } from "./http/cors.js";
import { GLOBAL_DEFAULT_QUERY, graphiqlPage, htmlResponse, landingPage, pageQuery, wantsPage } from "./http/pages.js";
import { typedEndpoint } from "./http/typed-endpoint.js";
import { errorResponse, graphqlErrorResponse, isJsonMediaType, json, readGraphqlBody } from "./http/json.js";
import { matchRest } from "./http/rest/routes.js";

export { Directory } from "./objects/directory.js";
export { Pod } from "./objects/pod.js";
export { StoreActor } from "./objects/store-actor.js";
export { StreamSession } from "./objects/stream-session.js";

export default {
  async fetch(request, env, ctx) {
    const response = preflight(request, env) ?? withCors(request, env, uncompressedStream(await route(request, env, ctx)));
    // Loud on every response, so nobody mistakes an open gateway for a configured one.
    if (!openAccess(request, env)) return response;
    const warned = new Response(response.body, response);
    warned.headers.set("x-gateway-warning", "LOCAL_OPEN_ACCESS: requests without a key act as the admin key");
    return warned;
  },
} satisfies ExportedHandler<Env>;

async function route(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const { pathname } = new URL(request.url);
  const globalGraphql = pathname === "/graphql" || pathname === "/graphql/" || pathname === "/graphql/stream";
  const typed = /^\/pods\/([^/]+)\/graphql(\/stream)?\/?$/.exec(pathname);
  try {
    if (globalGraphql || typed) checkGraphqlMediaType(request);
    if (globalGraphql) {
      if (pathname !== "/graphql/stream" && wantsPage(request)) {
        return htmlResponse(graphiqlPage({ title: "actor-gateway", defaultQuery: pageQuery(request, GLOBAL_DEFAULT_QUERY) }));
      }
      return await yoga.fetch(await boundedBody(request), { env, ctx });
    }
    if (typed) return await typedEndpoint(request, env, ctx, typed[1]!);
    const match = matchRest(request);
    if (match) return await match.run(env, new Authorizer(env, request));
    if (pathname === "/") {
      const url = new URL(request.url);
      return wantsPage(request) ? htmlResponse(landingPage(url.origin)) : json({ name: "actor-gateway", graphql: "/graphql", rest: "/pods" });
    }
    throw new GatewayError("NOT_FOUND", `No route for ${request.method} ${pathname}.`);
  } catch (error) {
    if (error instanceof GatewayError) return globalGraphql || typed ? graphqlErrorResponse(error) : errorResponse(error);
    console.error("unhandled error", error);
    return json({ error: "internal_error", code: "INTERNAL_SERVER_ERROR", message: "Unexpected error." }, 500);
  }
}

/**
 * Streamed answers (SSE, multipart/mixed: subscriptions, @defer/@stream) must not be compressed:
 * a compressor holds parts back until its buffer fills. Yoga marks its SSE answers so; this marks
 * the others (its incremental-delivery multipart) the same way.
 */
function uncompressedStream(response: Response): Response {
  const type = response.headers.get("content-type") ?? "";
  if (response.headers.has("content-encoding") || !/^(text\/event-stream|multipart\/mixed)/i.test(type)) return response;
  const marked = new Response(response.body, response);
  marked.headers.set("content-encoding", "none");
  return marked;
}

/** GraphQL over HTTP bodies are JSON (forms and multipart reach Yoga, which handles them); anything else gets a clear 415. */
function checkGraphqlMediaType(request: Request): void {
  if (request.method !== "POST") return;
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type === "" || isJsonMediaType(type) || /^multipart\/|^application\/x-www-form-urlencoded\b/.test(type)) return;
  throw new GatewayError("UNSUPPORTED_MEDIA_TYPE", `Send GraphQL requests as JSON with "content-type: application/json" (got "${type}").`);
}

/** The request with its body read under the size limit (PAYLOAD_TOO_LARGE past it), so Yoga never buffers more. */
async function boundedBody(request: Request): Promise<Request> {
  if (request.method !== "POST" && request.method !== "PUT") return request;
  return new Request(request, { body: await readGraphqlBody(request) });
}
