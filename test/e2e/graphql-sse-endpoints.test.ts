/**
 * graphql-sse's own client, unchanged, in both of its modes, at every GraphQL URL the docs name,
 * against `wrangler dev`: the typed endpoint `/pods/{pod}/graphql` and its `/stream`, and the
 * global `/graphql` and `/graphql/stream`. Each runs a query, a mutation and a subscription that
 * receives the mutation's item. (The typed `/stream` URL once answered 500 to everything, and
 * single-connection mode on `/pods/{pod}/graphql` 405.)
 */
import { createClient } from "graphql-sse";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { untilProbeArrives } from "../sync.js";
import { call } from "./gateway-client.js";

const url = inject("gatewayUrl");
const auth = { authorization: `Bearer ${inject("adminKey")}` };

const json = async (method: string, path: string, body?: unknown): Promise<any> => (await call(method, path, body)).json;

let pod = "";
let actorId = "";
beforeAll(async () => {
  pod = (await json("POST", "/pods", {})).podName;
  actorId = (await json("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema: { type: "object", required: ["title"], properties: { title: { type: "string" } } } } })).actorId;
});

/** The first result of one operation through the client. */
function once(client: ReturnType<typeof createClient>, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  return new Promise((resolve, reject) => {
    const dispose = client.subscribe({ query, variables }, { next: (v) => (dispose(), resolve(v)), error: reject, complete: () => undefined });
  });
}

const cases = [
  { path: () => `/pods/${pod}/graphql`, typed: true },
  { path: () => `/pods/${pod}/graphql/stream`, typed: true },
  { path: () => "/graphql", typed: false },
  { path: () => "/graphql/stream", typed: false },
];

describe("graphql-sse client at every GraphQL URL", () => {
  for (const { path, typed } of cases) {
    for (const singleConnection of [false, true]) {
      it(`${typed ? "typed" : "global"} ${typed ? "/pods/{pod}/graphql" : "/graphql"}${path().endsWith("/stream") ? "/stream" : ""}, singleConnection: ${singleConnection}`, async () => {
        // A fresh headers object: in single-connection mode the client writes its stream token into it.
        const client = createClient({ url: url + path(), singleConnection, retryAttempts: 0, headers: { ...auth } });
        try {
          const title = `via ${path()} ${singleConnection}`;
          const probe = `probe ${path()} ${singleConnection}`;
          const query = typed ? `{ notes(first: 1) { totalCount } }` : `{ pod(name: "${pod}") { name } }`;
          const read = await once(client, query);
          expect(read.errors).toBeUndefined();
          expect(typed ? read.data.notes.totalCount : read.data.pod.name).toEqual(typed ? expect.any(Number) : pod);

          let probed = false;
          const received = new Promise<any>((resolve, reject) => {
            const subscription = typed ? `subscription { notesAdded { node { title } } }` : `subscription($ref: ID!) { itemAdded(actor: $ref) { item { data } } }`;
            const dispose = client.subscribe({ query: subscription, variables: typed ? {} : { ref: `${pod}/${actorId}` } }, {
              next: (v) => {
                const got = typed ? (v.data as any)?.notesAdded?.node?.title : (v.data as any)?.itemAdded?.item?.data?.title;
                if (v.errors) reject(new Error(JSON.stringify(v.errors)));
                else if (got === probe) probed = true;
                else if (got === title) (dispose(), resolve(got));
              },
              error: reject,
              complete: () => undefined,
            });
          });
          const mutation = typed ? `mutation($t: String!) { createNotes(data: { title: $t }) { title } }` : `mutation($ref: ID!, $t: String!) { createItem(actor: $ref, data: { title: $t }) { data } }`;
          const create = (t: string) => once(client, mutation, typed ? { t } : { ref: `${pod}/${actorId}`, t });
          // The subscription has started once a probe item written through the same client comes back on it.
          let failed: unknown;
          received.catch((error: unknown) => (failed = error));
          const sendProbe = async () => expect((await create(probe)).errors).toBeUndefined();
          await untilProbeArrives(sendProbe, () => probed || failed !== undefined, { what: `the subscription at ${path()} to deliver a probe item` });
          const written = await create(title);
          expect(written.errors).toBeUndefined();
          expect(await received).toBe(title);
        } finally {
          client.dispose();
        }
      });
    }
  }
});
