/**
 * The Worker entry: `/graphql` goes to Yoga, `/pods/...` to the REST API
 * (Paseo Core compatible), both over the same domain logic. Exports the
 * Durable Object classes wrangler binds.
 */
import type { Env } from "./env.js";
import { GatewayError } from "./errors/gateway-error.js";
import { yoga } from "./graphql/yoga.js";
import { singleConnection } from "./http/graphql-sse-single.js";
import { GLOBAL_DEFAULT_QUERY, graphiqlPage, htmlResponse, landingPage, pageQuery, wantsPage } from "./http/pages.js";
import { typedEndpoint } from "./http/typed-endpoint.js";
import { errorResponse, json } from "./http/json.js";
import { matchRest } from "./http/rest/routes.js";

export { Directory } from "./objects/directory.js";
export { Pod } from "./objects/pod.js";
export { StoreActor } from "./objects/store-actor.js";
export { StreamSession } from "./objects/stream-session.js";

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (pathname === "/graphql/stream") {
      const single = await singleConnection(request, env, yoga, { env, ctx }).catch(errorResponseFor);
      if (single) return single;
    }
    if ((pathname === "/graphql" || pathname === "/graphql/") && wantsPage(request)) {
      return htmlResponse(graphiqlPage({ title: "actor-gateway", defaultQuery: pageQuery(request, GLOBAL_DEFAULT_QUERY) }));
    }
    if (pathname === "/graphql" || pathname === "/graphql/" || pathname === "/graphql/stream") return yoga.fetch(request, { env, ctx });
    try {
      const typed = /^\/pods\/([^/]+)\/graphql(\/stream)?\/?$/.exec(pathname);
      if (typed) return await typedEndpoint(request, env, ctx, typed[1]!);
      const match = matchRest(request);
      if (match) return await match.handler(request, env, match.params);
      if (pathname === "/") {
        const url = new URL(request.url);
        return wantsPage(request) ? htmlResponse(landingPage(url.origin)) : json({ name: "actor-gateway", graphql: "/graphql", rest: "/pods" });
      }
      throw new GatewayError("NOT_FOUND", `No route for ${request.method} ${pathname}.`);
    } catch (error) {
      if (error instanceof GatewayError) return errorResponse(error);
      console.error("unhandled error", error);
      return json({ error: "internal_error", code: "INTERNAL_SERVER_ERROR", message: "Unexpected error." }, 500);
    }
  },
} satisfies ExportedHandler<Env>;

function errorResponseFor(error: unknown): Response {
  if (error instanceof GatewayError) return errorResponse(error);
  throw error;
}
