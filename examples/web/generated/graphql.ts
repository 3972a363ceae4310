/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

export type NotesPersonInput = {
  /** Keys this schema does not declare, merged into the stored object. */
  _extra?: unknown;
  email?: string | null | undefined;
  name: string;
};

export type NotesStatus =
  | 'done'
  | 'in_progress'
  | 'todo';

export type AddNoteMutationVariables = Exact<{
  data: NotesInput;
}>;


export type AddNoteMutation = { createNotes: { id: string, title: string, status: NotesStatus } };

export type NotesByStatusQueryVariables = Exact<{
  status: NotesStatus;
}>;


export type NotesByStatusQuery = { notes: { totalCount: number, nodes: Array<{ id: string, title: string, status: NotesStatus, tags: Array<string> | null }> } };

export type NewNotesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type NewNotesSubscription = { notesAdded: { cursor: string, node: { id: string, title: string, status: NotesStatus } | null } };


export const AddNoteDocument = {"__meta__":{"hash":"sha256:d3374835092f6ff0ae2ce538524e999d6a37dafe0e61064340e610a473dbc8aa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"data"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NotesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createNotes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"data"},"value":{"kind":"Variable","name":{"kind":"Name","value":"data"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<AddNoteMutation, AddNoteMutationVariables>;
export const NotesByStatusDocument = {"__meta__":{"hash":"sha256:d65ff0ae83be9789780c3367a50407e7d11826994852e3fc77a9b837208d38f7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotesByStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NotesStatus"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"ID"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}}]}}]}}]}}]} as unknown as DocumentNode<NotesByStatusQuery, NotesByStatusQueryVariables>;
export const NewNotesDocument = {"__meta__":{"hash":"sha256:43b1a0d45a7efa17c548f8c1285365dcd1a80ac6bbd432927df8c63ba7086b74"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"NewNotes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notesAdded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<NewNotesSubscription, NewNotesSubscriptionVariables>;