/**
 * Yoga's CSRF prevention: a request a browser could send cross-site without
 * a preflight (a GET, or a POST as a form or text/plain) must carry a custom
 * header such as `x-graphql-yoga-csrf`. Requests with an Authorization header
 * are never simple (the header forces a preflight), and a stream ticket in
 * the URL is itself proof the caller is no third-party page, so both pass;
 * that keeps `EventSource` (which cannot set headers) working with tickets.
 */
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import type { Plugin } from "graphql-yoga";

export function useCsrfPrevention(): Plugin {
  const inner = useCSRFPrevention({ requestHeaders: ["x-graphql-yoga-csrf"] });
  return {
    onRequestParse(payload) {
      const { request } = payload;
      if (request.headers.has("authorization") || new URL(request.url).searchParams.has("ticket")) return;
      return inner.onRequestParse?.(payload);
    },
  };
}
