/**
 * Checks on how a user's JSON Schema refers to itself, so validating a
 * document always ends, and ends soon.
 *
 * @cfworker/json-schema interprets a schema by recursion: `$ref`, `allOf`,
 * `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `dependentSchemas` (and
 * draft-07 `dependencies`) apply another subschema to the *same* value, while
 * `properties`, `items` and the like apply one to a value *inside* it. So:
 *
 * - a cycle made only of the first kind (`{"$ref": "#"}`, `$defs` a → b → a,
 *   `{"allOf": [{"$ref": "#"}]}`) applies schemas to one value for ever: it is
 *   refused, whatever constraints sit beside it (the validator evaluates the
 *   `$ref` before it could fail on them). A cycle through `properties`/`items`
 *   (a tree node whose children are nodes) is fine: each turn goes one level
 *   down the document, and documents nest at most LIMITS.maxJsonDepth levels.
 * - sharing can still multiply work without any cycle: `$defs` a1 =
 *   allOf[a0, a0], a2 = allOf[a1, a1], ... applies a0 2^n times to one
 *   value, and a recursive schema that applies itself twice per level does the
 *   same per level of the document. The check follows, level by level down to
 *   LIMITS.maxJsonDepth, how many subschemas can apply to one value, and
 *   refuses the schema when that passes LIMITS.maxSubschemasPerValue.
 * - a `$dynamicRef` may land on any `$dynamicAnchor` of its name: for
 *   cycles it counts as an edge to each of them; for the amplification count
 *   as the one it applies, the outermost in the dynamic scope (the actor's
 *   own schema when that declares the anchor).
 *
 * References are followed with @cfworker/json-schema's `dereference` (on a
 * copy), which resolves `$id`, `$anchor` and JSON Pointers within the schema;
 * references to remote resources and meta-schemas add no edge (a cycle
 * through a resource ends in a stack overflow, which the validator reports
 * as a violation, at once). Whether every reference resolves at all is
 * checked by the validator itself (DocumentValidator.unresolvedRefs).
 */
import { dereference } from "@cfworker/json-schema";
import { LIMITS } from "../limits.js";

/** A problem found in a schema: where (a JSON Pointer into it) and what. */
export type SchemaProblem = {
  path: string;
  message: string;
};

type Obj = Record<string, unknown>;

/** An edge to a subschema, and the JSON Pointer of the keyword that makes it. */
interface Edge {
  to: Obj;
  via: string;
  /** One of the anchors a `$dynamicRef` may resolve to: it resolves to exactly one of them. */
  dynamic?: boolean;
}

/** Keywords that apply a subschema to the same value. */
const IN_PLACE_SINGLE = ["not", "if", "then", "else"];
const IN_PLACE_LIST = ["allOf", "anyOf", "oneOf"];
const IN_PLACE_MAP = ["dependentSchemas", "dependencies"];
/** Keywords whose values are data, never schemas. */
const DATA = new Set(["enum", "const", "default", "examples"]);
/** Work (subschemas looked at) the amplification check may do before it refuses the schema as too complex. */
const WORK_BUDGET = 5_000_000;

/**
 * The checks over an actor's schema together with its `resources`, as one graph: a reference from the
 * schema into a resource, from one resource into another, or from a resource back, is followed like any
 * other, so neither cycles nor amplification can hide across them. Paths come back relative to the
 * config (`/schema/...`, `/resources/<uri>/...`).
 */
