/**
 * The REST API, compatible with Paseo Core: same paths, status codes and JSON
 * shapes, plus replace/patch/delete of items and actor updates. Handlers call
 * the same domain functions as GraphQL. Path segments are matched, decoded and
 * checked against name/id patterns; nothing from the URL reaches SQL except as
 * a bound parameter.
 */
import type { Env } from "../../env.js";
import { actorState, createActor, deleteActor, forkActor, requireActor, updateActor } from "../../domain/actors.js";
import { createItem, createItems, deleteItem, getItem, itemHistory, itemRevision, patchItem, queryItems, replaceItem, restoreItem } from "../../domain/items.js";
import { createPod, deletePod, listPods, requirePod } from "../../domain/pods.js";
import { createStreamTicket, revokeStreamTickets } from "../../domain/access.js";
import type { Authorizer } from "../../domain/authorizer.js";
import type { Scope } from "../../auth/scopes.js";
import { GatewayError } from "../../errors/gateway-error.js";
import { LIMITS } from "../../limits.js";
import { queryStringCandidates } from "../../store/index-path.js";
import type { SchemaChangePolicy } from "../../store/item.js";
import type { IndexValue } from "../../store/index-path.js";
import { equalityWhere, pageSize as checkPageSize } from "../../store/item-query.js";
import { actorOpenApi } from "../../store/openapi.js";
import { json, jsonText, readJson } from "../json.js";
import { itemJson, revisionJson } from "./item-json.js";
import { etag, ifMatchRev, isStaleRevision, notModified, preconditionFailed, refusePreconditions } from "./preconditions.js";
import { parseInstant, staleRevision, type WriteOptions } from "../../store/revision.js";
import { decodeTime, ULID_PATTERN } from "../../store/item-id.js";

type Params = Record<string, string>;
type Handler = (request: Request, env: Env, params: Params, auth: Authorizer) => Promise<Response>;
/** What a route needs: the gateway's admin key, or a scope on the pod in its path. */
type Access = "gateway-admin" | Scope;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  access: Access;
  handler: Handler;
  /** The route reads If-Match / If-None-Match itself (preconditions.ts); others refuse them. */
  preconditions: boolean;
}

const routes: Route[] = [];

function route(method: string, path: string, access: Access, handler: Handler, { preconditions = false } = {}): void {
  const keys: string[] = [];
  const pattern = new RegExp(`^${path.replace(/:(\w+)/g, (_, key: string) => (keys.push(key), "([^/]+)"))}/?$`);
  routes.push({ method, pattern, keys, access, handler, preconditions });
}

const actorUrl = (request: Request, pod: string, id: string) => `${new URL(request.url).origin}/pods/${encodeURIComponent(pod)}/actors/${id}`;

route("POST", "/pods", "gateway-admin", async (request, env) => {
  const hasBody = request.headers.get("content-length") !== "0" && request.body !== null && request.headers.has("content-type");
  const input = hasBody ? await readJson(request) : {};
  const name = input && typeof input === "object" && "name" in input ? (input as { name: unknown }).name : undefined;
  if (name !== undefined && name !== null && typeof name !== "string") throw new GatewayError("BAD_USER_INPUT", `"name" must be a string.`, { field: "name" });
  const pod = await createPod(env, name ?? null);
  return json({ podName: pod.name, createdAt: pod.createdAt }, 201);
});

route("GET", "/pods", "gateway-admin", async (request, env) => {
  const url = new URL(request.url);
  const limit = pageSize(url.searchParams.get("limit"));
  const pods = await listPods(env, limit + 1, url.searchParams.get("after"));
  const page = pods.slice(0, limit);
  return json({ pods: page.map((p) => ({ podName: p.name, createdAt: p.createdAt })), next_after: pods.length > limit ? page[page.length - 1]!.name : null });
});

route("GET", "/pods/:pod", "read", async (_request, env, { pod }) => {
  const record = await requirePod(env, pod!);
  return json({ podName: record.name, createdAt: record.createdAt, actorCount: record.actorCount, schemaVersion: record.schemaVersion, status: "ok" });
});

route("DELETE", "/pods/:pod", "admin", async (_request, env, { pod }) => {
  return json(await deletePod(env, pod!));
});

route("POST", "/pods/:pod/actors", "admin", async (request, env, { pod }) => {
  const input = await readJson(request);
  if (input === null || typeof input !== "object" || !("config" in input)) {
    throw new GatewayError("BAD_USER_INPUT", `The body must be { "config": { ... }, "name"?: string }.`, { field: "config" });
  }
  const { config, name } = input as { config: unknown; name?: unknown };
  if (name !== undefined && name !== null && typeof name !== "string") throw new GatewayError("BAD_USER_INPUT", `"name" must be a string.`, { field: "name" });
  const actor = await createActor(env, pod!, config, name ?? null);
  return json({ podName: actor.pod, actorId: actor.id, name: actor.name, openapi: `${actorUrl(request, actor.pod, actor.id)}/openapi.json` }, 201);
});

