/** `Pod`, with `pod`/`pods` queries and the `createPod` mutation. */
import { createPod, deletePod, listPods } from "../../domain/pods.js";
import type { PodRecord } from "../../objects/pod-meta.js";
import { builder } from "../builder.js";
import { ActorRef, actorPage } from "./actor.js";
import { connectionType, pageSize } from "./connection.js";

export const PodRef = builder.objectRef<PodRecord>("Pod").implement({
  description: "A pod: a named group of actors.",
  fields: (t) => ({
    name: t.exposeString("name"),
    createdAt: t.float({ description: "Creation time, ms since the epoch.", resolve: (pod) => pod.createdAt }),
    schemaVersion: t.exposeInt("schemaVersion", { description: "Changes whenever an actor is added or changed." }),
    actorCount: t.exposeInt("actorCount"),
    publicRead: t.exposeBoolean("publicRead", { description: "Anyone may read this pod without a key (off unless a pod admin turns it on)." }),
    actors: t.field({
      type: connectionType("Actor", ActorRef),
      args: { first: t.arg.int(), after: t.arg.string() },
      resolve: (pod, args, ctx) => actorPage(ctx, pod.name, pageSize(args.first), args.after ?? null),
    }),
    actor: t.field({
      type: ActorRef,
      nullable: true,
      description: "An actor of this pod by id or name.",
      args: { id: t.arg.id({ required: true }) },
      resolve: (pod, args, ctx) => ctx.loaders.actor.load({ pod: pod.name, actor: String(args.id) }),
    }),
  }),
});

const PodConnection = connectionType("Pod", PodRef);

builder.queryType({
  fields: (t) => ({
    pod: t.field({
      type: PodRef,
      nullable: true,
      args: { name: t.arg.string({ required: true }) },
      resolve: async (_, args, ctx) => {
        await ctx.auth.require(args.name, "read");
        return ctx.loaders.pod.load(args.name);
      },
    }),
    pods: t.field({
      type: PodConnection,
      args: { first: t.arg.int(), after: t.arg.string() },
      description: "Every pod; needs the gateway's admin key.",
      resolve: async (_, args, ctx) => {
        await ctx.auth.requireAdmin("Listing pods");
        const limit = pageSize(args.first);
        const entries = await listPods(ctx.env, limit + 1, args.after ?? null);
        const pods = await ctx.loaders.pod.loadMany(entries.slice(0, limit).map((e) => e.name));
        return {
          nodes: pods.filter((p): p is PodRecord => p !== null && !(p instanceof Error)),
          cursorOf: (p: PodRecord) => p.name,
          hasNextPage: entries.length > limit,
        };
      },
    }),
  }),
});

builder.mutationType({
  fields: (t) => ({
    createPod: t.field({
      type: PodRef,
      description: "Creates a pod. Without a name, one is generated.",
      args: { name: t.arg.string() },
      resolve: async (_, args, ctx) => {
        await ctx.auth.requireAdmin("Creating a pod");
        return createPod(ctx.env, args.name ?? null);
      },
    }),
    deletePod: t.string({
      description: "Deletes a pod and everything in it: its actors' items, history and change logs, its keys and tickets; open streams on it end. Needs the admin scope on the pod. Idempotent; returns the pod's name.",
      args: { name: t.arg.string({ required: true }) },
      resolve: async (_, args, ctx) => {
        await ctx.auth.require(args.name, "admin");
        return (await deletePod(ctx.env, args.name)).pod;
      },
    }),
  }),
});
