/**
 * Issue 11, finding 6, written as the attacks on graphql-sse's
 * single-connection reservations (PUT /graphql/stream): without a
 * credential, with an unbounded queue, and never connected. Each reservation
 * is a Durable Object's storage, so each of these would fill storage at will.
 */
import { env, listDurableObjectIds, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../src/auth/secrets.js";
import { LIMITS } from "../src/limits.js";
import { ADMIN_KEY, anonymous, http } from "./helpers.js";

async function reserve(): Promise<string> {
  const res = await http("PUT", "/graphql/stream");
  expect(res.status).toBe(201);
  return String(res.json);
}
const session = async (token: string) => env.SESSIONS.getByName(`${token}:${await sha256Hex(ADMIN_KEY)}`);
const post = (token: string, id: string, variables: Record<string, unknown> = {}) =>
  http("POST", "/graphql/stream", { query: "subscription { podChanges(pod: \"none\") { cursor } }", variables, extensions: { operationId: id } }, { "x-graphql-event-stream-token": token });

describe("attack: graphql-sse reservations", () => {
  it("PUT needs a working credential", async () => {
    const before = (await listDurableObjectIds(env.SESSIONS)).length;
    expect((await http("PUT", "/graphql/stream", undefined, anonymous)).status).toBe(401);
    expect((await http("PUT", "/graphql/stream", undefined, { authorization: "Bearer gwk_nopod.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" })).status).toBe(401);
    expect((await listDurableObjectIds(env.SESSIONS)).length).toBe(before);
    expect(await reserve()).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it("the queue of an unconnected reservation is bounded in commands and in bytes", async () => {
    const token = await reserve();
    for (let i = 0; i < LIMITS.sessionQueueMaxCommands; i++) expect((await post(token, `op${i}`)).status).toBe(202);
    const over = await post(token, "one-too-many");
    expect(over.status).toBe(413);
    expect(JSON.stringify(over.json)).toMatch(/open it/);

    const big = await reserve();
    const padding = "x".repeat(100 * 1024);
    expect((await post(big, "a", { padding })).status).toBe(202);
    expect((await post(big, "b", { padding })).status).toBe(202);
    expect((await post(big, "c", { padding })).status).toBe(413);
  });

  it("a reservation never connected is deleted by its alarm, with everything it stored", async () => {
    const token = await reserve();
    expect((await post(token, "queued")).status).toBe(202);
    const stub = await session(token);
    expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).not.toBeNull();
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const left = await runInDurableObject(stub, (_, state) => state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'").toArray());
    expect(left).toEqual([]);
    expect((await post(token, "after")).status).toBe(404);
  });
});

describe("attack: a mutation sent by GET to a graphql-sse URL", () => {
  it("is a 405 naming the fix at every GraphQL URL, with or without a key (graphql-sse's handler once answered 500)", async () => {
    const pod = (await http("POST", "/pods", {})).json.podName as string;
    const mutation = encodeURIComponent(`mutation { createPod(name: "never-${Date.now()}") { name } }`);
    for (const path of ["/graphql/stream", "/graphql", `/pods/${pod}/graphql/stream`, `/pods/${pod}/graphql`]) {
      for (const headers of [anonymous, {}]) {
        const res = await http("GET", `${path}?query=${mutation}`, undefined, { ...headers, accept: "text/event-stream" });
        // A pod's typed endpoint checks access first: without a key that is the 401.
        const expected = path.startsWith("/pods/") && headers === anonymous ? 401 : 405;
        expect(res.status, `${path} ${headers === anonymous ? "without a key" : "admin"}`).toBe(expected);
        if (expected === 405) expect(res.json.errors[0].message).toMatch(/POST/);
      }
    }
  });
});
