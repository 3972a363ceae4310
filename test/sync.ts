/**
 * Waiting on events instead of sleeping, for both test projects (no workerd
 * imports here; test/sync-objects.ts has the waits that read Durable Objects).
 * A test that sleeps "long enough" for something to happen is slow when the
 * machine is fast and flaky when it is slow; these poll the thing itself and
 * fail with a message naming what never happened.
 */

export interface WaitOptions {
  /** What is awaited, for the failure message: "the subscription to reach the actor". */
  what: string;
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Pause between two checks (default 10 ms). */
  intervalMs?: number;
}

/**
 * Resolves with the first truthy value of `condition`, checked now and then every
 * `intervalMs`; throws once `timeoutMs` has passed without one. A check that throws
 * counts as "not yet" (an object restarting, say); its last error is in the message.
 */
export async function waitUntil<T>(condition: () => T | Promise<T>, { what, timeoutMs = 10_000, intervalMs = 10 }: WaitOptions): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      last = await condition();
      lastError = undefined;
      if (last) return last as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const seen = lastError !== undefined ? `; the last check threw: ${lastError instanceof Error ? lastError.message : String(lastError)}` : `; the last check gave ${describe(last)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${seen}`);
    }
    await pause(intervalMs);
  }
}

export interface ProbeOptions extends WaitOptions {
  /** How long to wait for one probe to come through before sending another (default 250 ms). */
  everyMs?: number;
}

/**
 * For a subscription whose server-side start cannot be seen from outside (a real client over
 * HTTP): sends `probe` (a write the subscription would receive) until `arrived()` says one came
 * through, waiting up to `everyMs` for each. Once it returns, the subscription is live: a write
 * sent after that is one it must deliver. Returns how many probes were sent.
 */
export async function untilProbeArrives(probe: () => Promise<unknown>, arrived: () => boolean, { what, timeoutMs = 20_000, everyMs = 250, intervalMs = 10 }: ProbeOptions): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let sent = 0;
  while (!arrived()) {
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (${sent} probe writes sent, none arrived)`);
    await probe();
    sent++;
    const until = Math.min(deadline, Date.now() + everyMs);
    while (!arrived() && Date.now() < until) await pause(intervalMs);
  }
  return sent;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
