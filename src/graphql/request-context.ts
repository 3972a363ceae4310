/**
 * The per-request part of a GraphQL context: bindings wrapped to count
 * Durable Object calls, and fresh loaders over them. Debug requests may ask
 * for unbatched loaders (`x-debug-unbatched: 1`), for the benchmark.
 */
import { Authorizer } from "../domain/authorizer.js";
import type { Env } from "../env.js";
import { createLoaders, workBudgetOf } from "../loaders/loaders.js";
import { countingEnv, newCallCounts, type CallCounts } from "../objects/call-counter.js";
import type { GatewayContext } from "../schema-shared/context.js";

export function requestContext(env: Env, request: Request, counts: CallCounts = newCallCounts(), auth?: Authorizer): GatewayContext {
  const counted = countingEnv(env, counts);
  const unbatched = env.GATEWAY_DEBUG === "true" && request.headers.get("x-debug-unbatched") === "1";
  return { env: counted, counts, auth: auth ?? new Authorizer(counted, request), loaders: createLoaders(counted, { batched: !unbatched, work: workBudgetOf(request) }), origin: new URL(request.url).origin };
}
