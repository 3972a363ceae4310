// Types `env` from cloudflare:test and `exports` from cloudflare:workers for the tests.
import type { Env as GatewayEnv } from "../src/env.js";

declare global {
  namespace Cloudflare {
    interface Env extends GatewayEnv {}
    interface GlobalProps {
      mainModule: typeof import("../src/index.js");
      durableNamespaces: "Directory" | "Pod" | "StoreActor" | "StreamSession";
    }
  }
}
