/** What every resolver receives: the bindings, this request's loaders and origin. */
import type { Env } from "../env.js";
import type { Loaders } from "../loaders/loaders.js";

export interface GatewayContext {
  env: Env;
  loaders: Loaders;
  /** The request's origin, for absolute URLs such as an actor's OpenAPI document. */
  origin: string;
}
