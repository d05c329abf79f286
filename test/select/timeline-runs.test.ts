import { describe, expect, it } from 'vitest';
import { selectTimeline, TimelineBuilder } from '../../src/select/timeline.js';
import { snapshot, stateEvent, statusEvent, T0 } from '../support/events.js';

/** The timeline's rules for runs, outcomes and messages (src/select/timeline.ts), and its bound and copies. */

const s = (n: number): number => T0 + n * 1000;
const runs = (segments: readonly { run: number; state: string }[]): string[] => segments.map((x) => `${String(x.run)}:${x.state}`);

describe('timeline runs', () => {
  it('counts a replication first seen running (no initializing in the log) as run 1, and a start after a stop as the next run', () => {
    const segments = selectTimeline([
      statusEvent(s(0), 'running'),
      statusEvent(s(10), 'stopping'),
      statusEvent(s(20), 'stopped'),
      statusEvent(s(30), 'starting'),
      statusEvent(s(40), 'running'),
    ]);
    expect(runs(segments)).toEqual(['1:running', '1:stopping', '1:stopped', '2:starting', '2:running']);
  });

  it('begins a new run at initializing even when the stop before it was never seen', () => {
    expect(runs(selectTimeline([stateEvent(s(0), 'initializing'), stateEvent(s(5), 'running'), stateEvent(s(50), 'initializing')]))).toEqual([
      '1:initializing',
      '1:running',
      '2:initializing',
    ]);
  });

  it('does not count stopping, failing or deleting as starts, nor a state that follows a step on the way', () => {
    const segments = selectTimeline([
      statusEvent(s(0), 'created'),
      statusEvent(s(1), 'deleting'),
      statusEvent(s(2), 'initializing'),
      statusEvent(s(3), 'testing_connection'),
      statusEvent(s(4), 'failed'),
      statusEvent(s(5), 'deleting'),
    ]);
    expect(runs(segments)).toEqual(['0:created', '0:deleting', '1:initializing', '1:testing_connection', '1:failed', '1:deleting']);
  });

  it('marks stopping and stopped as stopped, and a step before a failure as failed', () => {
    const segments = selectTimeline([stateEvent(s(0), 'running'), stateEvent(s(10), 'stopping'), stateEvent(s(20), 'stopped')]);
    expect(segments.map((x) => x.outcome)).toEqual(['done', 'stopped', 'stopped']);
  });
});

describe('timeline messages', () => {
  it('keeps the message of a state, and fills it in from a later report of the same state that has one', () => {
    const segments = selectTimeline([
      statusEvent(s(0), 'stopped'),
      stateEvent(s(1), 'stopped', { message: 'Replication is stopped.' }),
      stateEvent(s(2), 'stopped', { message: 'A later message does not replace it.' }),
    ]);
    expect(segments).toHaveLength(1);
    expect(segments[0]?.message).toBe('Replication is stopped.');
  });

  it('takes an empty failure message for none, so a later report fills it in', () => {
    const segments = selectTimeline([
      stateEvent(s(0), 'failed', { failureMessage: '' }),
      statusEvent(s(1), 'failed', { snapshot: snapshot({ status: 'failed', failureMessages: [] }) }),
      statusEvent(s(2), 'failed', { snapshot: snapshot({ status: 'failed', failureMessages: ['Test connection failed', 'Endpoint unreachable'] }) }),
    ]);
    expect(segments[0]?.failureMessage).toBe('Test connection failed; Endpoint unreachable');
  });
});

describe('timeline bound and copies', () => {
  it('lists at most `limit` segments per replication, the newest, before and after it drops old ones', () => {
    const builder = new TimelineBuilder({ limit: 2 });
    const states = ['initializing', 'testing_connection', 'running', 'stopping', 'stopped', 'starting'];
    for (const [i, state] of states.entries()) {
      builder.add(stateEvent(s(i), state));
      expect(builder.segments().map((x) => x.state)).toEqual(states.slice(Math.max(0, i - 1), i + 1));
    }
  });

  it('gives a copy that folds on by itself: same limit, and the original keeps its own current segment', () => {
    const original = new TimelineBuilder({ limit: 2 });
    original.add(stateEvent(s(0), 'initializing'));
    original.add(stateEvent(s(1), 'failed'));
    const copy = original.clone();
    copy.add(statusEvent(s(2), 'failed', { snapshot: snapshot({ status: 'failed', failureMessages: ['boom'] }) }));
    for (const [i, state] of ['starting', 'running', 'stopping'].entries()) copy.add(stateEvent(s(3 + i), state));
    expect(copy.segments().map((x) => x.state)).toEqual(['running', 'stopping']);
    expect(original.segments().map((x) => [x.state, x.failureMessage])).toEqual([
      ['initializing', undefined],
      ['failed', undefined],
    ]);
  });
});
