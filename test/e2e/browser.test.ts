/**
 * GraphiQL in a real browser (Debian's Chromium driven by playwright-core)
 * against `wrangler dev`: no request may leave the machine; a query runs and
 * shows its result; a subscription shows an item written by the test. Keys:
 * the page says how to send one before anything runs, refetches the schema
 * when the headers change, and keeps headers per endpoint.
 * Screenshots go to test-results/screenshots/ (the path is printed).
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { findChromium } from "../../scripts/lib/chromium.js";

const url = inject("gatewayUrl");
const adminKey = inject("adminKey");
const auth = { authorization: `Bearer ${adminKey}` };
// GraphiQL loads about 5 MB of JavaScript; a busy CI machine needs time.
vi.setConfig({ testTimeout: 180_000 });
const SHOTS = resolve("test-results/screenshots");
// $CHROMIUM_PATH, else chromium on PATH (Debian's /usr/bin/chromium), which npm test's pretest step installs when missing.
const CHROMIUM = findChromium() ?? "/usr/bin/chromium";
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  console.log(`screenshots: ${SHOTS}`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
});

afterAll(async () => {
  await browser?.close();
});

async function json(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(url + path, { method, headers: { "content-type": "application/json", ...auth }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return res.json();
}

/** GraphiQL's localStorage key for `name` on the page at `path`: the page keeps GraphiQL's state per endpoint. */
const storageKey = (path: string, name: string) => `actor-gateway:${new URL(url + path).pathname}:graphiql:${name}`;

/**
 * A fresh page that records every URL it requests. `headers`: what a user typed once in the headers editor
 * on that endpoint's page (GraphiQL keeps it in localStorage, per endpoint); null for none.
 */
async function open(path: string, headers: string | null = JSON.stringify({ Authorization: `Bearer ${adminKey}` })): Promise<{ page: Page; requested: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  if (headers !== null) await context.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [storageKey(path, "headers"), headers]);
  const page = await context.newPage();
  const requested: string[] = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto(url + path);
  await page.waitForSelector(".graphiql-execute-button", { timeout: 90_000 });
  // The editors are ready once the operation from the URL (or the page's own text) shows in the query editor.
  const head = new URL(url + path).searchParams.get("query")?.slice(0, 12) ?? "# ";
  await page.waitForFunction((text) => document.body.innerText.replace(/\u00a0/g, " ").includes(text), head, { timeout: 30_000 });
  await page.waitForTimeout(500);
  return { page, requested };
}

/** POST requests a page sends to GraphQL endpoints, with their Authorization header and operation. */
function recordOperations(page: Page): { url: string; authorization: string | undefined; query: string }[] {
  const seen: { url: string; authorization: string | undefined; query: string }[] = [];
  page.on("request", (r) => {
    if (r.method() !== "POST" || !/\/graphql(\/stream)?$/.test(new URL(r.url()).pathname)) return;
    let query = "";
    try {
      query = JSON.parse(r.postData() ?? "{}").query ?? "";
    } catch {
      query = r.postData() ?? "";
    }
    seen.push({ url: r.url(), authorization: r.headers()["authorization"], query });
  });
  return seen;
}

