import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src/events/types.js';
import { sessionEvent } from '../../src/sources/session-event.js';
import { LiveTailNotes } from '../../src/watch/live-tail-indicator.js';
import { T0 } from '../support/events.js';

/** LiveTailNotes (src/watch/live-tail-indicator.ts): the header's Live Tail state, from the source's state and its session events. */

function notes(...events: [SessionInfo, string][]): LiveTailNotes {
  const n = new LiveTailNotes();
  for (const [info, text] of events) n.note(sessionEvent(T0, info, text));
  return n;
}

describe('LiveTailNotes', () => {
  it('is connecting while the log groups are looked for, then off with the reason when none exists', () => {
    const n = notes([{ event: 'warning', groups: ['dms-serverless-replication-X'] }, 'log group dms-serverless-replication-X does not exist yet']);
    expect(n.indicator(undefined, true)).toEqual({ state: 'connecting' });
    expect(n.indicator(undefined, false)).toEqual({ state: 'off', reason: 'log group dms-serverless-replication-X does not exist yet' });
    expect(new LiveTailNotes().indicator(undefined, false)).toEqual({ state: 'off', reason: 'no log group to tail yet' });
  });

  it('maps each state of the source, with events per second and the reason behind it', () => {
    const n = notes(
      [{ event: 'reconnecting', reason: 'SessionTimeoutException' }, 'Live Tail ended (SessionTimeoutException); reconnecting in 1 s'],
      [{ event: 'idle' }, 'Live Tail closed to save cost: no log events for 60 min'],
      [{ event: 'error', reason: 'AccessDeniedException', action: 'dms:DescribeReplications' }, 'not allowed: dms:DescribeReplications'],
      [{ event: 'error', reason: 'AccessDeniedException', action: 'logs:StartLiveTail' }, 'Live Tail cannot open: not allowed: logs:StartLiveTail'],
    );
    const tail = (state: 'starting' | 'live' | 'reconnecting' | 'suspended' | 'failed' | 'stopped') => n.indicator({ state, eventsPerSecond: 12.5 }, false);
    expect(tail('starting')).toEqual({ state: 'connecting' });
    expect(tail('live')).toEqual({ state: 'live', eventsPerSecond: 12.5 });
    expect(tail('reconnecting')).toEqual({ state: 'reconnecting', eventsPerSecond: 12.5, reason: 'Live Tail ended (SessionTimeoutException); reconnecting in 1 s' });
    expect(tail('suspended')).toEqual({ state: 'paused', reason: 'Live Tail closed to save cost: no log events for 60 min' });
    // A poll error is not why Live Tail failed.
    expect(tail('failed')).toEqual({ state: 'failed', reason: 'Live Tail cannot open: not allowed: logs:StartLiveTail' });
    expect(tail('stopped')).toEqual({ state: 'off' });
  });

  it('says sampled while the newest update said CloudWatch samples, and live again when it stops', () => {
    const n = notes([{ event: 'sampled', sampled: true }, 'CloudWatch samples Live Tail']);
    expect(n.indicator({ state: 'live', eventsPerSecond: 500 }, false).state).toBe('sampled');
    n.note(sessionEvent(T0, { event: 'sampled', sampled: false }, 'CloudWatch no longer samples Live Tail'));
    expect(n.indicator({ state: 'live', eventsPerSecond: 20 }, false).state).toBe('live');
  });
});
