/**
 * Counts Durable Object RPC calls per request, by object kind, by wrapping
 * the bindings: everything downstream (domain functions, loaders, resolvers)
 * uses the wrapped env unchanged, so no call can go uncounted. The counts
 * appear in GraphQL `extensions.doCalls` when debugging is on (see
 * graphql/use-call-counter.ts) and are what the batching tests assert.
 */
import type { Env } from "../env.js";

export interface CallCounts {
  directory: number;
  pod: number;
  store: number;
  total: number;
}

export function newCallCounts(): CallCounts {
  return { directory: 0, pod: 0, store: 0, total: 0 };
}

export function countingEnv(env: Env, counts: CallCounts): Env {
  return {
    ...env,
    DIRECTORY: countNamespace(env.DIRECTORY, "directory", counts),
    PODS: countNamespace(env.PODS, "pod", counts),
    STORES: countNamespace(env.STORES, "store", counts),
  };
}

function countNamespace<N extends object>(namespace: N, kind: keyof Omit<CallCounts, "total">, counts: CallCounts): N {
  return new Proxy(namespace, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      if (prop !== "getByName" && prop !== "get") return value.bind(target);
      return (...args: unknown[]) => countStub(Reflect.apply(value, target, args) as object, kind, counts);
    },
  });
}

function countStub<S extends object>(stub: S, kind: keyof Omit<CallCounts, "total">, counts: CallCounts): S {
  return new Proxy(stub, {
    get(target, prop) {
      if (prop === "then") return undefined; // a stub is not a promise
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== "function" || typeof prop === "symbol" || prop === "id" || prop === "name") return value;
      return (...args: unknown[]) => {
        counts[kind]++;
        counts.total++;
        // Reflect.apply, not value.apply: on an RPC stub, `.apply` would itself be a remote method.
        return Reflect.apply(value, target, args);
      };
    },
  });
}
