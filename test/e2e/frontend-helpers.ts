/**
 * Shared by the frontend-client tests (test/e2e/frontend-clients.test.ts):
 * a pod with a `notes` store actor and two pod keys, and a way to catch a
 * subscription's first event while items are written.
 */
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from "@urql/core";
import type { createClient } from "graphql-sse";
import { expect } from "vitest";
import { untilProbeArrives } from "../sync.js";
import { call } from "./gateway-client.js";

export const NOTES_SCHEMA = { type: "object", required: ["title"], properties: { title: { type: "string" }, done: { type: "boolean" } } };

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export interface NotesPod {
  pod: string;
  /** WRITE (includes READ) on the pod: what an app that reads and writes gets. */
  appKey: string;
  /** READ only: what a page that only listens gets. */
  readKey: string;
}

/** A fresh pod with a `notes` actor (NOTES_SCHEMA), and its keys; set up with the admin key. */
export async function notesPod(): Promise<NotesPod> {
  const created = await call("POST", "/pods", {});
  expect(created.status, created.text).toBe(201);
  const pod: string = created.json.podName;
  const actor = await call("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema: NOTES_SCHEMA } });
  expect(actor.status, actor.text).toBe(201);
  const key = async (scopes: string[]) => {
    const res = await call("POST", "/graphql", { query: `mutation($pod: String!, $scopes: [Scope!]!) { createApiKey(pod: $pod, scopes: $scopes, label: "frontend-clients") { key } }`, variables: { pod, scopes } });
    expect(res.status, res.text).toBe(200);
    return res.json.data.createApiKey.key as string;
  };
  return { pod, appKey: await key(["WRITE"]), readKey: await key(["READ"]) };
}

/**
 * Writes items titled `${prefix} <n>` (typed GraphQL, admin key) until `received()` says stop: one,
 * then up to 300 ms for it to arrive, then the next; for at most 15 s.
 */
async function writeUntil(pod: string, prefix: string, received: () => boolean): Promise<string[]> {
  const written: string[] = [];
  const write = async () => {
    const title = `${prefix} ${written.length}`;
    const res = await call("POST", `/pods/${pod}/graphql`, { query: `mutation($title: String!) { createNotes(data: { title: $title }) { id } }`, variables: { title } });
    expect(res.json?.errors, res.text).toBeUndefined();
    written.push(title);
  };
  await untilProbeArrives(write, received, { what: `a subscription event for one of the "${prefix}" notes`, everyMs: 300, timeoutMs: 15_000 });
  return written;
}

/**
 * Runs `subscribe` (which calls `onEvent` with each event's note title, or `onError`, and returns its stop
 * function) while notes are written: a subscription starts listening a moment after its request is accepted,
 * so this writes until the first event arrives. Returns that event's title and the titles written.
 */
export async function firstEvent(
  pod: string,
  prefix: string,
  subscribe: (onEvent: (title: string) => void, onError: (error: unknown) => void) => () => void,
): Promise<{ title: string; written: string[] }> {
  let title: string | undefined;
  let failure: unknown;
  const stop = subscribe(
    (t) => (title ??= t),
    (e) => (failure ??= e),
  );
  try {
    const written = await writeUntil(pod, prefix, () => title !== undefined || failure !== undefined);
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error(`subscription failed: ${JSON.stringify(failure)}`);
    expect(title, `no event after ${written.length} writes`).toBeDefined();
    return { title: title!, written };
  } finally {
    stop();
  }
}

/** urql as docs/frontend.md sets it up: queries and mutations over fetch at `url`, subscriptions over the graphql-sse client `sse`. */
export function urqlClient(url: string, key: string, sse: ReturnType<typeof createClient>): Client {
  return new Client({
    url,
    fetchOptions: () => ({ headers: bearer(key) }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return { subscribe: (sink) => ({ unsubscribe: sse.subscribe(input, sink) }) };
        },
      }),
    ],
  });
}
