/**
 * Subscriptions over Apollo's multipart HTTP protocol (subscriptionSpec 1.0),
 * the default subscription transport of Apollo Client's HttpLink (and of its
 * Relay and urql adapters). Yoga serves subscriptions over SSE only and
 * answered these clients with an empty 406. A client asks with
 * `accept: multipart/mixed;subscriptionSpec=1.0, application/json`; each event
 * is then one part, `{"payload": <result>}`, a `{}` part keeps the connection
 * alive every few seconds, and the closing boundary ends the stream.
 */
import type { ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";

const BOUNDARY = "graphql";
const HEARTBEAT_MS = 5_000;
const encoder = new TextEncoder();

/** True for `multipart/mixed` with a `subscriptionSpec` parameter among the accepted media types. */
export function wantsMultipartSubscription(request: Request): boolean {
  return (request.headers.get("accept") ?? "")
    .split(",")
    .some((type) => /^\s*multipart\/mixed\s*;/i.test(type) && /;\s*subscriptionSpec\s*=/i.test(type));
}

export function useMultipartSubscriptions(): Plugin {
  return {
    onResultProcess({ request, result, setResultProcessor }) {
      if (!wantsMultipartSubscription(request) || !(Symbol.asyncIterator in (result as object))) return;
      setResultProcessor((stream) => multipartResponse(stream as AsyncIterable<ExecutionResult>), "multipart/mixed");
    },
  };
}

/**
 * One part, closed by the boundary that follows it: clients (Apollo's among them) take a part once
 * they see the boundary after it, so each part carries its own and an event is never held back.
 */
function part(body: unknown): Uint8Array {
  return encoder.encode(`\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(body)}\r\n--${BOUNDARY}`);
}
const OPENING = encoder.encode(`\r\n--${BOUNDARY}`);
const CLOSING = encoder.encode(`--\r\n`);

function multipartResponse(results: AsyncIterable<ExecutionResult>): Response {
  const iterator = results[Symbol.asyncIterator]();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A first heartbeat, so the client sees the response start before the first event.
      controller.enqueue(OPENING);
      controller.enqueue(part({}));
      heartbeat = setInterval(() => {
        if (controller.desiredSize !== null && controller.desiredSize > 0) controller.enqueue(part({}));
      }, HEARTBEAT_MS);
    },
    async pull(controller) {
      try {
        const step = await iterator.next();
        if (step.done) {
          clearInterval(heartbeat);
          controller.enqueue(CLOSING);
          controller.close();
          return;
        }
        controller.enqueue(part({ payload: step.value }));
      } catch (error) {
        // A transport-level failure: the protocol's top-level errors, then the end.
        clearInterval(heartbeat);
        controller.enqueue(part({ payload: null, errors: [{ message: error instanceof Error && "extensions" in error ? error.message : "Unexpected error." }] }));
        controller.enqueue(CLOSING);
        controller.close();
        if (!(error instanceof Error && "extensions" in error)) console.error("multipart subscription failed", error);
      }
    },
    async cancel() {
      clearInterval(heartbeat);
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": `multipart/mixed;boundary="${BOUNDARY}";subscriptionSpec="1.0"`,
      // Not compressed: the Worker entry marks every streamed answer so (uncompressedStream in src/index.ts).
      "cache-control": "no-cache",
    },
  });
}
