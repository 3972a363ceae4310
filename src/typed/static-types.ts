/**
 * The fixed part of every pod schema: scalars, PageInfo, item metadata, the
 * author of a revision, sort direction, change kinds and the filter inputs
 * for each scalar kind. Their names are
 * ./inflection.ts's STATIC_TYPE_NAMES, which the actors' types must avoid.
 */
import { Kind, print } from "graphql";
import { CHANGE_OP_VALUES } from "../store/change.js";
import { JSON_SCALAR } from "../schema-shared/json-scalar.js";
import type { StoredItem } from "../store/item.js";
import type { Author } from "../store/revision.js";
import { ScalarInputError, shownValue } from "./input-errors.js";
import { STATIC_TYPE_NAMES } from "./inflection.js";
import type { PodBuilder } from "./pod-builder.js";

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

import type { PageInfoShape } from "../schema-shared/connection.js";

export function addStaticTypes(builder: PodBuilder) {
  const NAMES = STATIC_TYPE_NAMES;
  builder.scalarType(NAMES.json, JSON_SCALAR);
  const stringScalar = (name: "DateTime" | "Date" | "EmailAddress" | "URI", description: string, valid: (s: string) => boolean) =>
    builder.scalarType(name, {
      description,
      serialize: (value) => String(value),
      // The errors name the scalar and its format; use-input-errors.ts adds the field they were for.
      parseValue: (value) => {
        if (typeof value !== "string" || !valid(value)) throw new ScalarInputError(name, shownValue(JSON.stringify(value) ?? String(value)));
        return value;
      },
      parseLiteral: (node) => {
        if (node.kind !== Kind.STRING || !valid(node.value)) throw new ScalarInputError(name, shownValue(print(node)), node);
        return node.value;
      },
    });
  stringScalar(NAMES.dateTime, "An RFC 3339 date-time string (JSON Schema format `date-time`).", (s) => DATE_TIME.test(s));
  stringScalar(NAMES.date, "An RFC 3339 full-date string (JSON Schema format `date`).", (s) => DATE.test(s));
  stringScalar(NAMES.emailAddress, "An e-mail address (JSON Schema format `email`).", (s) => EMAIL.test(s));
  stringScalar(NAMES.uri, "An absolute URI (JSON Schema format `uri`).", (s) => URL.canParse(s));

  const PageInfo = builder.objectRef<PageInfoShape>(NAMES.pageInfo).implement({
    fields: (t) => ({
      hasNextPage: t.exposeBoolean("hasNextPage"),
      hasPreviousPage: t.exposeBoolean("hasPreviousPage"),
      startCursor: t.exposeString("startCursor", { nullable: true }),
      endCursor: t.exposeString("endCursor", { nullable: true }),
    }),
  });

  const ItemMeta = builder.objectRef<StoredItem>(NAMES.itemMeta).implement({
    description: "What the gateway records about an item.",
    fields: (t) => ({
      createdAt: t.float({ description: "Creation time, ms since the epoch.", resolve: (i) => i.ts }),
      updatedAt: t.float({ description: "Time of the last write (replace, patch, restore), ms since the epoch.", resolve: (i) => i.updatedTs }),
      rev: t.exposeInt("rev", { description: "1 on creation, +1 on each write (replace, patch, restore; a deletion is a revision too). Pass it as `ifRev` to write only while the item is unchanged." }),
      schemaVersion: t.exposeInt("schemaVersion", { description: "The actor config version the item was last validated against." }),
    }),
  });

  const RevisionAuthor = builder.objectRef<Author>(NAMES.revisionAuthor).implement({
    description: "Who wrote a revision: `kind` is `admin` (the gateway's admin key), `key` (a pod key, by id and label) or `retention`. Never a secret.",
    fields: (t) => ({
      kind: t.string({ resolve: (a) => a.kind }),
      keyId: t.string({ nullable: true, resolve: (a) => (a.kind === "key" ? a.keyId : null) }),
      label: t.string({ nullable: true, resolve: (a) => (a.kind === "key" ? a.label : null) }),
    }),
  });

  const SortDirection = builder.enumType(NAMES.sortDirection, { values: { ASC: { value: "asc" }, DESC: { value: "desc" } } });
  const ChangeOp = builder.enumType(NAMES.changeOp, { values: CHANGE_OP_VALUES });

  const StringFilter = builder.inputType(NAMES.stringFilter, {
    description: "Conditions on a string (also DateTime, Date, EmailAddress and URI) path. All given conditions must hold.",
    fields: (t) => ({
      eq: t.string(),
      ne: t.string({ description: "Not equal; also matches items without a value." }),
      in: t.stringList(),
      lt: t.string(),
      lte: t.string(),
      gt: t.string(),
      gte: t.string(),
      startsWith: t.string(),
      isNull: t.boolean({ description: "true: no value or null; false: a non-null value." }),
    }),
  });
  const IntFilter = builder.inputType(NAMES.intFilter, {
    fields: (t) => ({ eq: t.int(), ne: t.int(), in: t.intList(), lt: t.int(), lte: t.int(), gt: t.int(), gte: t.int(), isNull: t.boolean() }),
  });
  const FloatFilter = builder.inputType(NAMES.floatFilter, {
    fields: (t) => ({ eq: t.float(), ne: t.float(), in: t.floatList(), lt: t.float(), lte: t.float(), gt: t.float(), gte: t.float(), isNull: t.boolean() }),
  });
  const BooleanFilter = builder.inputType(NAMES.booleanFilter, {
    fields: (t) => ({ eq: t.boolean(), ne: t.boolean(), isNull: t.boolean() }),
  });
  const JSONFilter = builder.inputType(NAMES.jsonFilter, {
    description: "Equality conditions on a path whose values are not of one GraphQL type.",
    fields: (t) => ({ eq: t.field({ type: "JSON" }), ne: t.field({ type: "JSON" }), in: t.field({ type: ["JSON"] }), isNull: t.boolean() }),
  });

  return { PageInfo, ItemMeta, RevisionAuthor, SortDirection, ChangeOp, filters: { StringFilter, IntFilter, FloatFilter, BooleanFilter, JSONFilter } };
}

export type StaticTypes = ReturnType<typeof addStaticTypes>;
