/** The gateway's GraphQL schema: imports each type module, then builds. */
import { lexicographicSortSchema } from "graphql";
import { builder } from "./builder.js";
import "./types/json-scalar.js";
import "./types/pod.js";
import "./types/actor.js";
import "./types/item.js";
import "./types/item-history.js";
import "./types/subscription.js";
import "./types/access.js";

export const schema = lexicographicSortSchema(builder.toSchema());
