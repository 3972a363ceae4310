/**
 * Frontend clients on the transports that once failed on the server (issue 13,
 * "Typed endpoints": Apollo's multipart subscriptions got 406, the typed graphql-sse
 * URLs 500 and 405, single-connection mutations "Unexpected error."). Same setup as
 * test/e2e/frontend-clients.test.ts (test/e2e/frontend-helpers.ts):
 *
 * - Apollo Client 4 with HttpLink only: a subscription over its default
 *   transport, multipart/mixed with subscriptionSpec=1.0, on the typed
 *   endpoint and on /graphql;
 * - graphql-sse's own client on the typed endpoints: distinct connections on
 *   /pods/{pod}/graphql/stream, single connection on /pods/{pod}/graphql/stream
 *   and on /pods/{pod}/graphql, each with a subscription and a mutation;
 * - (urql with graphql-sse's client on /pods/{pod}/graphql/stream, in both modes,
 *   is in frontend-clients.test.ts beside the docs' own urql setup);
 * - a mutation over graphql-sse in single-connection mode on the global
 *   /graphql/stream.
 *
 *   npx vitest run --project e2e test/e2e/frontend-clients-typed-streams.test.ts
 */
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { createClient } from "graphql-sse";
import { beforeAll, describe, expect, it } from "vitest";
import { gatewayUrl } from "./gateway-client.js";
import { bearer, firstEvent, notesPod } from "./frontend-helpers.js";

let url = "";
let pod = "";
let appKey = "";
let readKey = "";

beforeAll(async () => {
  url = gatewayUrl();
  ({ pod, appKey, readKey } = await notesPod());
});

describe("Apollo Client 4 with HttpLink: a subscription over multipart/mixed", () => {
  const apollo = (path: string) => new ApolloClient({ link: new HttpLink({ uri: `${url}${path}`, headers: bearer(readKey) }), cache: new InMemoryCache() });

  it("on the pod's typed endpoint /pods/{pod}/graphql", async () => {
    const client = apollo(`/pods/${pod}/graphql`);
    const { title, written } = await firstEvent(pod, "apollo typed", (onEvent, onError) => {
      const subscription = client.subscribe<{ notesAdded: { node: { title: string } } }>({ query: gql`subscription { notesAdded { cursor node { id title } } }` }).subscribe({
        next: (result) => (result.error ? onError(result.error) : onEvent(result.data!.notesAdded.node.title)),
        error: onError,
      });
      return () => subscription.unsubscribe();
    });
    expect(written).toContain(title);
  });

  it("on the global endpoint /graphql", async () => {
    const client = apollo("/graphql");
    const { title, written } = await firstEvent(pod, "apollo global", (onEvent, onError) => {
      const subscription = client
        .subscribe<{ itemAdded: { item: { data: { title: string } } } }>({ query: gql`subscription($pod: String!) { itemAdded(actor: "notes", pod: $pod) { cursor item { data } } }`, variables: { pod } })
        .subscribe({
          next: (result) => (result.error ? onError(result.error) : onEvent(result.data!.itemAdded.item.data.title)),
          error: onError,
        });
      return () => subscription.unsubscribe();
    });
    expect(written).toContain(title);
  });
});

const TYPED_SSE = [
  ["distinct connections", "/graphql/stream", false],
  ["single connection", "/graphql/stream", true],
  ["single connection", "/graphql", true],
] as const;

describe("graphql-sse's own client on a pod's typed endpoints", () => {
  it.each(TYPED_SSE)("%s mode on /pods/{pod}%s: a subscription", async (_mode, path, singleConnection) => {
    const sse = createClient({ url: `${url}/pods/${pod}${path}`, singleConnection, retryAttempts: 0, headers: () => bearer(readKey) });
    try {
      const { title, written } = await firstEvent(pod, `graphql-sse ${path} ${singleConnection}`, (onEvent, onError) =>
        sse.subscribe<{ notesAdded: { node: { title: string } } }>(
          { query: "subscription { notesAdded { cursor node { id title } } }" },
          { next: (result) => (result.errors ? onError(result.errors) : onEvent(result.data!.notesAdded.node.title)), error: onError, complete: () => undefined },
        ),
      );
      expect(written).toContain(title);
    } finally {
      sse.dispose();
    }
  });

  it.each(TYPED_SSE)("%s mode on /pods/{pod}%s: a mutation", async (_mode, path, singleConnection) => {
    const sse = createClient({ url: `${url}/pods/${pod}${path}`, singleConnection, retryAttempts: 0, headers: () => bearer(appKey) });
    try {
      const title = `mutation over graphql-sse ${path} ${singleConnection}`;
      const results: unknown[] = [];
      for await (const result of sse.iterate({ query: "mutation($title: String!) { createNotes(data: { title: $title }) { id title } }", variables: { title } })) results.push(result);
      expect(results).toEqual([{ data: { createNotes: { id: expect.any(String), title } } }]);
    } finally {
      sse.dispose();
    }
  });
});

describe("graphql-sse's own client on /graphql/stream: a mutation in single-connection mode", () => {
  it("answers once and completes", async () => {
    const sse = createClient({ url: `${url}/graphql/stream`, singleConnection: true, retryAttempts: 0, headers: () => bearer(appKey) });
    try {
      const data = { title: "createItem over graphql-sse, single connection" };
      const results: unknown[] = [];
      for await (const result of sse.iterate({ query: `mutation($pod: String!, $data: JSON!) { createItem(pod: $pod, actor: "notes", data: $data) { id data } }`, variables: { pod, data } })) results.push(result);
      expect(results).toEqual([{ data: { createItem: { id: expect.any(String), data } } }]);
    } finally {
      sse.dispose();
    }
  });
});
