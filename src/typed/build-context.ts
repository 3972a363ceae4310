/**
 * What the type and field builders of one pod schema share: the Pothos
 * builder, the names, the pod-wide type-name scope, the fixed types and the
 * registry of refs. One per build, never shared between builds.
 */
import { NameScope, STATIC_TYPES, type Inflection } from "./inflection.js";
import { createPodBuilder, type PodBuilder } from "./pod-builder.js";
import { addStaticTypes, type StaticTypes } from "./static-types.js";
import { TypeRegistry } from "./type-registry.js";

export interface BuildContext {
  builder: PodBuilder;
  inflection: Inflection;
  /** Pod-wide type names: the static ones, then each actor's, in creation order. */
  types: NameScope;
  statics: StaticTypes;
  registry: TypeRegistry;
}

export function createBuildContext(inflection: Inflection): BuildContext {
  const builder = createPodBuilder();
  const statics = addStaticTypes(builder);
  return { builder, inflection, types: new NameScope(STATIC_TYPES), statics, registry: new TypeRegistry() };
}
