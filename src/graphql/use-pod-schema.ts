/**
 * The typed endpoint's schema comes with each request, in the server context
 * (`podSchema`, loaded by http/typed-endpoint.ts). It is set whenever an
 * operation is enveloped, not when Yoga parses the HTTP request, so the
 * graphql-sse handlers, which take requests before that step, run on it too.
 */
import type { Plugin } from "graphql-yoga";
import type { PodSchema } from "../typed/build-pod-schema.js";

export function usePodSchema(): Plugin<{ podSchema?: PodSchema }> {
  return {
    onEnveloped({ context, setSchema }) {
      if (!context?.podSchema) throw new Error("The typed endpoint's server context has no pod schema.");
      setSchema(context.podSchema.schema);
    },
  };
}
