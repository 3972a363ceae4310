import { printSchema } from "graphql";
import { expect, it } from "vitest";
import { schema } from "../src/graphql/schema.js";
import { exampleSchemaSdl } from "../src/typed/example-pod.js";
import committed from "../schema/schema.graphql?raw";
import demoSdl from "../schema/examples/demo-pod.graphql?raw";
import demo from "../schema/examples/demo-pod.json";

it("schema/schema.graphql is the printed SDL of the global schema (npm run schema:print)", () => {
  expect(committed).toBe(printSchema(schema) + "\n");
});

it("schema/examples/demo-pod.graphql is the printed typed schema of the example pod (npm run schema:print)", () => {
  expect(demoSdl).toBe(exampleSchemaSdl(demo));
});
