/** Helpers that call the Worker the way a client does: over HTTP, through its fetch handler. */
import { exports } from "cloudflare:workers";

const ORIGIN = "http://gateway.test";

export async function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] ??= "application/json";
  }
  const response = await exports.default.fetch(new Request(ORIGIN + path, init));
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers };
}

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; details?: any } }[];
  extensions?: Record<string, unknown>;
}

export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const res = await http("POST", "/graphql", { query, variables }, headers);
  return res.json as GraphQLResponse<T>;
}

let counter = 0;
/** A pod name no other test uses. */
export function uniquePodName(prefix = "t"): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

export const noteSchema = {
  type: "object",
  required: ["title"],
  additionalProperties: false,
  properties: {
    title: { type: "string", minLength: 1 },
    done: { type: "boolean" },
    priority: { type: "integer", minimum: 0, maximum: 5 },
    metadata: { type: "object", properties: { type: { type: "string" }, tags: { type: "array", items: { type: "string" } } } },
  },
};

export async function createPodAndActor(config: Record<string, unknown> = { actorType: "store", version: "v1", schema: noteSchema, indexes: ["metadata.type", "done"] }, name?: string) {
  const podName = uniquePodName();
  const pod = await http("POST", "/pods", { name: podName });
  if (pod.status !== 201) throw new Error(`pod creation failed: ${JSON.stringify(pod.json)}`);
  const actor = await http("POST", `/pods/${podName}/actors`, { config, ...(name ? { name } : {}) });
  if (actor.status !== 201) throw new Error(`actor creation failed: ${JSON.stringify(actor.json)}`);
  return { podName, actorId: actor.json.actorId as string, base: `/pods/${podName}/actors/${actor.json.actorId}` };
}

export async function typedGql<T = any>(pod: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const res = await http("POST", `/pods/${pod}/graphql`, { query, variables }, headers);
  return res.json as GraphQLResponse<T>;
}

/** Creates a pod with the actors of schema/examples/demo-pod.json (same names and configs, fresh ids). */
export async function createDemoPod(demo: { actors: { name: string; config: unknown }[] }): Promise<string> {
  const pod = uniquePodName("demo");
  await http("POST", "/pods", { name: pod });
  for (const actor of demo.actors) {
    const res = await http("POST", `/pods/${pod}/actors`, { name: actor.name, config: actor.config });
    if (res.status !== 201) throw new Error(JSON.stringify(res.json));
  }
  return pod;
}
