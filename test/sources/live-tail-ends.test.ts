import { describe, expect, it } from 'vitest';
import { StreamAbort, abortEnd, formatWait, streamEnd } from '../../src/sources/live-tail-ends.js';

describe('why a Live Tail stream ended', () => {
  it.each<[string, unknown, string, string]>([
    ['a clean end of the body', undefined, 'stream ended', 'stream ended'],
    ['the 3-hour limit', { name: 'SessionTimeoutException', message: 'Session timed out' }, 'SessionTimeoutException', 'session reached its 3-hour limit (SessionTimeoutException)'],
    ['a server fault', { name: 'SessionStreamingException', message: 'x' }, 'SessionStreamingException', 'stream failed on the CloudWatch side (SessionStreamingException)'],
    ['a cut frame', new Error('Truncated event message received.'), 'truncated frame', 'stream was cut in the middle of a frame'],
    ['a reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'ECONNRESET', 'connection was reset (ECONNRESET)'],
    ['an aborted response', new Error('aborted'), 'connection reset', 'connection was reset (aborted)'],
    ['anything else', Object.assign(new Error('odd'), { name: 'Weird' }), 'Weird', 'stream failed (Weird: odd)'],
  ])('%s → reconnect', (_what, err, reason, text) => {
    expect(streamEnd(err)).toEqual({ kind: 'reconnect', reason, text });
  });

  it('tells its own aborts apart: silence reconnects with backoff, rollover at once and without counting a failure', () => {
    expect(abortEnd(new StreamAbort('silence', 12_400))).toEqual({ kind: 'reconnect', reason: 'heartbeat lost', text: 'stream is dead: no heartbeat for 12s' });
    expect(abortEnd(new StreamAbort('rollover'))).toMatchObject({ reason: 'rollover', delayMs: 0, planned: true });
    expect(abortEnd(new Error('AbortError'))).toBeUndefined();
    expect(abortEnd(undefined)).toBeUndefined();
  });

  it.each([
    [0, '0 s'],
    [499, '0.5 s'],
    [999, '1 s'],
    [1500, '1.5 s'],
    [12_400, '12 s'],
    [60_000, '1 min'],
    [65_000, '1 min 5 s'],
  ])('formats a wait of %i ms as %s', (ms, text) => {
    expect(formatWait(ms)).toBe(text);
  });
});
