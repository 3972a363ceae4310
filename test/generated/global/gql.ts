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
    "mutation CreatePod($name: String) {\n  createPod(name: $name) {\n    name\n    schemaVersion\n  }\n}\n\nmutation CreateActor($pod: String!, $config: JSON!, $name: String) {\n  createActor(pod: $pod, config: $config, name: $name) {\n    id\n    ref\n    name\n    indexes\n  }\n}\n\nquery PodActors($pod: String!, $first: Int) {\n  pod(name: $pod) {\n    name\n    actorCount\n    actors(first: $first) {\n      nodes {\n        id\n        name\n        items(first: 5) {\n          nodes {\n            id\n            data\n          }\n        }\n      }\n    }\n  }\n}\n\nquery ItemsById($pod: String!, $actor: ID!, $a: ID!, $b: ID!) {\n  pod(name: $pod) {\n    actor(id: $actor) {\n      a: item(id: $a) {\n        id\n        data\n      }\n      b: item(id: $b) {\n        id\n        data\n      }\n    }\n  }\n}": typeof types.CreatePodDocument,
};
const documents: Documents = {
    "mutation CreatePod($name: String) {\n  createPod(name: $name) {\n    name\n    schemaVersion\n  }\n}\n\nmutation CreateActor($pod: String!, $config: JSON!, $name: String) {\n  createActor(pod: $pod, config: $config, name: $name) {\n    id\n    ref\n    name\n    indexes\n  }\n}\n\nquery PodActors($pod: String!, $first: Int) {\n  pod(name: $pod) {\n    name\n    actorCount\n    actors(first: $first) {\n      nodes {\n        id\n        name\n        items(first: 5) {\n          nodes {\n            id\n            data\n          }\n        }\n      }\n    }\n  }\n}\n\nquery ItemsById($pod: String!, $actor: ID!, $a: ID!, $b: ID!) {\n  pod(name: $pod) {\n    actor(id: $actor) {\n      a: item(id: $a) {\n        id\n        data\n      }\n      b: item(id: $b) {\n        id\n        data\n      }\n    }\n  }\n}": types.CreatePodDocument,
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
export function graphql(source: "mutation CreatePod($name: String) {\n  createPod(name: $name) {\n    name\n    schemaVersion\n  }\n}\n\nmutation CreateActor($pod: String!, $config: JSON!, $name: String) {\n  createActor(pod: $pod, config: $config, name: $name) {\n    id\n    ref\n    name\n    indexes\n  }\n}\n\nquery PodActors($pod: String!, $first: Int) {\n  pod(name: $pod) {\n    name\n    actorCount\n    actors(first: $first) {\n      nodes {\n        id\n        name\n        items(first: 5) {\n          nodes {\n            id\n            data\n          }\n        }\n      }\n    }\n  }\n}\n\nquery ItemsById($pod: String!, $actor: ID!, $a: ID!, $b: ID!) {\n  pod(name: $pod) {\n    actor(id: $actor) {\n      a: item(id: $a) {\n        id\n        data\n      }\n      b: item(id: $b) {\n        id\n        data\n      }\n    }\n  }\n}"): (typeof documents)["mutation CreatePod($name: String) {\n  createPod(name: $name) {\n    name\n    schemaVersion\n  }\n}\n\nmutation CreateActor($pod: String!, $config: JSON!, $name: String) {\n  createActor(pod: $pod, config: $config, name: $name) {\n    id\n    ref\n    name\n    indexes\n  }\n}\n\nquery PodActors($pod: String!, $first: Int) {\n  pod(name: $pod) {\n    name\n    actorCount\n    actors(first: $first) {\n      nodes {\n        id\n        name\n        items(first: 5) {\n          nodes {\n            id\n            data\n          }\n        }\n      }\n    }\n  }\n}\n\nquery ItemsById($pod: String!, $actor: ID!, $a: ID!, $b: ID!) {\n  pod(name: $pod) {\n    actor(id: $actor) {\n      a: item(id: $a) {\n        id\n        data\n      }\n      b: item(id: $b) {\n        id\n        data\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;