/**
 * CORS for browser frontends on other origins, configured per deployment by
 * CORS_ORIGINS: unset allows no other origin (same-origin pages, such as
 * GraphiQL and the example, need none), "*" allows any, otherwise a
 * comma-separated list of exact origins. Credentials are bearer tokens, never
 * cookies, so responses never allow credentials.
 */
import type { Env } from "../env.js";

const ALLOWED_HEADERS = "authorization, content-type, accept, idempotency-key, x-graphql-yoga-csrf, x-graphql-event-stream-token, last-event-id";
const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

function allowedOrigin(request: Request, env: Env): string | null {
  const origin = request.headers.get("origin");
  const configured = env.CORS_ORIGINS?.trim();
  if (!origin || !configured) return null;
  if (configured === "*") return "*";
  return configured.split(",").map((o) => o.trim()).includes(origin) ? origin : null;
}

/** The answer to a CORS preflight, or null when the request is not one. */
export function preflight(request: Request, env: Env): Response | null {
  if (request.method !== "OPTIONS" || !request.headers.has("access-control-request-method")) return null;
  const origin = allowedOrigin(request, env);
  const headers = new Headers({ vary: "Origin" });
  if (origin) {
    headers.set("access-control-allow-origin", origin);
    headers.set("access-control-allow-methods", ALLOWED_METHODS);
    headers.set("access-control-allow-headers", ALLOWED_HEADERS);
    headers.set("access-control-max-age", "86400");
  }
  return new Response(null, { status: 204, headers });
}

/** Adds the CORS headers an allowed origin needs to a response. */
export function withCors(request: Request, env: Env, response: Response): Response {
  const origin = allowedOrigin(request, env);
  if (!origin) return response;
  const copy = new Response(response.body, response);
  copy.headers.set("access-control-allow-origin", origin);
  copy.headers.append("vary", "Origin");
  return copy;
}
