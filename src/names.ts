/**
 * The name rules, in one leaf module every layer may import: pod names become
 * URL segments and Durable Object names, actor names become GraphQL field and
 * type names (so they follow GraphQL's name rules).
 */
export const POD_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const ACTOR_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
