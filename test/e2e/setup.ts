/** Starts the gateway with `wrangler dev` on loopback for the end-to-end tests, and stops it afterwards. */
import type { TestProject } from "vitest/node";
import { startGateway, type Gateway } from "../../scripts/gateway.js";

let gateway: Gateway | undefined;

export async function setup(project: TestProject) {
  gateway = await startGateway();
  project.provide("gatewayUrl", gateway.url);
  project.provide("adminKey", gateway.adminKey);
}

export async function teardown() {
  await gateway?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    gatewayUrl: string;
    adminKey: string;
  }
}