/** Types `text` into the headers editor (Monaco), replacing what is there. */
async function typeHeaders(page: Page, text: string) {
  await page.click('.monaco-editor[data-uri$="headers.json"]');
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

function external(urls: string[]): string[] {
  return urls.filter((u) => {
    if (u.startsWith("data:") || u.startsWith("blob:")) return false;
    const host = new URL(u).hostname;
    return host !== "127.0.0.1" && host !== "localhost";
  });
}

// Monaco renders spaces as no-break spaces.
const bodyText = (page: Page) => page.evaluate(() => document.body.innerText.replace(/\u00a0/g, " "));
const waitForText = (page: Page, text: string, timeout = 30_000) => page.waitForFunction((t) => document.body.innerText.replace(/\u00a0/g, " ").includes(t), text, { timeout });

describe("GraphiQL in a browser, offline", () => {
  it("loads from the Worker alone and runs a query", async () => {
    const pod = (await json("POST", "/pods", {})).podName as string;
    const query = `{ pod(name: "${pod}") { name actorCount } }`;
    const { page, requested } = await open(`/graphql?query=${encodeURIComponent(query)}`);
    await page.click(".graphiql-execute-button");
    await page.waitForFunction((name) => document.body.innerText.replace(/\u00a0/g, " ").includes(`"name": "${name}"`), pod, { timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/graphiql-query.png` });
    expect(await bodyText(page)).toContain('"actorCount": 0');
    expect(external(requested)).toEqual([]);
    expect(requested.some((u) => u.includes("/graphiql/yoga-graphiql.umd.js"))).toBe(true);
  });

  it("runs a subscription over SSE and shows an item written by the test", async () => {
    const pod = (await json("POST", "/pods", {})).podName as string;
    await json("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema: { type: "object", properties: { title: { type: "string" } } } } });
    const { page, requested } = await open(`/pods/${pod}/graphql?query=${encodeURIComponent("subscription { notesAdded { cursor node { id title } } }")}`);
    await page.click(".graphiql-execute-button");
    await page.waitForTimeout(1000); // the subscription reaches the actor
    await json("POST", `/pods/${pod}/graphql`, { query: `mutation { createNotes(data: { title: "from the test" }) { id } }` });
    await page.waitForFunction(() => document.body.innerText.replace(/\u00a0/g, " ").includes("from the test"), undefined, { timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/graphiql-subscription.png` });
    expect(external(requested)).toEqual([]);
  });
});

describe("the example frontend (examples/web)", () => {
  it("shows a note written elsewhere appear live, and its filtered list", async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    await page.goto(`${url}/example/`);
    await page.waitForFunction(() => document.getElementById("status")?.textContent === "ready", undefined, { timeout: 30_000 });
    const pod = (await page.textContent("#pod"))!;
    await json("POST", `/pods/${pod}/graphql`, { query: `mutation { createNotes(data: { title: "written by the test", status: todo }) { id } }` });
    await page.waitForFunction(() => document.getElementById("live")?.textContent?.includes("written by the test"), undefined, { timeout: 30_000 });
    await page.fill("#title", "typed in the page");
    await page.click("button");
    await page.waitForFunction(() => document.getElementById("todo")?.textContent?.includes("typed in the page"), undefined, { timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/example-frontend.png` });
    expect(await page.textContent("#live")).toContain("typed in the page (todo)");
    expect(external(requested)).toEqual([]);
  });
});

describe("GraphiQL: keys", () => {
  it("says how to authenticate before any query runs, with the headers editor open (a)", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const operations = recordOperations(page);
    await page.goto(`${url}/graphql`);
    await page.waitForSelector(".graphiql-execute-button", { timeout: 90_000 });
    await waitForText(page, "Add your key under Headers below");
    const text = await bodyText(page);
    expect(text).toContain('{ "Authorization": "Bearer <key>" }');
    expect(text).toContain("the development admin key is dev-admin-key");
    expect(text, "GraphiQL's stock welcome text replaced the gateway's").not.toContain("Welcome to");
    expect(await page.isVisible('.monaco-editor[data-uri$="headers.json"]'), "the headers editor is open").toBe(true);
    await page.screenshot({ path: `${SHOTS}/graphiql-first-visit.png` });
    expect(operations.filter((o) => !o.query.includes("IntrospectionQuery")), "nothing but the schema's introspection ran").toEqual([]);

    const pod = (await json("POST", "/pods", {})).podName as string;
    const podPage = await context.newPage();
    await podPage.goto(`${url}/pods/${pod}/graphql`);
    await podPage.waitForSelector(".graphiql-execute-button", { timeout: 90_000 });
    await waitForText(podPage, "Add your key under Headers below");
    expect(await bodyText(podPage)).not.toContain("Welcome to");
    await context.close();
  });

  it("refetches the schema when the headers change, so autocomplete knows the pod's types (b)", async () => {
    const pod = (await json("POST", "/pods", {})).podName as string;
    await json("POST", `/pods/${pod}/actors`, { name: "notes", config: { actorType: "store", version: "v1", schema: { type: "object", properties: { title: { type: "string" } } } } });
    const { page } = await open(`/pods/${pod}/graphql`, null);
    const operations = recordOperations(page);
    await typeHeaders(page, JSON.stringify({ Authorization: `Bearer ${adminKey}` }));
    // No reload, no click on "re-fetch schema": the headers alone bring the introspection with the key.
    await expect.poll(() => operations.filter((o) => o.query.includes("IntrospectionQuery") && o.authorization === `Bearer ${adminKey}`).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.click('button[aria-label="Show Documentation Explorer"]');
    await page.waitForFunction(() => document.querySelector(".graphiql-plugin")?.textContent?.includes("NotesConnection"), undefined, { timeout: 15_000 });
    // Autocomplete in the query editor offers the typed list field.
    await page.click(".graphiql-query-editor .monaco-editor");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type("{ no");
    // The suggestion row reads "notes" then its type, "NotesConnection!".
    await page.waitForFunction(() => /notes\s*NotesConnection!/.test(document.querySelector(".suggest-widget")?.textContent ?? ""), undefined, { timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/graphiql-autocomplete-after-key.png` });
    await page.context().close();
  });

  it("keeps headers per endpoint: a key typed on /graphql is never sent from a pod's page (c)", async () => {
    const pod = (await json("POST", "/pods", {})).podName as string;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const global = await context.newPage();
    await global.goto(`${url}/graphql`);
    await global.waitForSelector(".graphiql-execute-button", { timeout: 90_000 });
    await waitForText(global, "Add your key under Headers below");
    await typeHeaders(global, JSON.stringify({ Authorization: `Bearer ${adminKey}` }));
    await expect.poll(() => global.evaluate((key) => localStorage.getItem(key), storageKey("/graphql", "headers")), { timeout: 10_000 }).toContain(adminKey);
    // What earlier versions of the page stored origin-wide, for every endpoint.
    await global.evaluate((key) => localStorage.setItem("graphiql:headers", JSON.stringify({ Authorization: `Bearer ${key}` })), adminKey);

    const podPage = await context.newPage();
    const operations = recordOperations(podPage);
    await podPage.goto(`${url}/pods/${pod}/graphql?query=${encodeURIComponent("{ _schemaVersion }")}`);
    await podPage.waitForSelector(".graphiql-execute-button", { timeout: 90_000 });
    await waitForText(podPage, "{ _schemaVersion }");
    await podPage.click(".graphiql-execute-button");
    await waitForText(podPage, "UNAUTHENTICATED");
    expect(operations.length, "the pod page sent its introspection and the query").toBeGreaterThanOrEqual(2);
    expect(operations.filter((o) => o.authorization !== undefined), "requests from the pod page that carry a key").toEqual([]);
    const stored = await podPage.evaluate((key) => Object.entries(localStorage).filter(([, value]) => value.includes(key)).map(([name]) => name), adminKey);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.filter((name) => !name.startsWith("actor-gateway:/graphql:")), "the key is stored only under /graphql (the origin-wide copy is gone)").toEqual([]);

    // Back on /graphql (a reload), the key is still there and used.
    const again = await context.newPage();
    const againOps = recordOperations(again);
    await again.goto(`${url}/graphql`);
    await again.waitForSelector(".graphiql-execute-button", { timeout: 90_000 });
    await expect.poll(() => againOps.filter((o) => o.authorization === `Bearer ${adminKey}`).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await context.close();
  });
});