route("GET", "/pods/:pod/actors/:actor", "read", async (request, env, { pod, actor }) => {
  const record = await requireActor(env, pod!, actor!);
  // Status from the actor's own object: what today's checks say of a config an earlier version stored.
  const state = await actorState(env, record.pod, record.id);
  return json({ ...actorJson(request, record), itemCount: state.itemCount, configProblems: state.configProblems });
});

const changeActor: Handler = async (request, env, { pod, actor }) => {
  const input = await readJson(request);
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw new GatewayError("BAD_USER_INPUT", "The body must be an object.");
  const body = input as Record<string, unknown>;
  // PUT sends a whole config (possibly wrapped as { config }); PATCH sends the keys to change.
  const change = (request.method === "PUT" && body.config && typeof body.config === "object" ? body.config : body) as Record<string, unknown>;
  const policy = new URL(request.url).searchParams.get("policy") ?? "reject";
  if (policy !== "reject" && policy !== "keep") throw new GatewayError("BAD_USER_INPUT", `"policy" must be "reject" or "keep".`, { field: "policy" });
  const { actor: record, report } = await updateActor(env, pod!, actor!, { schema: change.schema, indexes: change.indexes, params: change.params, format: change.format, resources: change.resources, search: change.search }, policy as SchemaChangePolicy);
  return json({ ...actorJson(request, record), report });
};
route("DELETE", "/pods/:pod/actors/:actor", "admin", async (_request, env, { pod, actor }) => {
  return json(await deleteActor(env, pod!, actor!));
});

route("PATCH", "/pods/:pod/actors/:actor", "admin", changeActor);
route("PUT", "/pods/:pod/actors/:actor", "admin", changeActor);

route("POST", "/pods/:pod/stream-tickets", "read", async (_request, env, { pod }, auth) => {
  return json(await createStreamTicket(env, auth, pod!), 201);
});

route("DELETE", "/pods/:pod/stream-tickets", "admin", async (_request, env, { pod }) => {
  return json(await revokeStreamTickets(env, pod!));
});

route("GET", "/pods/:pod/actors/:actor/openapi.json", "read", async (request, env, { pod, actor }) => {
  const record = await requireActor(env, pod!, actor!);
  return json(actorOpenApi(record, new URL(request.url).origin));
});

route("GET", "/pods/:pod/actors/:actor/items", "read", async (request, env, { pod, actor }) => {
  const url = new URL(request.url);
  const filters: { path: string; values: IndexValue[] }[] = [];
  for (const [key, value] of url.searchParams) {
    if (key.startsWith("k_")) filters.push({ path: key.slice(2), values: queryStringCandidates(value) });
  }
  const after = url.searchParams.get("after") || null;
  // Paseo's `after` is an item id, which is what the cursor codec makes of insertion order.
  if (after !== null && !ULID_PATTERN.test(after) && !url.searchParams.has("q")) throw new GatewayError("INVALID_CURSOR", `"after" must be an item id returned by a previous page.`, { after });
  const at = url.searchParams.get("at");
  const asOf = at === null || at === "" ? null : parseInstant(at, "at");
  const q = url.searchParams.get("q");
  // With q, items come best match first, and `after` is the opaque cursor next_after gave.
  if (q !== null && after !== null && ULID_PATTERN.test(after)) throw new GatewayError("INVALID_CURSOR", `With "q", "after" must be the next_after of the previous page.`, { after });
  const page = await queryItems(env, { pod: pod!, actorId: actor! }, { where: equalityWhere(filters), orderBy: [], first: pageSize(url.searchParams.get("limit")), after, paseoNames: true, asOf, search: q });
  const items = page.edges.map((e) => (e.search ? itemJson(e.item).slice(0, -1) + `,"score":${e.search.score},"highlights":${JSON.stringify(e.search.highlights)}}` : itemJson(e.item)));
  const last = page.edges[page.edges.length - 1];
  const nextAfter = page.hasNextPage ? (q === null ? last!.item.id : last!.cursor) : null;
  return jsonText(`{"items":[${items.join(",")}],"next_after":${JSON.stringify(nextAfter)}}`);
});

