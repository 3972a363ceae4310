/**
 * A small frontend on the gateway: creates a pod with the example pod's store
 * actors (schema/examples/demo-pod.json) over REST, adds notes with a typed
 * mutation, lists them with a filter, and shows new notes live through an SSE
 * subscription. The documents are typed by codegen.ts (examples/web/generated)
 * and sent by hash, as persisted operations.
 *
 * Keys: the admin key (dev-admin-key under `npm start`, or `#key=...` in the
 * URL) only sets the pod up and creates a pod key with `write` scope; the page
 * then works with that key, and opens its EventSource with a stream ticket,
 * since an EventSource cannot send an Authorization header.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import demo from "../../schema/examples/demo-pod.json";
import { AddNoteDocument, NewNotesDocument, NotesByStatusDocument, type NotesStatus } from "./generated/graphql.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const adminKey = new URLSearchParams(location.hash.slice(1)).get("key") ?? "dev-admin-key";

async function rest(key: string, method: string, path: string, body?: unknown): Promise<any> {
  const headers = { "content-type": "application/json", authorization: `Bearer ${key}` };
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The operation's registered hash (codegen's persistedDocuments): the text never travels. */
function persisted(document: TypedDocumentNode<any, any>): { persistedQuery: { version: 1; sha256Hash: string } } {
  const hash = (document as unknown as { __meta__: { hash: string } }).__meta__.hash;
  return { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, "") } };
}

async function graphql<R, V>(key: string, pod: string, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const result = await rest(key, "POST", `/pods/${pod}/graphql`, { variables, extensions: persisted(document) });
  if (result.errors) throw new Error(result.errors.map((e: { message: string }) => e.message).join("; "));
  return result.data as R;
}

/** Subscribes with a plain EventSource (GET) and a one-minute stream ticket; reconnects with a fresh ticket. */
async function live<R>(key: string, pod: string, document: TypedDocumentNode<R, Record<string, never>>, onData: (data: R) => void) {
  const { ticket } = await rest(key, "POST", `/pods/${pod}/stream-tickets`);
  const extensions = encodeURIComponent(JSON.stringify(persisted(document)));
  const source = new EventSource(`/pods/${pod}/graphql?extensions=${extensions}&ticket=${encodeURIComponent(ticket)}`);
  source.addEventListener("next", (event) => onData(JSON.parse((event as MessageEvent<string>).data).data as R));
  source.addEventListener("error", () => {
    source.close();
    setTimeout(() => void live(key, pod, document, onData), 1000);
  });
}

function item(text: string): HTMLLIElement {
  const li = document.createElement("li");
  li.textContent = text;
  return li;
}

async function refreshTodo(key: string, pod: string) {
  const { notes } = await graphql(key, pod, NotesByStatusDocument, { status: "todo" as NotesStatus });
  $("todo").replaceChildren(...notes.nodes.map((n) => item(n.title)));
}

async function main() {
  const pod = (await rest(adminKey, "POST", "/pods", {})).podName as string;
  for (const actor of demo.actors) await rest(adminKey, "POST", `/pods/${pod}/actors`, { name: actor.name, config: actor.config });
  const created = await rest(adminKey, "POST", "/graphql", {
    query: `mutation($pod: String!) { createApiKey(pod: $pod, scopes: [WRITE], label: "example page") { key } }`,
    variables: { pod },
  });
  const key = created.data.createApiKey.key as string;
  $("pod").textContent = pod;

  await live(key, pod, NewNotesDocument, ({ notesAdded }) => {
    $("live").prepend(item(`${notesAdded.node?.title} (${notesAdded.node?.status})`));
    void refreshTodo(key, pod);
  });
  $("add").addEventListener("submit", async (event) => {
    event.preventDefault();
    const title = $<HTMLInputElement>("title").value;
    await graphql(key, pod, AddNoteDocument, { data: { title, status: $<HTMLSelectElement>("state").value as NotesStatus } });
    $<HTMLInputElement>("title").value = "";
  });
  await refreshTodo(key, pod);
  $("status").textContent = "ready";
}

main().catch((error) => ($("status").textContent = `error: ${error.message}`));
