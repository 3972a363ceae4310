/**
 * A result no media type the client accepts can carry (a subscription, or an
 * operation with @defer or @stream, asked for as plain JSON) gets a 406 that
 * says what to send, instead of Yoga's empty one. Runs after every result
 * processor, so it only fills the gap they leave.
 */
import type { Plugin } from "graphql-yoga";

export function useNotAcceptable(): Plugin {
  return {
    onResultProcess({ resultProcessor, result, setResultProcessor }) {
      if (resultProcessor || !(Symbol.asyncIterator in (result as object))) return;
      setResultProcessor(
        () =>
          new Response(
            JSON.stringify({
              errors: [
                {
                  message:
                    'This operation streams its results (a subscription, or @defer/@stream): send accept "text/event-stream" (Server-Sent Events), or "multipart/mixed" (incremental delivery; for subscriptions, Apollo\'s "multipart/mixed;subscriptionSpec=1.0").',
                  extensions: { code: "NOT_ACCEPTABLE" },
                },
              ],
            }),
            { status: 406, headers: { "content-type": "application/json; charset=utf-8", accept: "text/event-stream, multipart/mixed" } },
          ),
        "application/json",
      );
    },
  };
}
