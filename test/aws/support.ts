import { expect, vi } from 'vitest';
import type { AwsApis } from '../../src/aws/apis.js';
import { sandboxApis as liveSandboxApis } from '../live/support.js';
import { ManualClock, settle } from '../support/manual-clock.js';
import type { Sandbox } from '../../src/sandbox/index.js';

export { ManualClock, settle };

/** Explicit dummy credentials: tests never resolve real AWS credentials. */
export const DUMMY_CREDENTIALS = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };

/** The real SDK clients from createAwsApis, pointed at the sandbox; destroyed after the test. */
export function sandboxApis(sandbox: Sandbox, over: { maxAttempts?: number; profile?: string } = {}): AwsApis {
  return liveSandboxApis(sandbox, over);
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
