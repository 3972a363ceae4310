/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation CreateNote($data: NotesInput!) {\n  createNotes(data: $data) {\n    id\n    title\n    status\n    priority\n    tags\n    due\n    author {\n      name\n      email\n    }\n    _meta {\n      rev\n      createdAt\n    }\n  }\n}\n\nmutation CreateNotes($data: [NotesInput!]!) {\n  createManyNotes(data: $data) {\n    id\n  }\n}\n\nquery ListNotes($first: Int, $after: String, $last: Int, $before: String, $where: NotesWhere, $orderBy: [NotesOrderBy!]) {\n  notes(\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n    where: $where\n    orderBy: $orderBy\n  ) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        title\n        status\n        priority\n        tags\n        due\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}\n\nmutation PatchNote($id: ID!, $patch: NotesPatch!) {\n  patchNotes(id: $id, patch: $patch) {\n    id\n    title\n    priority\n    _meta {\n      rev\n    }\n  }\n}": typeof types.CreateNoteDocument,
};
const documents: Documents = {
    "mutation CreateNote($data: NotesInput!) {\n  createNotes(data: $data) {\n    id\n    title\n    status\n    priority\n    tags\n    due\n    author {\n      name\n      email\n    }\n    _meta {\n      rev\n      createdAt\n    }\n  }\n}\n\nmutation CreateNotes($data: [NotesInput!]!) {\n  createManyNotes(data: $data) {\n    id\n  }\n}\n\nquery ListNotes($first: Int, $after: String, $last: Int, $before: String, $where: NotesWhere, $orderBy: [NotesOrderBy!]) {\n  notes(\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n    where: $where\n    orderBy: $orderBy\n  ) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        title\n        status\n        priority\n        tags\n        due\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}\n\nmutation PatchNote($id: ID!, $patch: NotesPatch!) {\n  patchNotes(id: $id, patch: $patch) {\n    id\n    title\n    priority\n    _meta {\n      rev\n    }\n  }\n}": types.CreateNoteDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateNote($data: NotesInput!) {\n  createNotes(data: $data) {\n    id\n    title\n    status\n    priority\n    tags\n    due\n    author {\n      name\n      email\n    }\n    _meta {\n      rev\n      createdAt\n    }\n  }\n}\n\nmutation CreateNotes($data: [NotesInput!]!) {\n  createManyNotes(data: $data) {\n    id\n  }\n}\n\nquery ListNotes($first: Int, $after: String, $last: Int, $before: String, $where: NotesWhere, $orderBy: [NotesOrderBy!]) {\n  notes(\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n    where: $where\n    orderBy: $orderBy\n  ) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        title\n        status\n        priority\n        tags\n        due\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}\n\nmutation PatchNote($id: ID!, $patch: NotesPatch!) {\n  patchNotes(id: $id, patch: $patch) {\n    id\n    title\n    priority\n    _meta {\n      rev\n    }\n  }\n}"): (typeof documents)["mutation CreateNote($data: NotesInput!) {\n  createNotes(data: $data) {\n    id\n    title\n    status\n    priority\n    tags\n    due\n    author {\n      name\n      email\n    }\n    _meta {\n      rev\n      createdAt\n    }\n  }\n}\n\nmutation CreateNotes($data: [NotesInput!]!) {\n  createManyNotes(data: $data) {\n    id\n  }\n}\n\nquery ListNotes($first: Int, $after: String, $last: Int, $before: String, $where: NotesWhere, $orderBy: [NotesOrderBy!]) {\n  notes(\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n    where: $where\n    orderBy: $orderBy\n  ) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        title\n        status\n        priority\n        tags\n        due\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}\n\nmutation PatchNote($id: ID!, $patch: NotesPatch!) {\n  patchNotes(id: $id, patch: $patch) {\n    id\n    title\n    priority\n    _meta {\n      rev\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;