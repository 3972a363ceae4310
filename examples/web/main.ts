/**
 * A small frontend on the gateway: creates a pod with the example pod's store
 * actors (schema/examples/demo-pod.json) over REST, adds notes with a typed
 * mutation, lists them with a filter, and shows new notes live through an SSE
 * subscription. The documents are typed by codegen.ts (examples/web/generated).
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import demo from "../../schema/examples/demo-pod.json";
import { AddNoteDocument, NewNotesDocument, NotesByStatusDocument, type NotesStatus } from "./generated/graphql.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function rest(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function graphql<R, V>(pod: string, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const result = await rest("POST", `/pods/${pod}/graphql`, { query: print(document), variables });
  if (result.errors) throw new Error(result.errors.map((e: { message: string }) => e.message).join("; "));
  return result.data as R;
}

/** Subscribes with a plain EventSource (GET); resumes from the last cursor if the stream drops. */
function live<R>(pod: string, document: TypedDocumentNode<R, Record<string, never>>, onData: (data: R) => void) {
  const source = new EventSource(`/pods/${pod}/graphql?query=${encodeURIComponent(print(document))}`);
  source.addEventListener("next", (event) => onData(JSON.parse((event as MessageEvent<string>).data).data as R));
  return source;
}

function item(text: string): HTMLLIElement {
  const li = document.createElement("li");
  li.textContent = text;
  return li;
}

async function refreshTodo(pod: string) {
  const { notes } = await graphql(pod, NotesByStatusDocument, { status: "todo" as NotesStatus });
  $("todo").replaceChildren(...notes.nodes.map((n) => item(n.title)));
}

async function main() {
  const pod = (await rest("POST", "/pods", {})).podName as string;
  for (const actor of demo.actors) await rest("POST", `/pods/${pod}/actors`, { name: actor.name, config: actor.config });
  $("pod").textContent = pod;

  live(pod, NewNotesDocument, ({ notesAdded }) => {
    $("live").prepend(item(`${notesAdded.node?.title} (${notesAdded.node?.status})`));
    void refreshTodo(pod);
  });
  $("add").addEventListener("submit", async (event) => {
    event.preventDefault();
    const title = $<HTMLInputElement>("title").value;
    await graphql(pod, AddNoteDocument, { data: { title, status: $<HTMLSelectElement>("state").value as NotesStatus } });
    $<HTMLInputElement>("title").value = "";
  });
  await refreshTodo(pod);
  $("status").textContent = "ready";
}

main().catch((error) => ($("status").textContent = `error: ${error.message}`));