route("POST", "/pods/:pod/actors/:actor/items/batch", "write", async (request, env, { pod, actor }, auth) => {
  const input = await readJson(request);
  const bodies = Array.isArray(input) ? input : input && typeof input === "object" && Array.isArray((input as { items?: unknown }).items) ? (input as { items: unknown[] }).items : null;
  if (!bodies) throw new GatewayError("BAD_USER_INPUT", `The body must be an array of documents, or { "items": [...] }.`);
  const stored = await createItems(env, { pod: pod!, actorId: actor! }, bodies, request.headers.get("idempotency-key"), { by: await auth.author(pod!) });
  return json({ items: stored.map((item) => ({ id: item.id, ts: item.ts })) }, 201);
});

route("POST", "/pods/:pod/actors/:actor/items", "write", async (request, env, { pod, actor }, auth) => {
  const ack = await createItem(env, { pod: pod!, actorId: actor! }, await readJson(request), request.headers.get("idempotency-key"), { by: await auth.author(pod!) });
  return json({ id: ack.id, ts: ack.ts }, 201, { etag: etag(ack.rev) });
});

route("GET", "/pods/:pod/actors/:actor/items/:item/history", "read", async (request, env, { pod, actor, item }) => {
  const url = new URL(request.url);
  const after = url.searchParams.get("after") || null;
  const { revisions, nextBefore } = await itemHistory(env, { pod: pod!, actorId: actor! }, item!, pageSize(url.searchParams.get("limit")), after === null ? null : Number(after));
  return jsonText(`{"revisions":[${revisions.map(revisionJson).join(",")}],"next_after":${nextBefore === null ? "null" : JSON.stringify(String(nextBefore))}}`);
});

route("POST", "/pods/:pod/actors/:actor/items/:item/restore", "write", async (request, env, { pod, actor, item }, auth) => {
  const input = await readJson(request);
  const rev = input && typeof input === "object" && !Array.isArray(input) ? (input as { rev?: unknown }).rev : undefined;
  const options = await writeOptions(request, auth, pod!);
  const restored = await preconditioned(() => restoreItem(env, { pod: pod!, actorId: actor! }, item!, rev, options));
  return jsonText(itemJson(restored), 200, { etag: etag(restored.rev) });
}, { preconditions: true });

route("GET", "/pods/:pod/actors/:actor/items/:item", "read", async (request, env, { pod, actor, item }) => {
  const at = { pod: pod!, actorId: actor! };
  // `{id}@v<rev>`: that revision; `{id}@~<n>`: n revisions before the latest.
  const version = /^([^@]+)@(?:v([1-9]\d{0,14})|~(0|[1-9]\d{0,14}))$/.exec(item!);
  if (version) {
    const [, id, rev, back] = version;
    const revision = await itemRevision(env, at, id!, rev !== undefined ? { rev: Number(rev) } : { back: Number(back) });
    if (revision.body === null) throw new GatewayError("NOT_FOUND", `Revision ${revision.rev} of item "${id}" is its deletion.`, { id, rev: revision.rev, deleted: true });
    const shown = { id: revision.id, ts: decodeTime(revision.id), updatedTs: revision.ts, rev: revision.rev, schemaVersion: revision.schemaVersion, body: revision.body };
    return jsonText(itemJson(shown), 200, { etag: etag(revision.rev) });
  }
  if (item!.includes("@")) throw new GatewayError("BAD_USER_INPUT", `"${item}" is not an item id with a revision: write <id>@v<rev> (a revision from 1) or <id>@~<n> (n revisions back).`, { item });
  const expected = ifMatchRev(request, false);
  const found = await getItem(env, at, item!);
  if (typeof expected === "number" && expected !== found.rev) throw preconditionFailed(staleRevision(found.id, expected, found));
  if (notModified(request, found)) return new Response(null, { status: 304, headers: { etag: etag(found.rev) } });
  return jsonText(itemJson(found), 200, { etag: etag(found.rev) });
}, { preconditions: true });

/** PUT replaces the item, PATCH merge-patches it (RFC 7386); both honour If-Match. */
const rewriteItem: Handler = async (request, env, { pod, actor, item }, auth) => {
  const at = { pod: pod!, actorId: actor! };
  const options = await writeOptions(request, auth, pod!);
  const write = request.method === "PUT" ? replaceItem : patchItem;
  const stored = await preconditioned(async () => write(env, at, item!, await readJson(request), options));
  return jsonText(itemJson(stored), 200, { etag: etag(stored.rev) });
};
route("PUT", "/pods/:pod/actors/:actor/items/:item", "write", rewriteItem, { preconditions: true });
route("PATCH", "/pods/:pod/actors/:actor/items/:item", "write", rewriteItem, { preconditions: true });

