/**
 * The graphql-sse protocol's single-connection mode, as a Yoga plugin that
 * both GraphQL endpoints use, at their own URL and at `<url>/stream`:
 * reservations made with PUT, one SSE stream per reservation, operations
 * POSTed and stopped with DELETE, all carrying the token. Requests meet
 * through the reservation's StreamSession object (objects/stream-session.ts),
 * never through Worker memory; the SSE request runs every operation in its own
 * request context. Requests without a token are the distinct-connections
 * mode, which Yoga itself (at the endpoint) and Yoga's graphql-sse plugin (at
 * `/stream`) serve: this plugin lets them through.
 */
import { getOperationAST, GraphQLError, parse, type ExecutionResult } from "graphql";
import type { Plugin, YogaServerInstance } from "graphql-yoga";
import { Authorizer } from "../domain/authorizer.js";
import { presentedToken } from "../auth/credential.js";
import { randomToken, sha256Hex } from "../auth/secrets.js";
import type { Env } from "../env.js";
import { ERROR_CODES } from "../errors/codes.js";
import { GatewayError } from "../errors/gateway-error.js";
import { unwrap } from "../errors/result.js";
import type { SessionCommand } from "../objects/stream-session.js";
import { StreamLeases } from "../domain/stream-leases.js";
import { LIMITS } from "../limits.js";

const KEEP_ALIVE_MS = 12_000;
const encoder = new TextEncoder();

// The server context each Yoga instance expects; the handler passes it through untouched.
type AnyYoga = YogaServerInstance<any, any>;

export function useGraphQLSSESingleConnection(): Plugin<{ env: Env }> {
  let yoga: AnyYoga | null = null;
  return {
    onYogaInit({ yoga: instance }) {
      yoga = instance as AnyYoga;
    },
    async onRequest({ request, serverContext, endResponse }) {
      // graphql-sse's own handler (the distinct mode at /stream) throws, as a 500, on a mutation sent by GET.
      const refused = mutationOverGet(request);
      if (refused) return endResponse(refused);
      if (!yoga || !(await isSingleConnectionRequest(request))) return;
      const context = serverContext as unknown as Record<string, unknown> & { env: Env };
      return singleConnection(request, context.env, yoga, context).then(
        (response) => endResponse(response ?? protocolError(400, "Not a graphql-sse request.")),
        (error: unknown) => {
          if (!(error instanceof GatewayError)) throw error;
          endResponse(json({ errors: [{ message: error.message, extensions: { code: error.code, ...(error.details === undefined ? {} : { details: error.details }) } }] }, ERROR_CODES[error.code].status));
        },
      );
    },
  };
}

/** A 405 for a GET whose `query` is a mutation (mutations change data, so only POST may carry them). */
function mutationOverGet(request: Request): Response | null {
  if (request.method !== "GET") return null;
  const query = new URL(request.url).searchParams.get("query");
  if (!query) return null;
  try {
    const url = new URL(request.url);
    const operation = getOperationAST(parse(query), url.searchParams.get("operationName") || undefined);
    if (operation?.operation !== "mutation") return null;
  } catch {
    return null; // not GraphQL: Yoga answers that
  }
  return new Response(JSON.stringify({ errors: [{ message: "Mutations cannot be sent with GET: POST them.", extensions: { code: "METHOD_NOT_ALLOWED" } }] }), {
    status: 405,
    headers: { "content-type": "application/json; charset=utf-8", allow: "POST" },
  });
}

/**
 * PUT reserves; GET (without a query) and DELETE with a token use the reservation; a POST is one
 * of its operations only when it also names an `extensions.operationId`. graphql-sse's client writes the token into
 * the headers object it was given, so an app that shares that object sends the token with its
 * ordinary requests too: those stay ordinary GraphQL requests.
 */
