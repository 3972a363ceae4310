/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type IntFilter = {
  eq?: number | null | undefined;
  gt?: number | null | undefined;
  gte?: number | null | undefined;
  in?: Array<number> | null | undefined;
  isNull?: boolean | null | undefined;
  lt?: number | null | undefined;
  lte?: number | null | undefined;
  ne?: number | null | undefined;
};

export type NotesInput = {
  author?: NotesPersonInput | null | undefined;
  due?: string | null | undefined;
  metadata?: NotesMetadataInput | null | undefined;
  priority?: number | null | undefined;
  status: NotesStatus;
  tags?: Array<string> | null | undefined;
  /** What the note says. */
  title: string;
};

export type NotesMetadataInput = {
  /** Keys this schema does not declare, merged into the stored object. */
  _extra?: unknown;
  source?: string | null | undefined;
  type?: string | null | undefined;
};

/** A JSON Merge Patch for NotesMetadata: omitted fields stay, null removes a field. */
export type NotesMetadataPatch = {
  /** Keys this schema does not declare, merged into the stored object. */
  _extra?: unknown;
  source?: string | null | undefined;
  type?: string | null | undefined;
};

export type NotesOrderBy = {
  direction?: SortDirection | null | undefined;
  field: NotesOrderField;
};

export type NotesOrderField =
  /** Indexed path `due`. */
  | 'DUE'
  /** Insertion order. */
  | 'ID'
  /** Indexed path `metadata.type`. */
  | 'METADATA_TYPE'
  /** Indexed path `priority`. */
  | 'PRIORITY'
  /** Indexed path `status`. */
  | 'STATUS'
  /** Indexed path `tags`. */
  | 'TAGS';

/** A JSON Merge Patch for NotesData: omitted fields stay, null removes a field. */
export type NotesPatch = {
  author?: NotesPersonPatch | null | undefined;
  due?: string | null | undefined;
  metadata?: NotesMetadataPatch | null | undefined;
  priority?: number | null | undefined;
  status?: NotesStatus | null | undefined;
  tags?: Array<string> | null | undefined;
  /** What the note says. */
  title?: string | null | undefined;
};

export type NotesPersonInput = {
  /** Keys this schema does not declare, merged into the stored object. */
  _extra?: unknown;
  email?: string | null | undefined;
  name: string;
};

/** A JSON Merge Patch for NotesPerson: omitted fields stay, null removes a field. */
export type NotesPersonPatch = {
  /** Keys this schema does not declare, merged into the stored object. */
  _extra?: unknown;
  email?: string | null | undefined;
  name?: string | null | undefined;
};

export type NotesStatus =
  | 'done'
  | 'in_progress'
  | 'todo';

export type NotesStatusFilter = {
  eq?: NotesStatus | null | undefined;
  in?: Array<NotesStatus> | null | undefined;
  isNull?: boolean | null | undefined;
  ne?: NotesStatus | null | undefined;
};

/** Conditions on the indexed paths of Notes. Fields combine with AND. */
export type NotesWhere = {
  AND?: Array<NotesWhere> | null | undefined;
  NOT?: NotesWhere | null | undefined;
  OR?: Array<NotesWhere> | null | undefined;
  /** Indexed path `due`. */
  due?: StringFilter | null | undefined;
  /** Indexed path `metadata.type`. */
  metadata_type?: StringFilter | null | undefined;
  /** Indexed path `priority`. */
  priority?: IntFilter | null | undefined;
  /** Indexed path `status`. */
  status?: NotesStatusFilter | null | undefined;
  /** Indexed path `tags`. */
  tags?: StringFilter | null | undefined;
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

/** Conditions on a string (also DateTime, Date, EmailAddress and URI) path. All given conditions must hold. */
export type StringFilter = {
  eq?: string | null | undefined;
  gt?: string | null | undefined;
  gte?: string | null | undefined;
  in?: Array<string> | null | undefined;
  /** true: no value or null; false: a non-null value. */
  isNull?: boolean | null | undefined;
  lt?: string | null | undefined;
  lte?: string | null | undefined;
  /** Not equal; also matches items without a value. */
  ne?: string | null | undefined;
  startsWith?: string | null | undefined;
};

export type CreateNoteMutationVariables = Exact<{
  data: NotesInput;
}>;


export type CreateNoteMutation = { createNotes: { id: string, title: string, status: NotesStatus, priority: number | null, tags: Array<string> | null, due: string | null, author: { name: string, email: string | null } | null, _meta: { rev: number, createdAt: number } } };

export type CreateNotesMutationVariables = Exact<{
  data: Array<NotesInput> | NotesInput;
}>;


export type CreateNotesMutation = { createManyNotes: Array<{ id: string }> };

export type ListNotesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  where?: NotesWhere | null | undefined;
  orderBy?: Array<NotesOrderBy> | NotesOrderBy | null | undefined;
}>;


export type ListNotesQuery = { notes: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, title: string, status: NotesStatus, priority: number | null, tags: Array<string> | null, due: string | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type PatchNoteMutationVariables = Exact<{
  id: string | number;
  patch: NotesPatch;
}>;


export type PatchNoteMutation = { patchNotes: { id: string, title: string, priority: number | null, _meta: { rev: number } } };


export const CreateNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"data"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NotesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createNotes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"data"},"value":{"kind":"Variable","name":{"kind":"Name","value":"data"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"_meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rev"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<CreateNoteMutation, CreateNoteMutationVariables>;
export const CreateNotesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateNotes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"data"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NotesInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createManyNotes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"data"},"value":{"kind":"Variable","name":{"kind":"Name","value":"data"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateNotesMutation, CreateNotesMutationVariables>;
export const ListNotesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListNotes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"NotesWhere"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NotesOrderBy"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"due"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ListNotesQuery, ListNotesQueryVariables>;
export const PatchNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PatchNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patch"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NotesPatch"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patchNotes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"patch"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patch"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"_meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rev"}}]}}]}}]}}]} as unknown as DocumentNode<PatchNoteMutation, PatchNoteMutationVariables>;