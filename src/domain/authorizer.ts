/**
 * Per-request access checks. Every resolver and REST handler asks
 * `require(pod, scope)` before it touches the pod's data. The answer for a
 * pod is computed once per request: the admin key needs no lookup; a pod key
 * or ticket is checked against the pod's object (the only place its hash
 * lives); anonymous callers get `read` on public pods only.
 *
 * Denials never depend on whether the pod exists: a key for another pod, a
 * missing pod and a private pod all get the same answer.
 */
import type { Env } from "../env.js";
import { GatewayError } from "../errors/gateway-error.js";
import { POD_NAME_PATTERN } from "../names.js";
import type { PodAccess } from "../objects/pod.js";
import type { Author } from "../store/revision.js";
import type { PodSchemaSource } from "../objects/actor-registry.js";
import { podStub } from "../objects/stubs.js";
import { readCredential, type Credential } from "../auth/credential.js";
import { grants, type Scope } from "../auth/scopes.js";
import type { TicketIssuer } from "../auth/stream-tickets.js";

export class Authorizer {
  private credential: Promise<Credential> | undefined;
  private readonly scopes = new Map<string, Promise<Scope[]>>();
  /** Pods whose typed schema source the access check should bring along (the version cached, or null). */
  private readonly schemaWanted = new Map<string, number | null>();
  private readonly schemaSources = new Map<string, PodSchemaSource | null>();
  /** The strongest scope this request has needed on each pod: what `recheck` asserts again. */
  private readonly needed = new Map<string, Scope>();
  private readonly keyLabels = new Map<string, string | null>();

  constructor(
    private readonly env: Env,
    private readonly request: Request,
  ) {}

  /** Resolves when the caller holds `scope` on `pod`; throws UNAUTHENTICATED or FORBIDDEN otherwise. */
  async require(pod: string, scope: Scope): Promise<void> {
    if (!this.needed.has(pod) || grants([scope], this.needed.get(pod)!)) this.needed.set(pod, scope);
    const held = await this.scopesOn(pod);
    if (grants(held, scope)) return;
    const credential = await this.who();
    if (credential.kind === "none") {
      throw new GatewayError("UNAUTHENTICATED", `This needs an API key with "${scope}" scope on pod "${pod}": send "Authorization: Bearer <key>".`, { pod, scope });
    }
    throw new GatewayError("FORBIDDEN", `The credential does not grant "${scope}" on pod "${pod}".`, { pod, scope });
  }

  /**
   * Asks the pods' objects again, without this request's cache, whether the credential still holds
   * every scope the request needed: for open streams, which outlive the moment access was checked.
   * Throws as `require` does when it no longer does.
   */
  async recheck(): Promise<void> {
    for (const [pod, scope] of this.needed) {
      this.scopes.delete(pod);
      await this.require(pod, scope);
    }
  }

  /** Operations outside any pod (creating and listing pods) need the gateway's admin key. */
  async requireAdmin(operation: string): Promise<void> {
    const credential = await this.who();
    if (credential.kind === "admin") return;
    if (credential.kind === "invalid") throw new GatewayError("UNAUTHENTICATED", credential.reason);
    if (credential.kind === "none") throw new GatewayError("UNAUTHENTICATED", `${operation} needs the gateway's admin key: send "Authorization: Bearer <key>".`);
    throw new GatewayError("FORBIDDEN", `${operation} needs the gateway's admin key; pod keys cannot do it.`);
  }

  /** The scopes the caller holds on `pod` (empty when none). */
  scopesOn(pod: string): Promise<Scope[]> {
    let scopes = this.scopes.get(pod);
    if (!scopes) {
      scopes = this.lookup(pod);
      this.scopes.set(pod, scopes);
    }
    return scopes;
  }

  /** Whom a stream ticket for `pod` is issued to; a ticket is never a credential for another one. Call after `require(pod, "read")`. */
  async ticketIssuer(): Promise<TicketIssuer> {
    const credential = await this.who();
    if (credential.kind === "ticket") throw new GatewayError("FORBIDDEN", "A stream ticket cannot issue another ticket: ask with the API key it came from.");
    if (credential.kind === "key") return { kind: "key", keyId: credential.keyId };
    if (credential.kind === "admin") return { kind: "admin" };
    return { kind: "public" };
  }

  /**
   * `require(pod, scope)`, and the pod's typed schema source (its version, and its actors unless
   * `knownVersion` is current; null when there is no pod) from the same call to the pod's object,
   * so a typed request costs one call before it runs. The admin key needs no access check, so it
   * makes that one call for the schema alone.
   */
  async requireWithSchema(pod: string, scope: Scope, knownVersion: number | null): Promise<PodSchemaSource | null> {
    this.schemaWanted.set(pod, knownVersion);
    await this.require(pod, scope);
    if (this.schemaSources.has(pod)) return this.schemaSources.get(pod)!;
    return podStub(this.env, pod).typedSchemaSource(pod, knownVersion);
  }

