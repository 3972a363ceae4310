/**
 * Input errors that say how to fix them, for the typed pod endpoints.
 * graphql-js answers a `where` field the actor does not index with "Field
 * "title" is not defined by type "NotesWhere"", an `orderBy` on one with
 * "Value "TITLE" does not exist in "NotesOrderField" enum", and a custom
 * scalar cannot know which field its value was for. This plugin rewrites
 * those errors, in the operation text (validation) and in variables (request
 * errors of execute and subscribe):
 *
 * - a name that matches a schema path without an index → UNINDEXED_FILTER
 *   listing the indexed fields and the index to add (the facts come from the
 *   types' `extensions`, see ../typed/input-errors.ts);
 * - a ScalarInputError → BAD_USER_INPUT naming the field (`due`,
 *   `author.email`) or variable path (`$data[1].due`) and the format.
 *
 * Every other error passes unchanged, as do locations.
 */
import {
  coerceInputValue,
  GraphQLError,
  isInputType,
  Kind,
  typeFromAST,
  visit,
  BREAK,
  type ASTNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { screamingSnakeCase } from "../typed/inflection.js";
import { INPUT_HELP, scalarError, ScalarInputError, unindexedError, type InputHelp } from "../typed/input-errors.js";

const UNKNOWN_FIELD = /^Field "(.*)" is not defined by type "([_A-Za-z][_0-9A-Za-z]*)"\./s;
const UNKNOWN_ENUM_VALUE = /^Value "(.*)" does not exist in "([_A-Za-z][_0-9A-Za-z]*)" enum\./s;

function helpOf(schema: GraphQLSchema, typeName: string, kind: InputHelp["kind"]): InputHelp | null {
  const help = schema.getType(typeName)?.extensions?.[INPUT_HELP] as InputHelp | undefined;
  return help?.kind === kind ? help : null;
}

/** UNINDEXED_FILTER when `message` is graphql-js' complaint about a name that is a path without an index. */
function unindexed(schema: GraphQLSchema, message: string, nodes: readonly ASTNode[] | undefined, at?: string, enumValue?: unknown): GraphQLError | null {
  const field = UNKNOWN_FIELD.exec(message);
  if (field) {
    const help = helpOf(schema, field[2]!, "where");
    const target = help?.unindexed.get(field[1]!);
    return help && target ? unindexedError(help, field[1]!, target, nodes, at === undefined ? undefined : `${at}.${field[1]}`) : null;
  }
  const value = UNKNOWN_ENUM_VALUE.exec(message);
  if (value) {
    const help = helpOf(schema, value[2]!, "orderBy");
    const name = typeof enumValue === "string" ? enumValue : value[1]!;
    // Users type a field as they know it (createdAt, CREATEDAT, CREATED_AT): try the enum's own spelling first.
    const target = help?.unindexed.get(name) ?? help?.unindexed.get(screamingSnakeCase(name)) ?? help?.unindexed.get(name.toUpperCase());
    return help && target ? unindexedError(help, name, target, nodes, at) : null;
  }
  return null;
}

// --- errors in the operation text -----------------------------------------------------------

/** The field a literal value is for: `due`, `author.email`, `tags[2]`; `data[1].due` in a list argument; `$d` in a variable default. */
function literalLabel(document: DocumentNode, target: ASTNode): string | null {
  let label: string | null = null;
  visit(document, {
    enter(node, _key, parent, _path, ancestors) {
      if (node !== target) return undefined;
      // `ancestors` stops short of the parent, and holds the arrays nodes sit in as well as nodes.
      const chain = [...ancestors, parent, node].filter((n): n is ASTNode => !!n && !Array.isArray(n));
      let root: string | null = null;
      let segments: string[] = [];
      chain.forEach((n, i) => {
        if (n.kind === Kind.ARGUMENT) [root, segments] = [n.name.value, []];
        else if (n.kind === Kind.VARIABLE_DEFINITION) [root, segments] = [`$${n.variable.name.value}`, []];
        else if (n.kind === Kind.OBJECT_FIELD) segments.push(`.${n.name.value}`);
        else if (n.kind === Kind.LIST) segments.push(`[${n.values.indexOf(chain[i + 1] as never)}]`);
      });
      if (root !== null) {
        const inner = segments.join("");
        label = String(root).startsWith("$") || inner === "" || inner.startsWith("[") ? `${root}${inner}` : inner.slice(1);
      }
      return BREAK;
    },
  });
  return label;
}

function rewriteLiteral(schema: GraphQLSchema, document: DocumentNode, error: GraphQLError): GraphQLError | null {
  const node = error.nodes?.[0];
  if (error instanceof ScalarInputError) {
    const label = node ? literalLabel(document, node) : null;
    return label ? scalarError(label, error, error.nodes) : null;
  }
  if (node?.kind === Kind.OBJECT_FIELD || node?.kind === Kind.ENUM) return unindexed(schema, error.message, error.nodes);
  return null;
}

// --- errors in variables --------------------------------------------------------------------

interface Coercion {
  path: readonly (string | number)[];
  invalid: unknown;
  error: GraphQLError;
}

/** The coercion errors of one variable with their paths, which graphql-js only prints into its message. */
function coercionErrors(schema: GraphQLSchema, definition: VariableDefinitionNode, variables: Record<string, unknown>): Coercion[] {
  const type = typeFromAST(schema, definition.type);
  const name = definition.variable.name.value;
  if (!type || !isInputType(type) || !Object.prototype.hasOwnProperty.call(variables, name)) return [];
  const found: Coercion[] = [];
  try {
    coerceInputValue(variables[name], type, (path, invalid, error) => found.push({ path, invalid, error }));
  } catch {
    return [];
  }
  return found;
}

const withoutSuggestion = (message: string) => message.replace(/ Did you mean [\s\S]*$/, "");

function rewriteVariables(schema: GraphQLSchema, variables: Record<string, unknown>, result: ExecutionResult): ExecutionResult | null {
  if (result.data !== undefined || !result.errors?.length) return null;
  const byVariable = new Map<VariableDefinitionNode, { found: Coercion[]; next: number }>();
  let changed = false;
  const errors = result.errors.map((error) => {
    const node = error.nodes?.[0];
    if (node?.kind !== Kind.VARIABLE_DEFINITION || !(error.originalError instanceof GraphQLError)) return error;
    let seen = byVariable.get(node);
    if (!seen) byVariable.set(node, (seen = { found: coercionErrors(schema, node, variables), next: 0 }));
    // graphql-js reports a variable's coercion errors in the order coerceInputValue finds them.
    const coercion = seen.found[seen.next++];
    if (!coercion || withoutSuggestion(coercion.error.message) !== withoutSuggestion(error.originalError.message)) return error;
    const label = `$${node.variable.name.value}${coercion.path.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("")}`;
    const rewritten =
      coercion.error instanceof ScalarInputError
        ? scalarError(label, coercion.error, error.nodes)
        : unindexed(schema, coercion.error.message, error.nodes, label, coercion.invalid);
    if (!rewritten) return error;
    changed = true;
    return rewritten;
  });
  return changed ? { ...result, errors } : null;
}

export function useInputErrors(): Plugin {
  return {
    onValidate({ params: { schema, documentAST } }) {
      return ({ result, setResult }) => {
        if (result.length === 0) return;
        let changed = false;
        const errors = result.map((error) => {
          const rewritten = rewriteLiteral(schema, documentAST, error);
          if (rewritten) changed = true;
          return rewritten ?? error;
        });
        if (changed) setResult(errors);
      };
    },
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const rewritten = rewriteVariables(args.schema, args.variableValues ?? {}, result);
          if (rewritten) setResult(rewritten);
        },
      };
    },
    onSubscribe({ args }) {
      return {
        onSubscribeResult({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const rewritten = rewriteVariables(args.schema, args.variableValues ?? {}, result as ExecutionResult);
          if (rewritten) setResult(rewritten);
        },
      };
    },
  };
}
