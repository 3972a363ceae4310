/**
 * The HTML pages the Worker serves itself: the landing page at `/` and
 * GraphiQL for `/graphql` and every `/pods/{pod}/graphql`. GraphiQL's files
 * come from this deployment's static assets (`/graphiql/...`, copied from
 * @graphql-yoga/graphiql by scripts/copy-graphiql.mjs), never from a CDN, and
 * the pages carry a Content-Security-Policy that allows only this origin.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join("; ");

export function htmlResponse(html: string): Response {
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP, "cache-control": "no-store" } });
}

/** Whether a GET request comes from a browser that wants a page rather than a GraphQL result (or an event stream). */
export function wantsPage(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  return request.method === "GET" && accept.includes("text/html") && !accept.includes("text/event-stream");
}

/** GraphiQL opens with `?query=` from the page's URL when there is one, so links can share an operation. */
export function pageQuery(request: Request, fallback: string): string {
  return new URL(request.url).searchParams.get("query") ?? fallback;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * GraphiQL for one endpoint (`/graphql` or `/pods/{pod}/graphql`), with what Yoga 5's GraphiQL honours:
 *
 * - `query`: the gateway's text, which says how to authenticate, opens in the editor before anything runs (Yoga
 *   passes `query` to GraphiQL as its initial query, and with none its own welcome text; `defaultQuery` would
 *   never show). The caller has already preferred the page URL's `?query=` (`pageQuery`).
 * - `defaultEditorToolsVisibility: "headers"`: the Headers editor is open at once, where that text points.
 * - `storage`: GraphiQL's state (tabs with their headers, history) is kept per endpoint, under
 *   `actor-gateway:<path>:`, so a key typed on `/graphql` is never sent from a pod's page, nor one pod's key from
 *   another's. Headers stored origin-wide by earlier versions of this page are removed.
 * - `onEditHeaders`: when the headers change (and parse as JSON), GraphiQL refetches the schema with them, as its
 *   Ctrl-Shift-R shortcut does, so autocomplete and the docs follow the key just entered.
 */
export function graphiqlPage(options: { title: string; defaultQuery: string }): string {
  const settings = JSON.stringify({
    title: options.title,
    query: options.defaultQuery,
    subscriptionsProtocol: "SSE",
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: "headers",
    // Kept in this browser, for this endpoint only (see `storage` below).
    shouldPersistHeaders: true,
  }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(options.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/graphiql/graphiql.css">
</head>
<body>
<div id="root">Loading ${escape(options.title)}…</div>
<script>
// Monaco's web workers load from this origin through blob URLs, as the CSP allows.
const workerFiles = { editorWorkerService: "editor.worker.bundle.js", json: "json.worker.bundle.js", graphql: "graphql.worker..bundle.js" };
const workers = {};
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_, label) => workers[label] };
const loadWorkers = Promise.all(Object.entries(workerFiles).map(async ([label, file]) => {
  const code = await (await fetch("/graphiql/monacoeditorwork/" + file)).text();
  workers[label] = URL.createObjectURL(new Blob([code], { type: "application/javascript" }));
}));

// GraphiQL's storage, one namespace per endpoint: its own keys ("graphiql:tabs", "graphiql:headers", ...)
// live under "actor-gateway:<path>:" in localStorage.
function endpointStorage(path) {
  const prefix = "actor-gateway:" + path + ":";
  const own = () => Object.keys(localStorage).filter((k) => k.startsWith(prefix));
  return {
    getItem: (key) => localStorage.getItem(prefix + key),
    setItem: (key, value) => localStorage.setItem(prefix + key, value),
    removeItem: (key) => localStorage.removeItem(prefix + key),
    clear: () => own().forEach((k) => localStorage.removeItem(k)),
    get length() { return own().length; },
  };
}
// Earlier versions of this page let GraphiQL keep its state origin-wide ("graphiql:..."), keys included.
for (const key of Object.keys(localStorage)) if (key.startsWith("graphiql:")) localStorage.removeItem(key);

// Refetch the schema once the headers have changed and parse (typing pauses 400 ms), through GraphiQL's own
// "re-fetch schema" shortcut, Ctrl-Shift-R, which introspects with the headers editor's content.
let headersTimer;
let introspectedWith;
function onEditHeaders(text) {
  clearTimeout(headersTimer);
  headersTimer = setTimeout(() => {
    let headers;
    try {
      headers = JSON.stringify(JSON.parse(text.trim() || "{}"));
    } catch {
      return; // not JSON yet: still being typed
    }
    if (headers === introspectedWith) return;
    introspectedWith = headers;
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "R", code: "KeyR", ctrlKey: true, shiftKey: true }));
  }, 400);
}
</script>
<script src="/graphiql/yoga-graphiql.umd.js"></script>
<script>
loadWorkers.finally(() => YogaGraphiQL.renderYogaGraphiQL(document.getElementById("root"), {
  ...${settings},
  endpoint: location.pathname,
  storage: endpointStorage(location.pathname),
  onEditHeaders,
}));
</script>
</body>
</html>`;
}

export function landingPage(origin: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>actor-gateway</title>
<link rel="icon" href="data:,">
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; color: #1b1b1f; }
code { background: #f2f2f5; padding: 0 .25rem; border-radius: 3px; }
li { margin: .4rem 0; }
</style>
</head>
<body>
<h1>actor-gateway</h1>
<p>A GraphQL gateway over Durable Object actors. Pods group actors; a store actor keeps JSON items validated by its JSON Schema,
and every named store actor gets a typed GraphQL API, live updates over Server-Sent Events and a REST API compatible with Paseo Core.</p>
<ul>
<li><a href="/graphql">GraphiQL</a> — explore the global schema: pods, actors, items, subscriptions.</li>
<li>Typed API of a pod: <code>${escape(origin)}/pods/&lt;pod&gt;/graphql</code> (open it in a browser for GraphiQL).</li>
<li>REST: <code>POST /pods</code>, <code>POST /pods/&lt;pod&gt;/actors</code>, items under <code>/pods/&lt;pod&gt;/actors/&lt;id&gt;/items</code>;
each actor's OpenAPI document at <code>/pods/&lt;pod&gt;/actors/&lt;id&gt;/openapi.json</code>.</li>
<li>Docs: <code>docs/</code> in the repository — getting started, typed GraphQL, subscriptions, REST reference.</li>
</ul>
</body>
</html>`;
}

export const GLOBAL_DEFAULT_QUERY = `# Add your key under Headers below (kept in this browser):
#   { "Authorization": "Bearer <key>" }
# Under \`npm start\` the development admin key is dev-admin-key.
#
# Pods and their actors. Create one with:
#   mutation { createPod(name: "demo") { name } }
{
  pods(first: 10) {
    nodes {
      name
      actorCount
      actors(first: 10) {
        nodes { id name indexes items(first: 5) { nodes { id data } } }
      }
    }
  }
}
`;
