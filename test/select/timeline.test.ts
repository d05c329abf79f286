import { describe, expect, it } from 'vitest';
import { selectTimeline, TimelineBuilder } from '../../src/select/timeline.js';
import { snapshot, stateEvent, statusEvent, T0 } from '../support/events.js';

const s = (n: number): number => T0 + n * 1000;

describe('selectTimeline', () => {
  it('gives each state a segment with its start, end and duration', () => {
    const segments = selectTimeline([
      stateEvent(s(0), 'initializing'),
      stateEvent(s(12), 'preparing_metadata_resources'),
      stateEvent(s(74), 'testing_connection'),
      stateEvent(s(119), 'running'),
    ]);
    expect(segments.map((x) => [x.state, x.durationMs, x.outcome])).toEqual([
      ['initializing', 12_000, 'done'],
      ['preparing_metadata_resources', 62_000, 'done'],
      ['testing_connection', 45_000, 'done'],
      ['running', undefined, 'current'],
    ]);
    expect(segments[1]).toMatchObject({ start: s(12), end: s(74), run: 1, replication: 'RID1' });
  });

  it('gives the current state a running duration when asked with a time', () => {
    const [seg] = selectTimeline([stateEvent(s(0), 'running')], s(90));
    expect(seg).toMatchObject({ state: 'running', outcome: 'current', durationMs: 90_000 });
  });

  it('marks the step that failed and keeps the failure message', () => {
    const segments = selectTimeline([
      stateEvent(s(0), 'initializing'),
      stateEvent(s(10), 'testing_connection'),
      stateEvent(s(70), 'failed', { failureMessage: "Test connection failed for endpoint 'src'" }),
    ]);
    expect(segments.map((x) => [x.state, x.outcome])).toEqual([
      ['initializing', 'done'],
      ['testing_connection', 'failed'],
      ['failed', 'failed'],
    ]);
    expect(segments[2]?.failureMessage).toBe("Test connection failed for endpoint 'src'");
    expect(segments[2]?.durationMs).toBeUndefined();
  });

  it('shows a replication started twice as two runs', () => {
    const segments = selectTimeline([
      stateEvent(s(0), 'initializing'),
      stateEvent(s(5), 'running'),
      stateEvent(s(50), 'stopping'),
      stateEvent(s(60), 'stopped'),
      stateEvent(s(100), 'initializing'),
      stateEvent(s(110), 'running'),
    ]);
    expect(segments.map((x) => `${String(x.run)}:${x.state}`)).toEqual([
      '1:initializing',
      '1:running',
      '1:stopping',
      '1:stopped',
      '2:initializing',
      '2:running',
    ]);
    expect(segments[3]?.outcome).toBe('stopped');
  });

  it('merges the same state reported by the orchestrator and by DescribeReplications', () => {
    const segments = selectTimeline([
      statusEvent(s(0), 'created'),
      stateEvent(s(10), 'initializing'),
      statusEvent(s(12), 'initializing'),
      statusEvent(s(40), 'failed', { snapshot: snapshot({ status: 'failed', failureMessages: ['Test connection failed'] }) }),
      stateEvent(s(41), 'failed'),
    ]);
    expect(segments.map((x) => `${String(x.run)}:${x.state}`)).toEqual(['0:created', '1:initializing', '1:failed']);
    expect(segments[2]?.failureMessage).toBe('Test connection failed');
  });

  it('keeps replications apart', () => {
    const other = { logGroup: 'dms-serverless-replication-RID2', logStream: 'dms-serverless-replication-orchestrator-RID2' };
    const segments = selectTimeline([
      stateEvent(s(0), 'initializing'),
      stateEvent(s(1), 'initializing', other),
      stateEvent(s(5), 'running'),
      stateEvent(s(9), 'failed', other),
    ]);
    expect(segments.filter((x) => x.replication === 'RID1').map((x) => x.state)).toEqual(['initializing', 'running']);
    expect(segments.filter((x) => x.replication === 'RID2').map((x) => x.state)).toEqual(['initializing', 'failed']);
  });

  it('treats an unknown state as a state', () => {
    const segments = selectTimeline([stateEvent(s(0), 'initializing'), stateEvent(s(3), 'warming_the_flux_capacitor')]);
    expect(segments[1]).toMatchObject({ state: 'warming_the_flux_capacitor', outcome: 'current' });
  });

  it('keeps only the newest segments of a log that changes state without end', () => {
    const builder = new TimelineBuilder({ limit: 10 });
    for (let i = 0; i < 1000; i++) builder.add(stateEvent(s(i), i % 2 === 0 ? 'running' : 'stopping'));
    const segments = builder.segments();
    expect(segments).toHaveLength(10);
    expect(segments.at(-1)?.start).toBe(s(999));
    expect(builder.droppedCount).toBeGreaterThanOrEqual(990 - 20);
  });
});
