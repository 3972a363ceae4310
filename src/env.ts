/** Bindings the Worker and its Durable Objects receive (see wrangler.toml). */
import type { Directory } from "./objects/directory.js";
import type { Pod } from "./objects/pod.js";
import type { StoreActor } from "./objects/store-actor.js";
import type { StreamSession } from "./objects/stream-session.js";

export interface Env {
  /** One object, "directory": the list of pods, so listing needs no scan. */
  DIRECTORY: DurableObjectNamespace<Directory>;
  /** One object per pod: its record and its registry of actors. */
  PODS: DurableObjectNamespace<Pod>;
  /** One object per store actor, named "<pod>/<actorId>": its items. */
  STORES: DurableObjectNamespace<StoreActor>;
  /** One object per graphql-sse single-connection reservation, named by its token and the digest of the credential that made it. */
  SESSIONS: DurableObjectNamespace<StreamSession>;
  /** "true" enables debug request headers (x-debug-calls, x-debug-unbatched). On for `wrangler dev`; set "false" in production. */
  GATEWAY_DEBUG?: string;
  /** The gateway's admin key (a secret: `.dev.vars` locally, `wrangler secret put ADMIN_KEY` in production). Unset: only pod keys and public pods work. */
  ADMIN_KEY?: string;
  /** Origins allowed to call the gateway from browsers, comma-separated, or "*"; unset allows same-origin only. */
  CORS_ORIGINS?: string;
  /** "true" accepts only persisted operations (schema/persisted-operations.json) on the GraphQL endpoints. */
  PERSISTED_OPERATIONS_ONLY?: string;
  /** "true" (in .dev.vars only): requests without a key to a loopback host act as the admin key (auth/credential.ts). */
  LOCAL_OPEN_ACCESS?: string;
  /** Open streams allowed per key (or per anonymous client address) on one pod, and per pod; defaults in LIMITS (domain/stream-leases.ts). */
  STREAMS_PER_KEY?: string;
  STREAMS_PER_POD?: string;
  /** Heartbeat interval of change streams, in ms (default 10000); see objects/heartbeat.ts. */
  CHANGE_FEED_HEARTBEAT_MS?: string;
}