async function isSingleConnectionRequest(request: Request): Promise<boolean> {
  if (request.method === "PUT") return true;
  if (!request.headers.has("x-graphql-event-stream-token") && !new URL(request.url).searchParams.has("token")) return false;
  // GET opens the reservation's stream; a GET that carries a query is an ordinary request.
  if (request.method === "GET") return !new URL(request.url).searchParams.has("query");
  if (request.method !== "POST") return true;
  try {
    const body = JSON.parse(await request.clone().text()) as { extensions?: { operationId?: unknown } } | null;
    return typeof body?.extensions?.operationId === "string" && body.extensions.operationId !== "";
  } catch {
    return false;
  }
}

async function singleConnection(request: Request, env: Env, yoga: AnyYoga, serverContext: Record<string, unknown>): Promise<Response | null> {
  const url = new URL(request.url);
  // A reservation belongs to the credential that made it: the session object is named by both,
  // so a request with another credential (or none) finds no reservation, even with the token.
  const sessionOf = async (token: string) => env.SESSIONS.getByName(`${token}:${await sha256Hex(presentedToken(request)?.token ?? "")}`);
  if (request.method === "PUT") {
    // A reservation stores state in an object of its own: only a caller with a working credential may make one.
    await new Authorizer(env, request).requireSomeAccess("Reserving an event stream");
    const token = randomToken(24);
    await (await sessionOf(token)).reserve();
    return new Response(token, { status: 201, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const token = request.headers.get("x-graphql-event-stream-token") ?? url.searchParams.get("token");
  if (!token) return null;
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return protocolError(404, "No such event stream reservation.");
  const session = await sessionOf(token);

  if (request.method === "GET") return openStream(request, env, session, yoga, serverContext);
  if (request.method === "DELETE") {
    const id = url.searchParams.get("operationId");
    if (!id) return protocolError(400, 'DELETE needs the "operationId" search parameter.');
    unwrap(await session.stop(id));
    return new Response(null, { status: 200 });
  }
  if (request.method === "POST") {
    let params: { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: { operationId?: unknown } };
    try {
      // The Worker entry read the body under the size limit before Yoga saw the request.
      params = JSON.parse(await request.text()) as typeof params;
    } catch {
      return protocolError(400, "The body must be a JSON GraphQL request.");
    }
    const id = params.extensions?.operationId;
    if (typeof id !== "string" || id === "") return protocolError(400, 'The request needs "extensions.operationId".');
    if (typeof params.query !== "string") return protocolError(400, 'The request needs a "query" string.');
    // Validation problems are answered here, per GraphQL over HTTP; valid operations run on the stream.
    const enveloped = yoga.getEnveloped({ ...serverContext, request, params });
    let errors: readonly unknown[];
    try {
      errors = enveloped.validate(enveloped.schema, enveloped.parse(params.query));
    } catch (error) {
      errors = [error];
    }
    if (errors.length > 0) return json({ errors: errors.map((e) => ({ message: e instanceof Error ? e.message : String(e) })) }, 400);
    const command: Extract<SessionCommand, { op: "start" }> = {
      op: "start",
      id,
      request: {
        query: params.query,
        variables: (params.variables as Record<string, unknown> | null | undefined) ?? null,
        operationName: typeof params.operationName === "string" ? params.operationName : null,
      },
    };
    unwrap(await session.start(command));
    return new Response(null, { status: 202 });
  }
  return protocolError(405, `${request.method} is not part of the graphql-sse protocol.`);
}

function openStream(request: Request, env: Env, session: ReturnType<Env["SESSIONS"]["getByName"]>, yoga: AnyYoga, serverContext: Record<string, unknown>): Promise<Response> {
  return (async () => {
    // The connection itself counts against the stream caps of its credential's pod, as each of its
    // operations does, and lasts only while that credential still reads the pod.
    const auth = new Authorizer(env, request);
    // The pod of a typed endpoint, else the pod a key or ticket belongs to (the admin key on the global
    // endpoint names none, and counts toward no pod's cap there).
    const pod = typeof serverContext.pod === "string" ? serverContext.pod : await auth.ownPod();
    if (pod !== null) await auth.require(pod, "read");
    const leases = await StreamLeases.open(env, auth);
    let commands: ReadableStream<Uint8Array>;
    try {
      commands = unwrap(await session.open());
    } catch (error) {
      await leases.close();
      throw error;
    }
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    const running = new Map<string, AsyncIterator<ExecutionResult>>();
    let open = true;
    const write = (text: string) => {
      if (open) writer.write(encoder.encode(text)).catch(close);
    };
    const event = (name: "next" | "complete", data: unknown) => write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    const keepAlive = setInterval(() => write(":\n\n"), KEEP_ALIVE_MS);
    const recheck = setInterval(() => {
      auth.recheck().then(() => leases.renew()).catch(close);
    }, LIMITS.streamAccessRecheckMs);
    const reader = commands.getReader();
    function close() {
      if (!open) return;
      open = false;
      clearInterval(keepAlive);
      clearInterval(recheck);
      // The response may already be over, which would cancel a plain call: let it finish.
      const released = leases.close();
      const ctx = serverContext.ctx as ExecutionContext | undefined;
      if (ctx) ctx.waitUntil(released);
      for (const iterator of running.values()) iterator.return?.().catch(() => undefined);
      running.clear();
      reader.cancel().catch(() => undefined);
      writer.close().catch(() => undefined);
    }

    // Operations were POSTed (mutations included); they run in the stream's request, as a POST,
    // so Yoga's rule against mutations over GET does not refuse them.
    const operationRequest = new Request(request.url, { method: "POST", headers: request.headers });
    async function run(command: Extract<SessionCommand, { op: "start" }>) {
      try {
        const params = command.request;
        const enveloped = yoga.getEnveloped({ ...serverContext, request: operationRequest, params });
        const document = enveloped.parse(params.query);
        const args = {
          schema: enveloped.schema,
          document,
          contextValue: await enveloped.contextFactory(),
          variableValues: params.variables ?? undefined,
          operationName: params.operationName ?? undefined,
        };
        const operation = getOperationAST(document, params.operationName);
        const result = await (operation?.operation === "subscription" ? enveloped.subscribe(args) : enveloped.execute(args));
        if (result && typeof result === "object" && Symbol.asyncIterator in result) {
          const iterator = (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
          running.set(command.id, iterator);
          for (;;) {
            const step = await iterator.next();
            if (step.done || !running.has(command.id)) break;
            event("next", { id: command.id, payload: step.value });
          }
        } else {
          event("next", { id: command.id, payload: result });
        }
      } catch (error) {
        // GraphQL errors are the client's to read; anything else is a bug, logged and masked.
        if (!(error instanceof GraphQLError)) console.error("graphql-sse operation failed", error);
        const payload = error instanceof GraphQLError ? { message: error.message, ...(error.extensions && Object.keys(error.extensions).length ? { extensions: error.extensions } : {}) } : { message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } };
        event("next", { id: command.id, payload: { errors: [payload] } });
      }
      running.delete(command.id);
      event("complete", { id: command.id });
      session.finished(command.id).catch(() => undefined);
    }

    (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let newline: number;
          while ((newline = buffer.indexOf("\n")) >= 0) {
            const command = JSON.parse(buffer.slice(0, newline)) as SessionCommand;
            buffer = buffer.slice(newline + 1);
            if (command.op === "start") void run(command);
            else {
              const iterator = running.get(command.id);
              running.delete(command.id);
              await iterator?.return?.();
            }
          }
        }
      } catch {
        // the session's stream broke; the client reconnects with a new reservation
      }
      close();
    })();

    write(":\n\n"); // some clients wait for the first bytes before they treat the stream as open
    return new Response(readable, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" } });
  })();
}

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });
}

function protocolError(status: number, message: string): Response {
  return json({ errors: [{ message }] }, status);
}

