/**
 * Issue 11, finding 4, written as the attacks: a stream ticket used beyond
 * its purpose. A ticket opens its pod's subscriptions and nothing else, never
 * mints another ticket, and is always bound to something revocable: its key,
 * or the pod's ticket epoch (admin and anonymous tickets), which
 * revokeStreamTickets and turning public read off move on.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { anonymous, gql, http, noteSchema, uniquePodName } from "./helpers.js";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
let pod = "";
let actorId = "";
let readKey = "";

beforeAll(async () => {
  pod = uniquePodName("tickets");
  expect((await http("POST", "/pods", { name: pod })).status).toBe(201);
  actorId = (await http("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema: noteSchema } })).json.actorId;
  const key = await gql(`mutation($pod: String!) { createApiKey(pod: $pod, scopes: [READ], label: "t") { key } }`, { pod });
  readKey = key.data.createApiKey.key;
});

async function ticketFor(headers: Record<string, string>): Promise<string> {
  const res = await http("POST", `/pods/${pod}/stream-tickets`, undefined, headers);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.ticket as string;
}

/** Opens a subscription the way EventSource does, and answers its status (the stream is cancelled at once). */
async function openStream(ticket: string): Promise<number> {
  const query = encodeURIComponent("subscription { notesAdded { cursor } }");
  const res = await exports.default.fetch(new Request(`http://gateway.test/pods/${pod}/graphql?query=${query}&ticket=${encodeURIComponent(ticket)}`, { headers: { accept: "text/event-stream" } }));
  await res.body?.cancel();
  return res.status;
}

describe("attack: stream tickets beyond their purpose", () => {
  it("a ticket cannot mint another ticket, over REST or GraphQL", async () => {
    const ticket = await ticketFor(bearer(readKey));
    const rest = await http("POST", `/pods/${pod}/stream-tickets`, undefined, bearer(ticket));
    expect(rest.status).toBe(403);
    const graphql = await gql(`mutation($pod: String!) { createStreamTicket(pod: $pod) { ticket } }`, { pod }, bearer(ticket));
    expect(graphql.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(graphql.data ?? null).toBeNull();
  });

  it("a ticket reads nothing but subscriptions: REST and GraphQL queries are refused", async () => {
    const ticket = await ticketFor(bearer(readKey));
    expect((await http("GET", `/pods/${pod}/actors/${actorId}/items`, undefined, bearer(ticket))).status).toBe(403);
    const typed = await http("GET", `/pods/${pod}/graphql?query=${encodeURIComponent("{ notes { totalCount } }")}&ticket=${encodeURIComponent(ticket)}`, undefined, anonymous);
    expect(typed.json.errors?.[0]?.extensions?.code, JSON.stringify(typed.json)).toBe("FORBIDDEN");
    const global = await gql(`query($pod: String!) { pod(name: $pod) { name } }`, { pod }, bearer(ticket));
    expect(global.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await openStream(ticket)).toBe(200);
  });

  it("an admin ticket is voided by revokeStreamTickets", async () => {
    const ticket = await ticketFor({});
    expect(await openStream(ticket)).toBe(200);
    const revoked = await gql(`mutation($pod: String!) { revokeStreamTickets(pod: $pod) }`, { pod });
    expect(revoked.errors).toBeUndefined();
    expect(await openStream(ticket)).toBe(401);
    // And over REST, by a pod admin.
    const fresh = await ticketFor({});
    expect((await http("DELETE", `/pods/${pod}/stream-tickets`)).status).toBe(200);
    expect(await openStream(fresh)).toBe(401);
    expect(await openStream(await ticketFor({}))).toBe(200);
  });

  it("an anonymous ticket on a public pod stops reading, and stops renewing, once the pod is private", async () => {
    await gql(`mutation($pod: String!) { setPodPublicRead(pod: $pod, enabled: true) { name } }`, { pod });
    const ticket = await ticketFor(anonymous);
    expect(await openStream(ticket)).toBe(200);
    await gql(`mutation($pod: String!) { setPodPublicRead(pod: $pod, enabled: false) { name } }`, { pod });
    expect(await openStream(ticket)).toBe(401);
    expect((await http("POST", `/pods/${pod}/stream-tickets`, undefined, anonymous)).status).toBe(401);
    // Public again: the old ticket stays void, since the epoch moved on.
    await gql(`mutation($pod: String!) { setPodPublicRead(pod: $pod, enabled: true) { name } }`, { pod });
    expect(await openStream(ticket)).toBe(401);
    await gql(`mutation($pod: String!) { setPodPublicRead(pod: $pod, enabled: false) { name } }`, { pod });
  });

  it("revoking tickets needs admin on the pod", async () => {
    expect((await http("DELETE", `/pods/${pod}/stream-tickets`, undefined, bearer(readKey))).status).toBe(403);
    expect((await http("DELETE", `/pods/${pod}/stream-tickets`, undefined, anonymous)).status).toBe(401);
  });
});
