import { afterEach, expect, vi } from 'vitest';
import type { AwsApis } from '../../src/aws/apis.js';
import { createAwsApis } from '../../src/aws/clients.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { Clock } from '../../src/sources/clock.js';

/** Explicit dummy credentials: tests never resolve real AWS credentials. */
export const DUMMY_CREDENTIALS = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };

const made: AwsApis[] = [];
afterEach(() => {
  for (const apis of made.splice(0)) apis.destroy();
});

/** The real SDK clients from createAwsApis, pointed at the sandbox; destroyed after the test. */
export function sandboxApis(sandbox: Sandbox, over: { maxAttempts?: number; profile?: string } = {}): AwsApis {
  const apis = createAwsApis({
    region: sandbox.region,
    regionSource: '--region',
    endpoints: { dms: sandbox.url, logs: sandbox.url },
    credentials: DUMMY_CREDENTIALS,
    maxAttempts: over.maxAttempts ?? 1,
    ...(over.profile === undefined ? {} : { profile: over.profile }),
  });
  made.push(apis);
  return apis;
}

/**
 * A Clock that moves only when told: `advance(ms)` runs every timer that
 * falls due, in time order, letting promises settle between them.
 */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private timers: { at: number; seq: number; fn: () => void }[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Timers waiting now. */
  pending(): number {
    return this.timers.length;
  }

  /** Milliseconds until the next timer, or undefined when none waits. */
  nextIn(): number | undefined {
    const next = this.sorted()[0];
    return next === undefined ? undefined : next.at - this.time;
  }

  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const next = this.sorted()[0];
      if (next === undefined || next.at > target) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.fn();
    }
    this.time = target;
    await settle();
  }

  private sorted(): { at: number; seq: number; fn: () => void }[] {
    return [...this.timers].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}

/** Lets pending promise callbacks (and one macrotask) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Moves a poller's clock (and the sandbox's, when given) in steps until
 * `done()`, waiting after each step for the poll it set off to come back
 * over the socket. Fails after `maxSteps`.
 */
export async function driveUntil(
  done: () => boolean,
  drive: { clock: ManualClock; busy: () => boolean; sandbox?: { advance(ms: number): Promise<void> }; stepMs?: number; maxSteps?: number },
): Promise<void> {
  const step = drive.stepMs ?? 1_000;
  for (let i = 0; i < (drive.maxSteps ?? 600); i++) {
    await vi.waitFor(() => {
      expect(drive.busy()).toBe(false);
    });
    if (done()) return;
    await drive.sandbox?.advance(step);
    await drive.clock.advance(step);
  }
  throw new Error('driveUntil: the condition never held');
}
