import { printSchema } from "graphql";
import { expect, it } from "vitest";
import { schema } from "../src/graphql/schema.js";
import committed from "../schema/schema.graphql?raw";

it("schema/schema.graphql is the printed SDL of the current schema (npm run schema:print)", () => {
  expect(committed).toBe(printSchema(schema) + "\n");
});
