/**
 * The cost of an operation, counted before it runs: every selected field
 * costs 1, times the page sizes of the lists it sits in (a field with
 * `first` or `last` returns up to that many nodes; without them, the default
 * page size). So `pods(first: 200) { nodes { actors(first: 200) { ... } } }`
 * costs what it would make the gateway do, not what its text looks like.
 * Variables are known here (the plugin runs at execution), so `first: $n`
 * counts its real value, or its default when it is left out. Each fragment is
 * costed once, so the walk is linear in the size of the document.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from "graphql";
import { LIMITS } from "../../limits.js";

export function operationCost(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  // A variable left out takes its default (`$n: Int = 200`), as execution will.
  const defaults = new Map(operation.variableDefinitions?.map((v) => [v.variable.name.value, v.defaultValue]) ?? []);

  const pageArg = (value: ValueNode | undefined): number | null => {
    if (!value) return null;
    if (value.kind === Kind.VARIABLE) {
      const name = value.name.value;
      if (variables && Object.prototype.hasOwnProperty.call(variables, name)) return page(variables[name]);
      return pageArg(defaults.get(name));
    }
    return value.kind === Kind.INT ? page(Number(value.value)) : null;
  };
  // Sort terms in an `orderBy` argument: a list's length, or 1 for a single term (input coercion makes it a list of one).
  const orderTerms = (value: ValueNode | undefined): number => {
    if (!value || value.kind === Kind.NULL) return 0;
    if (value.kind === Kind.VARIABLE) {
      const name = value.name.value;
      if (variables && Object.prototype.hasOwnProperty.call(variables, name)) {
        const given = variables[name];
        return Array.isArray(given) ? given.length : given == null ? 0 : 1;
      }
      return orderTerms(defaults.get(name));
    }
    return value.kind === Kind.LIST ? value.values.length : 1;
  };

  // cost(set, m) = m × cost(set, 1): every field costs its multiplier. So each fragment is costed
  // once, at multiplier 1, and a spread costs that: linear in the document however often a
  // fragment is spread (22 levels each spreading the next twice once took seconds here).
  const fragmentCosts = new Map<string, number>();
  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    // Validation already rejects fragment cycles and unknown fragments; this only guards the walk.
    fragmentCosts.set(name, 0);
    const cost = fragment ? setCost(fragment.selectionSet) : 0;
    fragmentCosts.set(name, cost);
    return cost;
  };
  const setCost = (set: SelectionSetNode): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        // A count reads every item its list's filter keeps, wherever it is selected.
        total += selection.name.value === "totalCount" ? 1 + LIMITS.countCost : 1;
        if (!selection.selectionSet) continue;
        const args = new Map(selection.arguments?.map((a) => [a.name.value, a.value]));
        total += LIMITS.orderTermCost * orderTerms(args.get("orderBy"));
        const paged = args.has("first") || args.has("last") || isConnectionLike(selection.selectionSet);
        if (!paged) {
          total += setCost(selection.selectionSet);
          continue;
        }
        const size = pageArg(args.get("first")) ?? pageArg(args.get("last")) ?? LIMITS.defaultPageSize;
        // What a page holds comes once per item; a connection's totalCount and pageInfo once per
        // list. A fragment spread here counts as if per item (an upper bound).
        for (const inner of selection.selectionSet.selections) {
          const perList = inner.kind === Kind.FIELD && PER_LIST_FIELDS.has(inner.name.value);
          total += (perList ? 1 : size) * setCost({ kind: Kind.SELECTION_SET, selections: [inner] });
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += setCost(selection.selectionSet);
      } else {
        total += fragmentCost(selection.name.value);
      }
    }
    return total;
  };
  return setCost(operation.selectionSet);
}

function page(raw: unknown): number | null {
  return typeof raw === "number" && Number.isFinite(raw) ? Math.max(0, Math.min(raw, LIMITS.maxPageSize)) : null;
}

/** Fields of a connection that come once per list, not once per item of its page. */
const PER_LIST_FIELDS = new Set(["totalCount", "pageInfo"]);

/** A selection of `nodes` or `edges` means a connection, paged even when `first` is left out. */
function isConnectionLike(set: SelectionSetNode): boolean {
  return set.selections.some((s) => s.kind === Kind.FIELD && (s.name.value === "nodes" || s.name.value === "edges"));
}