export function configGraphProblems(schema: unknown, resources: Record<string, unknown>): SchemaProblem[] {
  if (!isObj(schema)) return [];
  // Only the resources documents can reach matter (a resource nothing references is never applied).
  const entries = reachableResources(schema, resources);
  if (entries.length === 0) return schemaGraphProblems(schema).map((p) => ({ path: `/schema${p.path}`, message: p.message }));
  // One document holding them all, each resource under the URI it is known by, so `dereference` resolves across them.
  const withId = (node: unknown, id: string) => (isObj(node) && typeof node.$id !== "string" ? { $id: id, ...node } : node);
  const container: Obj = { $defs: { s: withId(schema, "urn:gateway:actor-schema"), ...Object.fromEntries(entries.map(([uri, r], i) => [`r${i}`, withId(r, uri)])) } };
  const prefixes: [string, string][] = [["/$defs/s", "/schema"], ...entries.map(([uri], i): [string, string] => [`/$defs/r${i}`, `/resources/${escape(uri)}`])];
  const toConfig = (text: string) => text.replace(/\/\$defs\/(s|r\d+)(?=\/|\b|$)/g, (whole) => prefixes.find(([from]) => from === whole)?.[1] ?? whole);
  return schemaGraphProblems(container, "/$defs/s").map((p) => ({ path: toConfig(p.path), message: toConfig(p.message) }));
}

/** The checks on one schema; `entry` is the pointer of the schema documents are validated against (the root by default). */
export function schemaGraphProblems(schema: unknown, entry = ""): SchemaProblem[] {
  if (!isObj(schema)) return [];
  const root = structuredClone(schema) as Obj;
  let lookup: Record<string, unknown>;
  try {
    lookup = dereference(root) as Record<string, unknown>;
  } catch (error) {
    // e.g. two subschemas with the same $id: the validator could not be built.
    return [{ path: "", message: (error as Error).message.split("\n")[0]! }];
  }

  // Every subschema, with its pointer; data keywords are not walked.
  const pointers = new Map<Obj, string>();
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${path}/${i}`));
    if (!isObj(node)) return;
    pointers.set(node, path);
    for (const [key, child] of Object.entries(node)) if (!DATA.has(key)) walk(child, `${path}/${escape(key)}`);
  };
  walk(root, "");

  const problems: SchemaProblem[] = [];
  const inPlace = new Map<Obj, Edge[]>();
  const anchors = [...pointers.keys()].filter((n) => n.$recursiveAnchor === true);
  const dynamicAnchors = new Map<string, Obj[]>();
  for (const n of pointers.keys()) if (typeof n.$dynamicAnchor === "string") dynamicAnchors.set(n.$dynamicAnchor, [...(dynamicAnchors.get(n.$dynamicAnchor) ?? []), n]);
  for (const [node, path] of pointers) {
    const edges: Edge[] = [];
    const add = (target: unknown, via: string, dynamic = false) => {
      if (isObj(target)) edges.push({ to: target, via, ...(dynamic ? { dynamic } : {}) });
    };
    if (typeof node.$ref === "string") {
      // A reference this lookup cannot follow (a remote resource, a meta-schema) adds no edge: the
      // validator resolves it, and json-schema-library reports the ones nobody can (DocumentValidator.unresolvedRefs).
      const uri = (node as { __absolute_ref__?: string }).__absolute_ref__ ?? node.$ref;
      let target = lookup[uri];
      // `#name` may name a $dynamicAnchor, which a plain $ref reaches too (the lookup knows only $anchor).
      const anchor = /^#([A-Za-z_][\w.-]*)$/.exec(node.$ref)?.[1];
      if (target === undefined && anchor) for (const a of dynamicAnchors.get(anchor) ?? []) add(a, `${path}/$ref`);
      if (target === undefined && anchor && dynamicAnchors.has(anchor)) target = dynamicAnchors.get(anchor)![0];
      const local = node.$ref.startsWith("#/") ? node.$ref.slice(2).split("/").map((t) => decodeURIComponent(t).replace(/~1/g, "/").replace(/~0/g, "~")) : [];
      if ((isObj(target) && !pointers.has(target)) || (target === undefined && local.some((t) => DATA.has(t)))) {
        // A pointer into enum/const/default/examples names data, not a schema: what it would apply is nobody's intent.
        problems.push({ path: `${path}/$ref`, message: `$ref "${node.$ref}" points into data ("enum", "const", "default" or "examples"), not at a subschema` });
      }
      add(target, `${path}/$ref`);
    }
    if (typeof node.$dynamicRef === "string") {
      // Resolved at run time to some $dynamicAnchor of that name: assume any of them.
      const name = node.$dynamicRef.slice(node.$dynamicRef.indexOf("#") + 1);
      for (const anchor of dynamicAnchors.get(name) ?? []) add(anchor, `${path}/$dynamicRef`, true);
      add(lookup[(node as { __absolute_ref__?: string }).__absolute_ref__ ?? node.$dynamicRef], `${path}/$dynamicRef`);
    }
    if (node.$recursiveRef === "#") {
      // The validator applies the schema holding the $recursiveRef itself, or the outermost $recursiveAnchor.
      add(node, `${path}/$recursiveRef`);
      for (const anchor of anchors) add(anchor, `${path}/$recursiveRef`);
    }
    for (const key of IN_PLACE_SINGLE) add(node[key], `${path}/${key}`);
    for (const key of IN_PLACE_LIST) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach((s, i) => add(s, `${path}/${key}/${i}`));
    for (const key of IN_PLACE_MAP) if (isObj(node[key])) for (const [k, s] of Object.entries(node[key] as Obj)) add(s, `${path}/${key}/${escape(k)}`);
    inPlace.set(node, edges.filter((e) => pointers.has(e.to)));
  }
  if (problems.length > 0) return problems;

  const cycle = findCycle(inPlace);
  if (cycle) {
    const steps = cycle.map((e) => e.via);
    return [{
      path: steps[0]!,
      message: `$ref cycle: ${steps.join(" → ")} → back to the start applies schemas to the same value again and again without reaching anything inside it, so validation would never end; a recursive schema must go through "properties", "items" or the like`,
    }];
  }
  const start = [...pointers].find(([, path]) => path === entry)?.[0] ?? root;
  // Any anchor may close a cycle, but a $dynamicRef applies one schema, not all: the outermost anchor
  // in the dynamic scope, which is the actor's own schema when it declares one, else the first found.
  const counted = new Map<Obj, Edge[]>();
  for (const [node, edges] of inPlace) {
    const dynamic = edges.filter((e) => e.dynamic);
    const chosen = dynamic.find((e) => e.to === start) ?? dynamic[0];
    counted.set(node, dynamic.length <= 1 ? edges : [...edges.filter((e) => !e.dynamic), chosen!]);
  }
  const amplified = amplification(start, counted, pointers);
  return amplified ? [amplified] : [];
}

