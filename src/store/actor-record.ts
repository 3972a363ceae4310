/** Actor records: the RPC form the pod returns, and the parsed form the Worker uses. */
import type { StoreConfig } from "./store-config.js";

/** An actor as the pod returns it over RPC; the config stays JSON text there (see parseActor). */
export interface ActorEntry {
  pod: string;
  id: string;
  name: string | null;
  configJson: string;
  configVersion: number;
  /** Every stored item satisfies the current schema. */
  strict: boolean;
  createdAt: number;
  updatedAt: number;
}

/** An actor with its config parsed, as the Worker uses it. */
export interface ActorRecord extends Omit<ActorEntry, "configJson"> {
  actorType: "store";
  version: "v1";
  config: StoreConfig;
}

export function parseActor(entry: ActorEntry): ActorRecord {
  const { configJson, ...rest } = entry;
  return { ...rest, actorType: "store", version: "v1", config: JSON.parse(configJson) as StoreConfig };
}
