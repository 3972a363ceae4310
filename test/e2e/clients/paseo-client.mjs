// A client written the way Paseo Core's own example client works: plain fetch, no credentials,
// Paseo Core's paths and shapes only (pods, store actors, items, k_ filters with dots as
// underscores). It is run unchanged against the gateway; it prints one JSON line and exits 0,
// or throws.
const base = process.argv[2] ?? "http://localhost:8787";

async function call(method, path, body) {
  const res = await fetch(base + path, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const { podName } = await call("POST", "/pods", {});
const pod = await call("GET", `/pods/${podName}`);
if (pod.status !== "ok") throw new Error(`pod status: ${JSON.stringify(pod)}`);

const config = {
  actorType: "store",
  version: "v1",
  schema: { type: "object", required: ["text"], properties: { text: { type: "string" }, metadata: { type: "object", properties: { type: { type: "string" } } } } },
  indexes: ["metadata.type"],
};
const { actorId } = await call("POST", `/pods/${podName}/actors`, { config });

const written = [];
for (const [text, type] of [["hello", "chat"], ["invoice", "mail"], ["how are you", "chat"]]) {
  written.push(await call("POST", `/pods/${podName}/actors/${actorId}/items`, { text, metadata: { type } }));
}

// Paseo Core's filter step: the index metadata.type, queried as k_metadata_type.
const chats = await call("GET", `/pods/${podName}/actors/${actorId}/items?k_metadata_type=chat&limit=10`);
const texts = chats.items.map((item) => item.body.text);
if (JSON.stringify(texts) !== JSON.stringify(["hello", "how are you"])) throw new Error(`filter: ${JSON.stringify(chats)}`);

// Paging with after, one at a time, walks every item once.
const seen = [];
let after = null;
do {
  const page = await call("GET", `/pods/${podName}/actors/${actorId}/items?limit=1${after ? `&after=${after}` : ""}`);
  seen.push(...page.items.map((item) => item.id));
  after = page.next_after;
} while (after);
if (JSON.stringify(seen) !== JSON.stringify(written.map((w) => w.id))) throw new Error(`paging: ${JSON.stringify(seen)}`);

const one = await call("GET", `/pods/${podName}/actors/${actorId}/items/${written[1].id}`);
if (one.body.text !== "invoice") throw new Error(`get: ${JSON.stringify(one)}`);
const openapi = await call("GET", `/pods/${podName}/actors/${actorId}/openapi.json`);

console.log(JSON.stringify({ podName, actorId, chats: texts.length, items: seen.length, openapi: openapi.openapi }));
