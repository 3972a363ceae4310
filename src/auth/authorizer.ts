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
import { POD_NAME_PATTERN } from "../domain/pods.js";
import { podStub } from "../objects/stubs.js";
import { readCredential, type Credential } from "./credential.js";
import { grants, type Scope } from "./scopes.js";

export class Authorizer {
  private credential: Promise<Credential> | undefined;
  private readonly scopes = new Map<string, Promise<Scope[]>>();

  constructor(
    private readonly env: Env,
    private readonly request: Request,
  ) {}

  /** Resolves when the caller holds `scope` on `pod`; throws UNAUTHENTICATED or FORBIDDEN otherwise. */
  async require(pod: string, scope: Scope): Promise<void> {
    const held = await this.scopesOn(pod);
    if (grants(held, scope)) return;
    const credential = await this.who();
    if (credential.kind === "none") {
      throw new GatewayError("UNAUTHENTICATED", `This needs an API key with "${scope}" scope on pod "${pod}": send "Authorization: Bearer <key>".`, { pod, scope });
    }
    throw new GatewayError("FORBIDDEN", `The credential does not grant "${scope}" on pod "${pod}".`, { pod, scope });
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

  /** The pod key behind this request, if any: the key id a stream ticket is issued for. */
  async keyId(): Promise<string | null> {
    const credential = await this.who();
    return credential.kind === "key" || credential.kind === "ticket" ? credential.keyId : null;
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
    const check = own && credential.keyId !== null ? { keyId: credential.keyId, secretHash: credential.kind === "key" ? credential.secretHash : null } : null;
    const access = await podStub(this.env, pod).access(check);
    if (own && credential.keyId !== null && access.keyScopes === null) {
      throw new GatewayError("UNAUTHENTICATED", credential.kind === "key" ? "The API key is not valid." : "The stream ticket's key has been revoked.");
    }
    // A stream ticket only ever reads, whoever it was issued to.
    const held: Scope[] = !own ? [] : credential.kind === "ticket" ? ["read"] : [...(access.keyScopes ?? [])];
    if (access.publicRead) held.push("read");
    return held;
  }
}
