/**
 * The cost of an operation, counted before it runs: every selected field
 * costs 1, times the page sizes of the lists it sits in (a field with
 * `first` or `last` returns up to that many nodes; without them, the default
 * page size). So `pods(first: 200) { nodes { actors(first: 200) { ... } } }`
 * costs what it would make the gateway do, not what its text looks like.
 * Variables are known here (the plugin runs at execution), so `first: $n`
 * counts its real value.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from "graphql";
import { LIMITS } from "../../limits.js";

export function operationCost(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;

  const pageArg = (value: ValueNode | undefined): number | null => {
    if (!value) return null;
    const raw = value.kind === Kind.VARIABLE ? variables?.[value.name.value] : value.kind === Kind.INT ? Number(value.value) : null;
    return typeof raw === "number" && Number.isFinite(raw) ? Math.max(0, Math.min(raw, LIMITS.maxPageSize)) : null;
  };

  const cost = (set: SelectionSetNode, multiplier: number, seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += multiplier;
        if (!selection.selectionSet) continue;
        const args = new Map(selection.arguments?.map((a) => [a.name.value, a.value]));
        const paged = args.has("first") || args.has("last") || isConnectionLike(selection.selectionSet);
        const size = paged ? (pageArg(args.get("first")) ?? pageArg(args.get("last")) ?? LIMITS.defaultPageSize) : 1;
        total += cost(selection.selectionSet, multiplier * size, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += cost(selection.selectionSet, multiplier, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation already rejects fragment cycles; this only guards the walk.
        if (fragment && !seen.has(name)) total += cost(fragment.selectionSet, multiplier, new Set([...seen, name]));
      }
    }
    return total;
  };
  return cost(operation.selectionSet, 1, new Set());
}

/** A selection of `nodes` or `edges` means a connection, paged even when `first` is left out. */
function isConnectionLike(set: SelectionSetNode): boolean {
  return set.selections.some((s) => s.kind === Kind.FIELD && (s.name.value === "nodes" || s.name.value === "edges"));
}