/** A cycle of in-place edges, as the edges in order, or null. Iterative: `$ref` chains can be long. */
function findCycle(graph: Map<Obj, Edge[]>): Edge[] | null {
  const state = new Map<Obj, "open" | "done">();
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const nodes: Obj[] = [start];
    const next: number[] = [0];
    const edges: Edge[] = []; // edges[i] leads from nodes[i] to nodes[i + 1]
    state.set(start, "open");
    while (nodes.length > 0) {
      const top = nodes.length - 1;
      const out = graph.get(nodes[top]!) ?? [];
      if (next[top]! >= out.length) {
        state.set(nodes[top]!, "done");
        nodes.pop();
        next.pop();
        edges.pop();
        continue;
      }
      const edge = out[next[top]!++]!;
      const seen = state.get(edge.to);
      if (seen === "open") return [...edges.slice(nodes.indexOf(edge.to)), edge];
      if (seen === undefined) {
        state.set(edge.to, "open");
        nodes.push(edge.to);
        next.push(0);
        edges.push(edge);
      }
    }
  }
  return null;
}

/**
 * Follows, level by level down a document, the multiset of subschemas that
 * can apply to one value, and reports the first value that would get more
 * than LIMITS.maxSubschemasPerValue of them. Per level, each property name a
 * schema names is followed on its own (a tree with "left" and "right"
 * children applies one schema per value, not two), as are "any other name",
 * each tuple position and "any other item".
 */
