/**
 * Issue 11, finding 7, as the attack: subscribers that resume from the very
 * start of a large change log and never read. The replay must go page by
 * page, pulled by the reader, so such a subscriber costs one page and the
 * actor keeps answering meanwhile; a reader that does read gets every change,
 * in order, once, including those written during its replay.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { storeStub } from "../src/objects/stubs.js";
import { createPodAndActor, http } from "./helpers.js";

const schema = { type: "object", properties: { title: { type: "string" }, pad: { type: "string" } } };

async function readAll(stream: ReadableStream<Uint8Array>, until: number): Promise<number[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const seqs: number[] = [];
  let buffer = "";
  while (seqs[seqs.length - 1] !== until) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = JSON.parse(buffer.slice(0, newline)) as { seq?: number };
      buffer = buffer.slice(newline + 1);
      if (line.seq !== undefined) seqs.push(line.seq);
    }
  }
  await reader.cancel();
  return seqs;
}

describe("attack: replaying a large change log", () => {
  it("five subscribers from seq 0 that never read do not hold the actor, and a reader gets every change in order", async () => {
    const { podName, actorId, base } = await createPodAndActor({ actorType: "store", version: "v1", schema });
    const pad = "x".repeat(4000);
    const batches = 8;
    for (let b = 0; b < batches; b++) {
      const res = await http("POST", `${base}/items/batch`, Array.from({ length: 500 }, (_, i) => ({ title: `t${b}-${i}`, pad })));
      expect(res.status).toBe(201);
    }
    const total = batches * 500; // ~16 MB of log
    const store = storeStub(env, podName, actorId);
    const idle: ReadableStream<Uint8Array>[] = [];
    for (let i = 0; i < 5; i++) {
      const opened = await store.subscribe(0);
      expect(opened.ok).toBe(true);
      if (opened.ok) idle.push(opened.value);
    }
    // They wait on their first page: none has been given the rest of the log, so none is live yet.
    const live = () => runInDurableObject(store, (instance) => (instance as unknown as { feed: { size: number } }).feed.size);
    expect(await live()).toBe(0);
    // The actor answers at once meanwhile (a replay of the whole log in one turn held it for seconds).
    const started = Date.now();
    expect((await http("GET", `${base}/items?limit=1`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);

    const reading = await store.subscribe(0);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    const pending = readAll(reading.value, total + 1);
    // A change written during the replay arrives after the replayed ones, exactly once.
    expect((await http("POST", `${base}/items`, { title: "during replay" })).status).toBe(201);
    const seqs = await pending;
    expect(await live()).toBe(1);
    expect(seqs).toHaveLength(total + 1);
    expect(seqs).toEqual(Array.from({ length: total + 1 }, (_, i) => i + 1));
    for (const stream of idle) await stream.cancel();

  });
});
