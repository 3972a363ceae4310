// Types `cloudflare:workers` exports and `env` for the tests.
import type { Env } from "../src/env.js";

declare global {
  namespace Cloudflare {
    interface Env extends import("../src/env.js").Env {}
    interface GlobalProps {
      mainModule: typeof import("../src/index.js");
      durableNamespaces: "Directory" | "Pod" | "StoreActor";
    }
  }
}
export type { Env };