function amplification(root: Obj, inPlace: Map<Obj, Edge[]>, pointers: Map<Obj, string>): SchemaProblem | null {
  const limit = LIMITS.maxSubschemasPerValue;
  const ids = new Map([...pointers.keys()].map((n, i) => [n, i] as const));

  // How many schemas applying `node` applies to the same value, itself included. The graph has no cycle now.
  const totals = new Map<Obj, number>();
  const total = (node: Obj): number => {
    const stack: Obj[] = [node];
    while (stack.length > 0) {
      const n = stack[stack.length - 1]!;
      if (totals.has(n)) {
        stack.pop();
        continue;
      }
      const pending = (inPlace.get(n) ?? []).filter((e) => !totals.has(e.to));
      if (pending.length > 0) {
        stack.push(...pending.map((e) => e.to));
        continue;
      }
      totals.set(n, 1 + (inPlace.get(n) ?? []).reduce((sum, e) => sum + totals.get(e.to)!, 0));
      stack.pop();
    }
    return totals.get(node)!;
  };
  // Repeated references without recursion ("billion laughs"): report the smallest schema past the limit, where the sharing is.
  let worst: [Obj, number] | null = null;
  for (const node of pointers.keys()) {
    const n = total(node);
    if (n > limit && (!worst || n < worst[1])) worst = [node, n];
  }
  if (worst) {
    const path = pointers.get(worst[0])!;
    return { path, message: `validating one value against ${path || "the root schema"} would apply ${worst[1]} subschemas (at most ${limit}): several "$ref"s to one schema (in "allOf", "anyOf", "oneOf" and the like) multiply the work at every step; reference it once` };
  }

  // The schemas applying `node` applies to the same value, with multiplicities (at most `limit` in all, checked above).
  const expansions = new Map<Obj, Map<Obj, number>>();
  const expand = (node: Obj): Map<Obj, number> => {
    let out = expansions.get(node);
    if (out) return out;
    out = new Map([[node, 1]]);
    for (const edge of inPlace.get(node) ?? []) for (const [n, c] of expand(edge.to)) out.set(n, (out.get(n) ?? 0) + c);
    expansions.set(node, out);
    return out;
  };

  type State = { schemas: Map<Obj, number>; at: string };
  const key = (s: Map<Obj, number>) => [...s].map(([n, c]) => `${ids.get(n)}:${c}`).sort().join(",");
  const seen = new Set<string>();
  let work = WORK_BUDGET;
  let frontier: State[] = [{ schemas: expand(root), at: "" }];
  seen.add(key(frontier[0]!.schemas));
  for (let depth = 1; depth <= LIMITS.maxJsonDepth && frontier.length > 0; depth++) {
    const nextFrontier: State[] = [];
    for (const state of frontier) {
      const classes = childClasses(state.schemas, total, (n) => (work -= n));
      if (work < 0) return TOO_COMPLEX;
      for (const [label, children] of classes) {
        const schemas = new Map<Obj, number>();
        let count = 0;
        for (const [child, times] of children) {
          count += times * total(child);
          if (count > limit) {
            const at = `${state.at}/${label}`;
            const path = pointers.get(child)!;
            return { path, message: `validating the value at ${at} of a document would apply ${count} or more subschemas (at most ${limit}): ${path || "the root schema"} applies itself, through "$ref"s, more than once per level of the document, which multiplies the work level after level; apply it once per level` };
          }
          const expansion = expand(child);
          work -= expansion.size;
          for (const [n, c] of expansion) schemas.set(n, (schemas.get(n) ?? 0) + c * times);
        }
        if (schemas.size === 0 || label === "(property name)") continue;
        const k = key(schemas);
        if (seen.has(k)) continue;
        seen.add(k);
        if (work < 0) return TOO_COMPLEX;
        nextFrontier.push({ schemas, at: `${state.at}/${label}` });
      }
    }
    frontier = nextFrontier;
  }
  return null;
}

/**
 * The values one level down, by class of name or position, each with the
 * subschemas that apply to it and how many times. A name a schema lists under
 * `properties` gets that subschema and every `patternProperties` one (any may
 * match); another name gets either the patterns or `additionalProperties`
 * (falling back to `unevaluatedProperties`), whichever weighs more.
 */
const TOO_COMPLEX: SchemaProblem = { path: "", message: "the schema is too complex to check how much work validating a document takes; simplify it" };

