/** Builds the typed schema of a pod described in a JSON file (schema/examples/demo-pod.json), for printing and tests. */
import { printSchema } from "graphql";
import { parseStoreConfig } from "../store/store-config.js";
import { buildPodSchema } from "./build-pod-schema.js";

export interface ExamplePod {
  schemaVersion: number;
  actors: { id: string; name: string; config: unknown }[];
}

export function exampleSchemaSdl(pod: ExamplePod): string {
  const actors = pod.actors.map((a) => ({ id: a.id, name: a.name, config: parseStoreConfig(a.config).config, strict: true }));
  return printSchema(buildPodSchema(actors, pod.schemaVersion).schema) + "\n";
}
