import type { FilterLogEventsCommandInput, FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import type { LogsApi } from '../../src/aws/apis.js';
import { BACKFILL_BATCH, backfillBatches, backfillEvents, fetchGroup } from '../../src/sources/backfill.js';
import { LiveTailBackfiller } from '../../src/sources/live-tail-backfiller.js';
import type { DmsEvent } from '../../src/events/types.js';
import { systemClock } from '../../src/sources/clock.js';
import { T0 } from '../live/support.js';

const GROUP = { name: '/aws/rds/instance/db/postgresql', arn: 'arn:aws:logs:eu-central-1:123456789012:log-group:/aws/rds/instance/db/postgresql', from: T0 };

function event(i: number, message = `line ${String(i)}`): FilteredLogEvent {
  return { logStreamName: 'db.0', timestamp: T0 + i, message, ingestionTime: T0 + i, eventId: String(i).padStart(56, '0') };
}

/** FilterLogEvents answering the given pages in turn, each but the last with a token; records every input. */
function paged(pages: FilteredLogEvent[][]): { logs: LogsApi; inputs: FilterLogEventsCommandInput[] } {
  const inputs: FilterLogEventsCommandInput[] = [];
  const logs: LogsApi = {
    describeLogGroups: () => Promise.reject(new Error('not used')),
    startLiveTail: () => Promise.reject(new Error('not used')),
    filterLogEvents: (input) => {
      inputs.push(input);
      const index = inputs.length - 1;
      const page = pages[index] ?? [];
      return Promise.resolve({ $metadata: {}, events: page, ...(index < pages.length - 1 ? { nextToken: `page-${String(index + 1)}` } : {}) });
    },
  };
  return { logs, inputs };
}

const range = (from: number, to: number): FilteredLogEvent[] => Array.from({ length: to - from }, (_, i) => event(from + i));

describe('fetchGroup: one log group from a time on, bounded', () => {
  it('follows nextToken through empty pages to the end, from startTime (inclusive), by ARN', async () => {
    const { logs, inputs } = paged([range(0, 3), [], range(3, 5)]);
    const got = await fetchGroup(logs, GROUP, 100, new AbortController().signal);
    expect(inputs).toEqual([
      { logGroupIdentifier: GROUP.arn, startTime: T0 },
      { logGroupIdentifier: GROUP.arn, startTime: T0, nextToken: 'page-1' },
      { logGroupIdentifier: GROUP.arn, startTime: T0, nextToken: 'page-2' },
    ]);
    expect([got.total, got.cut, got.records.map((r) => r.message)]).toEqual([5, 0, ['line 0', 'line 1', 'line 2', 'line 3', 'line 4']]);
    // FilterLogEvents names the stream, not the group: the group comes from the call.
    expect(got.records[0]).toMatchObject({ logGroup: GROUP.name, logStream: 'db.0', timestamp: T0, eventId: event(0).eventId });
  });

  it.each([
    [3, 9, ['line 6', 'line 7', 'line 8']],
    [4, 8, ['line 4', 'line 5', 'line 6', 'line 7']],
    [8, 8, ['line 0', 'line 1', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7']],
    [0, 5, []],
  ])('keeps the newest %i of %i events while paging, oldest first, and counts the cut', async (limit, total, kept) => {
    const { logs } = paged([range(0, Math.min(5, total)), range(5, total)]);
    const got = await fetchGroup(logs, GROUP, limit, new AbortController().signal);
    expect([got.total, got.cut, got.records.map((r) => r.message)]).toEqual([total, total - kept.length, kept]);
  });

  it('stops when a token comes back a second time instead of paging forever', async () => {
    const inputs: FilterLogEventsCommandInput[] = [];
    const logs: LogsApi = {
      describeLogGroups: () => Promise.reject(new Error('not used')),
      startLiveTail: () => Promise.reject(new Error('not used')),
      filterLogEvents: (input) => {
        inputs.push(input);
        return Promise.resolve({ $metadata: {}, events: [], nextToken: 'same' });
      },
    };
    await fetchGroup(logs, GROUP, 10, new AbortController().signal);
    expect(inputs).toHaveLength(2);
  });

  it('rejects with the error of the call, and passes the abort signal on', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const logs: LogsApi = {
      describeLogGroups: () => Promise.reject(new Error('not used')),
      startLiveTail: () => Promise.reject(new Error('not used')),
      filterLogEvents: (_input, signal) => {
        seen = signal;
        return Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
      },
    };
    await expect(fetchGroup(logs, GROUP, 10, controller.signal)).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(seen).toBe(controller.signal);
  });
});

describe('backfillEvents: several groups into events', () => {
  it('merges groups by time, ties by event id, and gives ids that ignore CloudWatch event ids (as Live Tail results have none)', () => {
    const other = { group: 'dms', total: 2, cut: 0, records: [
      { message: "{'replication_state':'running'}", timestamp: T0 + 1, logGroup: 'dms', logStream: 'o', eventId: '2'.padStart(56, '0') },
      { message: "{'replication_state':'stopped'}", timestamp: T0 + 5, logGroup: 'dms', logStream: 'o', eventId: '9'.padStart(56, '0') },
    ] };
    const pg = { group: 'pg', total: 2, cut: 0, records: [
      { message: 'a', timestamp: T0 + 1, logGroup: 'pg', logStream: 's', eventId: '1'.padStart(56, '0') },
      { message: 'b', timestamp: T0 + 3, logGroup: 'pg', logStream: 's', eventId: '5'.padStart(56, '0') },
    ] };
    const events = backfillEvents([other, pg]);
    expect(events.map((e) => e.raw)).toEqual(['a', "{'replication_state':'running'}", 'b', "{'replication_state':'stopped'}"]);
    expect(events.every((e) => !/^0+\d$/.test(e.id))).toBe(true);
  });

  it('numbers identical events at one time, so both survive de-duplication', () => {
    const same = { message: 'repeat', timestamp: T0, logGroup: 'pg', logStream: 's' };
    const events = backfillEvents([{ group: 'pg', total: 2, cut: 0, records: [{ ...same, eventId: '1' }, { ...same, eventId: '2' }] }]);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });
});

describe('a big backfill arrives in batches, so keys and frames get through it', () => {
  const big = (n: number): FilteredLogEvent[] => range(0, n).map((e, i) => ({ ...e, message: i % 3 === 0 ? `${String(e.message)}\n\tcontinued` : e.message }));

  it('batches hold at most the batch size and together are exactly the events given all at once', () => {
    const records = big(5_000).map((e) => ({ message: e.message ?? '', timestamp: e.timestamp ?? 0, logGroup: 'pg', logStream: 's', eventId: e.eventId ?? '' }));
    const groups = [{ group: 'pg', total: records.length, cut: 0, records }];
    const batches = [...backfillBatches(groups, 1_000)];
    expect(batches.length).toBeGreaterThanOrEqual(5);
    expect(batches.every((b) => b.length <= 1_000 + 1)).toBe(true);
    expect(batches.flat().map((e) => [e.id, e.raw])).toEqual(backfillEvents(groups).map((e) => [e.id, e.raw]));
  });

  it('the backfiller hands a backfill larger than one batch over in several deliveries, in time order, all of it before it says backfilled', async () => {
    const n = BACKFILL_BATCH * 2 + 500;
    const { logs } = paged([range(0, n)]);
    const deliveries: DmsEvent[][] = [];
    const notes: string[] = [];
    const backfiller = new LiveTailBackfiller({
      logs,
      clock: systemClock,
      limit: 10_000,
      overlapMs: 5_000,
      from: T0,
      initialGroups: [GROUP.name],
      deliver: (events) => {
        deliveries.push([...events]);
        notes.push(`deliver ${String(events.length)}`);
      },
      notify: (_info, text) => {
        notes.push(text);
      },
    });
    await backfiller.fill([{ name: GROUP.name, arn: GROUP.arn }], new AbortController().signal);
    expect(deliveries.length).toBe(3);
    const times = deliveries.flat().map((e) => e.time);
    expect(times).toHaveLength(n);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(notes.at(-1)).toMatch(/^backfilled 4500 events/);
  });
});