function childClasses(schemas: Map<Obj, number>, total: (n: Obj) => number, charge: (work: number) => void): [string, Map<Obj, number>][] {
  const out: [string, Map<Obj, number>][] = [];
  const names = new Set<string>();
  let tuple = 0;
  for (const n of schemas.keys()) {
    if (isObj(n.properties)) for (const k of Object.keys(n.properties)) names.add(k);
    const prefix = prefixOf(n);
    if (prefix) tuple = Math.max(tuple, prefix.length);
  }
  const weight = (list: unknown[]) => list.reduce<number>((sum, s) => sum + (isObj(s) ? total(s) : 0), 0);
  const objectChild = (name: string | null) => {
    charge(schemas.size);
    const children = new Map<Obj, number>();
    for (const [n, c] of schemas) {
      const patterns = isObj(n.patternProperties) ? Object.values(n.patternProperties) : [];
      const props = isObj(n.properties) ? n.properties : {};
      let apply: unknown[];
      if (name !== null && Object.prototype.hasOwnProperty.call(props, name)) apply = [props[name], ...patterns];
      else {
        const other = [n.additionalProperties ?? n.unevaluatedProperties];
        apply = weight(patterns) >= weight(other) ? patterns : other;
      }
      for (const s of apply) if (isObj(s)) children.set(s, (children.get(s) ?? 0) + c);
    }
    return children;
  };
  for (const name of names) out.push([escape(name), objectChild(name)]);
  out.push(["(any other name)", objectChild(null)]);
  const names_ = new Map<Obj, number>();
  for (const [n, c] of schemas) if (isObj(n.propertyNames)) names_.set(n.propertyNames, (names_.get(n.propertyNames) ?? 0) + c);
  out.push(["(property name)", names_]);
  for (let i = 0; i <= tuple; i++) {
    const children = new Map<Obj, number>();
    for (const [n, c] of schemas) {
      const prefix = prefixOf(n);
      let item: unknown;
      if (prefix && i < prefix.length) item = prefix[i];
      else if (prefix) item = (Array.isArray(n.prefixItems) ? n.items : n.additionalItems) ?? n.unevaluatedItems;
      else item = n.items ?? n.unevaluatedItems;
      for (const s of [item, n.contains]) if (isObj(s)) children.set(s, (children.get(s) ?? 0) + c);
    }
    out.push([i < tuple ? String(i) : tuple === 0 ? "0" : `${tuple}`, children]);
  }
  return out;
}

function prefixOf(n: Obj): unknown[] | null {
  if (Array.isArray(n.prefixItems)) return n.prefixItems;
  if (Array.isArray(n.items)) return n.items;
  return null;
}

function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function escape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The resources reachable from `schema` through `$ref`/`$dynamicRef`/`$schema`, transitively, resolved against each `$id`. */
export function reachableResources(schema: Obj, resources: Record<string, unknown>): [string, unknown][] {
  const strip = (uri: string) => uri.replace(/#.*$/, "");
  const byUri = new Map<string, string>();
  for (const [key, resource] of Object.entries(resources)) {
    byUri.set(strip(key), key);
    if (isObj(resource) && typeof resource.$id === "string") byUri.set(strip(resolve(resource.$id, key)), key);
  }
  const reached = new Set<string>();
  const visit = (node: unknown, base: string): void => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, base));
    if (!isObj(node)) return;
    const here = typeof node.$id === "string" ? resolve(node.$id, base) : base;
    for (const key of ["$ref", "$dynamicRef", "$schema"]) {
      const ref = node[key];
      if (typeof ref !== "string") continue;
      const target = byUri.get(strip(resolve(ref, here)));
      if (target !== undefined && !reached.has(target)) {
        reached.add(target);
        visit(resources[target], target);
      }
    }
    for (const [key, child] of Object.entries(node)) if (!DATA.has(key)) visit(child, here);
  };
  visit(schema, typeof schema.$id === "string" ? schema.$id : "urn:gateway:actor-schema");
  return Object.entries(resources).filter(([key]) => reached.has(key));
}

function resolve(ref: string, base: string): string {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}
