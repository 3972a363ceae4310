/** `JSON`: any JSON value, for schemas, configs and untyped item data. */
import { builder } from "../builder.js";
import { JSON_SCALAR } from "../../schema-shared/json-scalar.js";

builder.scalarType("JSON", JSON_SCALAR);