  /** The pods this request has needed access to so far: the ones an open stream reads. */
  pods(): string[] {
    return [...this.needed.keys()];
  }

  /**
   * Whom an open stream counts against (domain/stream-leases.ts): a pod key, or the key a ticket
   * was issued to; the admin key (not capped per holder); else the anonymous client's address.
   */
  async streamHolder(): Promise<{ holder: string; capped: boolean }> {
    const credential = await this.who();
    const issuer = credential.kind === "ticket" ? credential.issuer : credential.kind === "key" ? ({ kind: "key", keyId: credential.keyId } as const) : null;
    if (issuer?.kind === "key") return { holder: `key:${issuer.keyId}`, capped: true };
    if (credential.kind === "admin" || issuer?.kind === "admin") return { holder: "admin", capped: false };
    return { holder: `ip:${this.request.headers.get("cf-connecting-ip") ?? "unknown"}`, capped: true };
  }

  /** The pod the credential belongs to (a pod key's or a ticket's); null for the admin key, none, or an invalid one. */
  async ownPod(): Promise<string | null> {
    const credential = await this.who();
    return credential.kind === "key" || credential.kind === "ticket" ? credential.pod : null;
  }

  /** UNAUTHENTICATED unless the caller holds the admin key, or a key or ticket that still reads its own pod. */
  async requireSomeAccess(operation: string): Promise<void> {
    const credential = await this.who();
    if (credential.kind === "admin") return;
    if (credential.kind === "key" || credential.kind === "ticket") return this.require(credential.pod, "read");
    if (credential.kind === "invalid") throw new GatewayError("UNAUTHENTICATED", credential.reason);
    throw new GatewayError("UNAUTHENTICATED", `${operation} needs a credential: send "Authorization: Bearer <key>".`);
  }

  /** Who a write by this caller on `pod` is recorded as (store/revision.ts). Call after `require(pod, "write")`. */
  async author(pod: string): Promise<Author> {
    const credential = await this.who();
    if (credential.kind === "key" && credential.pod === pod) return { kind: "key", keyId: credential.keyId, label: this.keyLabels.get(pod) ?? null };
    return { kind: "admin" };
  }

  /** True when the caller presented a stream ticket, which opens subscriptions and nothing else. */
  async isTicket(): Promise<boolean> {
    return (await this.who()).kind === "ticket";
  }

  private who(): Promise<Credential> {
    this.credential ??= readCredential(this.request, this.env);
    return this.credential;
  }

  private async lookup(pod: string): Promise<Scope[]> {
    const credential = await this.who();
    if (credential.kind === "admin") return ["admin"];
    if (credential.kind === "invalid") throw new GatewayError("UNAUTHENTICATED", credential.reason);
    // An ill-formed name cannot be a pod: deny without asking any object.
    if (!POD_NAME_PATTERN.test(pod)) return [];
    const own = (credential.kind === "key" || credential.kind === "ticket") && credential.pod === pod;
    if (own && credential.kind === "ticket") return this.ticketScopes(pod, credential);
    const check = own && credential.kind === "key" ? { keyId: credential.keyId, secretHash: credential.secretHash } : null;
    const access = await this.access(pod, check);
    if (check && access.keyScopes === null) throw new GatewayError("UNAUTHENTICATED", "The API key is not valid.");
    if (check) this.keyLabels.set(pod, access.keyLabel);
    const held: Scope[] = [...(access.keyScopes ?? [])];
    if (access.publicRead) held.push("read");
    return held;
  }

  /** A stream ticket reads its pod while what it is bound to still holds (auth/stream-tickets.ts). */
  private async ticketScopes(pod: string, ticket: Extract<Credential, { kind: "ticket" }>): Promise<Scope[]> {
    const { issuer } = ticket;
    const access = await this.access(pod, issuer.kind === "key" ? { keyId: issuer.keyId, secretHash: null } : null);
    if (ticket.epoch !== access.ticketEpoch) throw new GatewayError("UNAUTHENTICATED", "The stream ticket has been revoked; request a new one.");
    if (issuer.kind === "key" && access.keyScopes === null) throw new GatewayError("UNAUTHENTICATED", "The stream ticket's key has been revoked.");
    if (issuer.kind === "public" && !access.publicRead) throw new GatewayError("UNAUTHENTICATED", "The pod is no longer public, so its anonymous stream tickets no longer read it.");
    return ["read"];
  }

  /** Asks the pod's object; brings the typed schema source along when the request wants it. */
  private async access(pod: string, check: { keyId: string; secretHash: string | null } | null): Promise<PodAccess> {
    const wanted = this.schemaWanted.has(pod) && !this.schemaSources.has(pod);
    const access = await podStub(this.env, pod).access(check, wanted ? this.schemaWanted.get(pod)! : undefined);
    if (wanted && access.schema !== undefined) this.schemaSources.set(pod, access.schema);
    return access;
  }
}