route("DELETE", "/pods/:pod/actors/:actor/items/:item", "write", async (request, env, { pod, actor, item }, auth) => {
  const purge = new URL(request.url).searchParams.get("purge");
  if (purge !== null && purge !== "true" && purge !== "false") throw new GatewayError("BAD_USER_INPUT", `"purge" must be true or false.`, { field: "purge" });
  const options = await writeOptions(request, auth, pod!);
  const { id, deleted } = await preconditioned(() => deleteItem(env, { pod: pod!, actorId: actor! }, item!, { ...options, purge: purge === "true" }));
  return json({ id, deleted });
}, { preconditions: true });

route("POST", "/pods/:pod/actors/:actor/fork", "admin", async (request, env, { pod, actor }, auth) => {
  // Every field is optional: no body means {}.
  const hasBody = request.headers.get("content-length") !== "0" && request.body !== null && request.headers.has("content-type");
  const input = hasBody ? await readJson(request) : {};
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw new GatewayError("BAD_USER_INPUT", `The body must be { "name"?: string, "asOf"?: ISO time or ms }.`);
  const { name, asOf } = input as { name?: unknown; asOf?: unknown };
  if (name !== undefined && name !== null && typeof name !== "string") throw new GatewayError("BAD_USER_INPUT", `"name" must be a string.`, { field: "name" });
  if (asOf !== undefined && asOf !== null && typeof asOf !== "string" && typeof asOf !== "number") throw new GatewayError("BAD_USER_INPUT", `"asOf" must be an ISO 8601 date-time or ms since the epoch.`, { field: "asOf" });
  const fork = await forkActor(env, pod!, actor!, { name: name ?? null, asOf: asOf == null ? null : parseInstant(asOf, "asOf"), by: await auth.author(pod!) });
  return json({ podName: fork.actor.pod, actorId: fork.actor.id, name: fork.actor.name, items: fork.items, openapi: `${actorUrl(request, fork.actor.pod, fork.actor.id)}/openapi.json` }, 201);
});

/** A write's author and `If-Match` revision. */
async function writeOptions(request: Request, auth: Authorizer, pod: string): Promise<WriteOptions> {
  const expected = ifMatchRev(request, true);
  return { by: await auth.author(pod), ifRev: typeof expected === "number" ? expected : null };
}

/** Runs a write; a stale `If-Match` becomes a 412 with the current item. */
async function preconditioned<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isStaleRevision(error)) throw preconditionFailed(error);
    throw error;
  }
}

function actorJson(request: Request, actor: Awaited<ReturnType<typeof requireActor>>) {
  return {
    podName: actor.pod,
    actorId: actor.id,
    name: actor.name,
    config: actor.config,
    configVersion: actor.configVersion,
    createdAt: actor.createdAt,
    updatedAt: actor.updatedAt,
    openapi: `${actorUrl(request, actor.pod, actor.id)}/openapi.json`,
  };
}

/** REST's `limit`, under the one page-size rule (store/item-query.ts). */
function pageSize(raw: string | null): number {
  return checkPageSize(raw === null || raw === "" ? null : Number(raw), "limit");
}

/**
 * Finds the handler for a REST request (null when no path matches, 405 when
 * only the method is wrong) and runs it once the caller's access is checked:
 * nothing reaches a Durable Object before that.
 */
export function matchRest(request: Request): { run: (env: Env, auth: Authorizer) => Promise<Response> } | null {
  const path = new URL(request.url).pathname;
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== request.method) continue;
    let params: Params;
    try {
      params = Object.fromEntries(r.keys.map((key, i) => [key, decodeURIComponent(m[i + 1]!)]));
    } catch {
      throw new GatewayError("BAD_USER_INPUT", "The URL path is not valid percent-encoding.");
    }
    const { access, handler, preconditions } = r;
    return {
      run: async (env, auth) => {
        // REST has no streams, and a ticket opens nothing but subscriptions (auth/stream-tickets.ts).
        if (await auth.isTicket()) throw new GatewayError("FORBIDDEN", "A stream ticket opens GraphQL subscriptions only: send the API key it came from as \"Authorization: Bearer <key>\".");
        if (access === "gateway-admin") await auth.requireAdmin(`${request.method} ${path}`);
        else await auth.require(params.pod!, access);
        // Only an item's own routes read preconditions; elsewhere one would be ignored, so it is refused.
        if (!preconditions) refusePreconditions(request);
        return handler(request, env, params, auth);
      },
    };
  }
  if (pathMatched) throw new GatewayError("METHOD_NOT_ALLOWED", `${request.method} is not allowed on ${path}.`);
  return null;
}
