/**
 * Access management in GraphQL: a pod's API keys (created, listed, revoked
 * by the admin key or a pod `admin` key), public read, and stream tickets
 * for EventSource clients (docs/security.md).
 */
import { SCOPES, type Scope } from "../../auth/scopes.js";
import { createApiKey, createStreamTicket, listApiKeys, revokeApiKey, revokeStreamTickets, setPublicRead } from "../../domain/access.js";
import type { ApiKeyRecord } from "../../objects/pod-keys.js";
import { builder } from "../builder.js";
import { PodRef } from "./pod.js";

const ScopeEnum = builder.enumType("Scope", {
  description: "What a key may do on its pod. `write` includes `read`; `admin` includes both and manages actors and keys.",
  values: Object.fromEntries(SCOPES.map((scope) => [scope.toUpperCase(), { value: scope }])) as Record<Uppercase<Scope>, { value: Scope }>,
});

const ApiKeyRef = builder.objectRef<ApiKeyRecord>("ApiKey").implement({
  description: "A pod API key. Its secret is shown once, at creation; the gateway keeps only a hash.",
  fields: (t) => ({
    id: t.exposeID("id"),
    label: t.exposeString("label", { nullable: true }),
    scopes: t.field({ type: [ScopeEnum], resolve: (key) => key.scopes }),
    createdAt: t.float({ resolve: (key) => key.createdAt }),
    revokedAt: t.float({ nullable: true, resolve: (key) => key.revokedAt }),
  }),
});

const CreatedApiKeyRef = builder.objectRef<{ key: string; apiKey: ApiKeyRecord }>("CreatedApiKey").implement({
  fields: (t) => ({
    key: t.exposeString("key", { description: 'The key to send as "Authorization: Bearer <key>". Shown only now: store it.' }),
    apiKey: t.field({ type: ApiKeyRef, resolve: (created) => created.apiKey }),
  }),
});

const StreamTicketRef = builder.objectRef<{ ticket: string; expiresAt: number }>("StreamTicket").implement({
  description: "Reads one pod's streams for a minute: pass it as `?ticket=` where headers cannot be set (EventSource).",
  fields: (t) => ({
    ticket: t.exposeString("ticket"),
    expiresAt: t.float({ resolve: (ticket) => ticket.expiresAt }),
  }),
});

builder.objectField(PodRef, "apiKeys", (t) =>
  t.field({
    type: [ApiKeyRef],
    description: "The pod's API keys, revoked ones included; needs admin on the pod.",
    resolve: async (pod, _args, ctx) => {
      await ctx.auth.require(pod.name, "admin");
      return listApiKeys(ctx.env, pod.name);
    },
  }),
);

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKeyRef,
    description: "Creates a pod API key; needs admin on the pod.",
    args: { pod: t.arg.string({ required: true }), scopes: t.arg({ type: [ScopeEnum], required: true }), label: t.arg.string() },
    resolve: async (_, args, ctx) => {
      await ctx.auth.require(args.pod, "admin");
      return createApiKey(ctx.env, args.pod, args.scopes, args.label ?? null);
    },
  }),
  revokeApiKey: t.field({
    type: ApiKeyRef,
    description: "Revokes a pod API key at once, in every isolate; needs admin on the pod.",
    args: { pod: t.arg.string({ required: true }), id: t.arg.id({ required: true }) },
    resolve: async (_, args, ctx) => {
      await ctx.auth.require(args.pod, "admin");
      return revokeApiKey(ctx.env, args.pod, String(args.id));
    },
  }),
  setPodPublicRead: t.field({
    type: PodRef,
    description: "Lets anyone read the pod without a key (for public feeds), or stops it; needs admin on the pod.",
    args: { pod: t.arg.string({ required: true }), enabled: t.arg.boolean({ required: true }) },
    resolve: async (_, args, ctx) => {
      await ctx.auth.require(args.pod, "admin");
      return setPublicRead(ctx.env, args.pod, args.enabled);
    },
  }),
  revokeStreamTickets: t.int({
    description: "Voids every stream ticket the pod has issued, and ends the streams they opened; answers the pod's new ticket epoch. Needs admin on the pod.",
    args: { pod: t.arg.string({ required: true }) },
    resolve: async (_, args, ctx) => {
      await ctx.auth.require(args.pod, "admin");
      return (await revokeStreamTickets(ctx.env, args.pod)).ticketEpoch;
    },
  }),
  createStreamTicket: t.field({
    type: StreamTicketRef,
    description: "A one-minute read ticket for the pod's streams, for clients that cannot send headers; needs read on the pod.",
    args: { pod: t.arg.string({ required: true }) },
    resolve: async (_, args, ctx) => {
      await ctx.auth.require(args.pod, "read");
      return createStreamTicket(ctx.env, ctx.auth, args.pod);
    },
  }),
}));
