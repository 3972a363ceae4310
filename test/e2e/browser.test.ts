/**
 * GraphiQL in a real browser (Debian's Chromium driven by playwright-core)
 * against `wrangler dev`: no request may leave the machine; a query runs and
 * shows its result; a subscription shows an item written by the test.
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

/** A fresh page that records every URL it requests. */
async function open(path: string): Promise<{ page: Page; requested: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // What a user does once in the headers editor; GraphiQL keeps it in localStorage.
  await context.addInitScript((headers) => localStorage.setItem("graphiql:headers", headers), JSON.stringify({ Authorization: `Bearer ${adminKey}` }));
  const page = await context.newPage();
  const requested: string[] = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto(url + path);
  await page.waitForSelector(".graphiql-execute-button", { timeout: 90_000 });
  // The editors are ready once the operation from the URL shows in the query editor.
  const head = new URL(url + path).searchParams.get("query")!.slice(0, 12);
  await page.waitForFunction((text) => document.body.innerText.replace(/\u00a0/g, " ").includes(text), head, { timeout: 30_000 });
  await page.waitForTimeout(500);
  return { page, requested };
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
