/**
 * Caps on open streams. Each subscription holds a lease in the object of every
 * pod it reads: at most `STREAMS_PER_KEY` (LIMITS.streamsPerKey) per key, or
 * per anonymous client address, and `STREAMS_PER_POD` (LIMITS.streamsPerPod)
 * per pod. The stream renews its leases each time it rechecks its access, and
 * gives them back when it ends. A lease whose stream stopped renewing (its
 * isolate died) lapses after LIMITS.streamLeaseTtlMs, so the count lives in
 * the pod's storage, never in one isolate's memory.
 */
import type { Authorizer } from "./authorizer.js";
import type { Env } from "../env.js";
import { unwrap } from "../errors/result.js";
import { LIMITS } from "../limits.js";
import { podStub } from "../objects/stubs.js";
import { randomToken } from "../auth/secrets.js";

export interface StreamCaps {
  perKey: number;
  perPod: number;
}

/** The caps in force: LIMITS, or the `STREAMS_PER_KEY` / `STREAMS_PER_POD` vars when set to a positive integer. */
export function streamCaps(env: Env): StreamCaps {
  const read = (raw: string | undefined, fallback: number) => (raw && /^[1-9][0-9]*$/.test(raw) ? Number(raw) : fallback);
  return { perKey: read(env.STREAMS_PER_KEY, LIMITS.streamsPerKey), perPod: read(env.STREAMS_PER_POD, LIMITS.streamsPerPod) };
}

export class StreamLeases {
  private constructor(
    private readonly env: Env,
    private readonly leases: { pod: string; id: string }[],
    private readonly holder: string,
    private readonly capped: boolean,
  ) {}

  /** Takes a lease on each pod the subscription reads; throws TOO_MANY_STREAMS (and takes none) past a cap. */
  static async open(env: Env, auth: Authorizer): Promise<StreamLeases> {
    const { holder, capped } = await auth.streamHolder();
    const leases = new StreamLeases(env, [], holder, capped);
    try {
      for (const pod of auth.pods()) {
        const id = randomToken(16);
        await leases.take(pod, id);
        leases.leases.push({ pod, id });
      }
    } catch (error) {
      await leases.close();
      throw error;
    }
    return leases;
  }

  /**
   * Extends every lease. One that lapsed (its renewals failed for a while) is taken again, and
   * fails with TOO_MANY_STREAMS if the cap filled meanwhile, which ends the stream.
   */
  async renew(): Promise<void> {
    for (const { pod, id } of this.leases) {
      if (!(await podStub(this.env, pod).renewStream(id, LIMITS.streamLeaseTtlMs))) await this.take(pod, id);
    }
  }

  /** Gives every lease back. Never throws: a lease left behind lapses on its own. */
  async close(): Promise<void> {
    const leases = this.leases.splice(0);
    await Promise.all(leases.map(({ pod, id }) => podStub(this.env, pod).closeStream(id).catch(() => undefined)));
  }

  private async take(pod: string, id: string): Promise<void> {
    const caps = streamCaps(this.env);
    unwrap(await podStub(this.env, pod).openStream(pod, { id, holder: this.holder, ttlMs: LIMITS.streamLeaseTtlMs, perHolder: this.capped ? caps.perKey : null, perPod: caps.perPod }));
  }
}
