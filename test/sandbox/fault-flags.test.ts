import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULTS, mergeFaults, parseFaultFlag } from '../../src/sandbox/faults.js';

describe('--fault name=value', () => {
  it.each([
    ['endAfterSeconds=30', { endAfterSeconds: 30 }],
    ['cutMidFrameAfterSeconds=12.5', { cutMidFrameAfterSeconds: 12.5 }],
    ['resetAfterSeconds=5', { resetAfterSeconds: 5 }],
    ['streamingExceptionAfterSeconds=7', { streamingExceptionAfterSeconds: 7 }],
    ['maxSessionSeconds=600', { maxSessionSeconds: 600 }],
    ['throttleEvery=3', { throttleEvery: 3 }],
    ['serverErrors=30:20', { serverErrors: { afterSeconds: 30, forSeconds: 20 } }],
    ['delayMs=250', { delayMs: 250 }],
    ['denyActions=StartReplication,StopReplication', { denyActions: ['StartReplication', 'StopReplication'] }],
    ['stallAfterSeconds=6', { stallAfterSeconds: 6 }],
    [
      'liveTailRotation=endAfterSeconds:7,resetAfterSeconds:9+maxSessionSeconds:60,none',
      { liveTailRotation: [{ endAfterSeconds: 7 }, { resetAfterSeconds: 9, maxSessionSeconds: 60 }, {}] },
    ],
  ])('parses %s', (flag, expected) => {
    expect(parseFaultFlag(flag)).toEqual(expected);
  });

  it.each([
    ['bogus=1', '--fault bogus=1: unknown fault "bogus"'],
    ['throttleEvery', '--fault throttleEvery: needs a value, e.g. throttleEvery=10'],
    ['throttleEvery=often', '--fault throttleEvery=often: "often" is not a number'],
    ['throttleEvery=0', '--fault throttleEvery=0: must be a whole number between 1 and 1000000, got 0'],
    ['serverErrors=30', '--fault serverErrors=30: expected serverErrors=AFTER:FOR in seconds'],
    ['delayMs=-5', '--fault delayMs=-5: must be a number between 0 and 3600000 (1 hour), got -5'],
    ['liveTailRotation=endAfterSeconds', '--fault liveTailRotation=endAfterSeconds: expected entries like endAfterSeconds:7'],
    ['liveTailRotation=bogus:3', 'unknown field'],
  ])('refuses %s in one line', (flag, message) => {
    expect(() => parseFaultFlag(flag)).toThrow(message);
  });

  it('layers faults over the AWS defaults, later layers winning', () => {
    expect(DEFAULT_FAULTS.maxSessionSeconds).toBe(3 * 60 * 60);
    expect(mergeFaults({ throttleEvery: 2, delayMs: 5 }, { delayMs: 9, endAfterSeconds: undefined })).toEqual({
      ...DEFAULT_FAULTS,
      throttleEvery: 2,
      delayMs: 9,
    });
  });
});
