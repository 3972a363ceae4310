/**
 * The types of one actor, in the order their names are claimed: item type,
 * edge and connection, where, order field and order by, change, revision
 * (with its edge and connection). The root
 * fields (./query-fields.ts, ./mutation-fields.ts, ./subscription-fields.ts)
 * are made from what this returns.
 */
import type { ActorApi, TypedActorSpec } from "./actor-api.js";
import type { BuildContext } from "./build-context.js";
import { addChangeType, type ChangeRef } from "./change-type.js";
import { addConnectionType, type ConnectionRef } from "./connection-type.js";
import { indexedPaths, type IndexedPath } from "./index-shapes.js";
import { inputHelp } from "./input-errors.js";
import { addItemType } from "./item-type.js";
import { addOrderByInput, type OrderByRef } from "./order-by-input.js";
import { addRevisionType, type HistoryRef } from "./revision-type.js";
import type { ItemRef } from "./type-registry.js";
import { addWhereInput, type WhereRef } from "./where-input.js";

export interface ActorTypes {
  api: ActorApi;
  actor: TypedActorSpec;
  item: ItemRef;
  connection: ConnectionRef;
  where: WhereRef;
  orderBy: OrderByRef;
  change: ChangeRef;
  history: HistoryRef;
  indexed: IndexedPath[];
}

export function addActorTypes(ctx: BuildContext, api: ActorApi, actor: TypedActorSpec): ActorTypes {
  const item = addItemType(ctx, api, actor);
  const connection = addConnectionType(ctx, api, item);
  const indexed = indexedPaths(api.mapped.root, actor.config.indexes, ctx.inflection);
  // What the errors for a field without an index say (see input-errors.ts).
  const help = inputHelp(api.typeName, api.mapped.root, indexed, ctx.inflection);
  const where = addWhereInput(ctx, api, indexed, help.where);
  const orderBy = addOrderByInput(ctx, api, indexed, help.orderBy);
  const change = addChangeType(ctx, api, actor, item);
  const history = addRevisionType(ctx, api, actor, item);
  return { api, actor, item, connection, where, orderBy, change, history, indexed };
}
