/** What every resolver receives: the bindings, this request's loaders and origin. */
import type { Authorizer } from "../domain/authorizer.js";
import type { Env } from "../env.js";
import type { Loaders } from "../loaders/loaders.js";
import type { CallCounts } from "../objects/call-counter.js";

export interface GatewayContext {
  /** The bindings, wrapped to count Durable Object calls (objects/call-counter.ts). */
  env: Env;
  loaders: Loaders;
  /** Who is calling and what they may do; checked before any pod's data is touched. */
  auth: Authorizer;
  /** Durable Object calls this request made so far, by kind. */
  counts: CallCounts;
  /** The request's origin, for absolute URLs such as an actor's OpenAPI document. */
  origin: string;
}
