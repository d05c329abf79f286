import { describe, expect, it } from 'vitest';
import type { DmsEvent, RawLogRecord } from '../../src/events/types.js';
import { eventIdOf } from '../../src/parse/event-id.js';
import { RecordParser } from '../../src/parse/record-parser.js';

/** RecordParser (src/parse/record-parser.ts): one input's records -> events, times filled in, repeats numbered. */

const T = 1_722_696_245_000;
const GROUP = 'dms-serverless-replication-RID1';
const ORCHESTRATOR = 'dms-serverless-replication-orchestrator-RID1';

const untimed = (message: string): RawLogRecord => ({ message });
const timed = (message: string, timestamp: number, over: Partial<RawLogRecord> = {}): RawLogRecord => ({ message, timestamp, ...over });
const shown = (events: readonly DmsEvent[]): string[] => events.map((e) => `${e.raw}@${String(e.time)}`);

describe('RecordParser times', () => {
  it('gives records without a time the time of the entry before them; those before the first timed entry take its time', () => {
    const parser = new RecordParser();
    expect(parser.push([untimed('early 1'), untimed('early 2')])).toEqual([]);
    expect(shown(parser.push([timed('first', T), untimed('after'), timed('next', T + 5)]))).toEqual([
      `early 1@${String(T)}`,
      `early 2@${String(T)}`,
      `first@${String(T)}`,
      `after@${String(T)}`,
      `next@${String(T + 5)}`,
    ]);
    expect(parser.end()).toEqual([]);
  });

  it('keeps an input without any time in its order at time 0, given once at the end', () => {
    const parser = new RecordParser();
    expect(parser.push([untimed('a'), untimed('b')])).toEqual([]);
    expect(shown(parser.end())).toEqual(['a@0', 'b@0']);
    expect(parser.end()).toEqual([]);
  });

  it('holds at most maxUntimedHeld records waiting for a time, then gives them at time 0, and later untimed ones at once', () => {
    const parser = new RecordParser({ maxUntimedHeld: 3 });
    expect(parser.push([untimed('a'), untimed('b')])).toEqual([]);
    expect(shown(parser.push([untimed('c')]))).toEqual(['a@0', 'b@0', 'c@0']);
    expect(shown(parser.push([untimed('d')]))).toEqual(['d@0']);
    expect(shown(parser.push([timed('e', T)]))).toEqual([`e@${String(T)}`]);
  });

  it('holds untimed records up to maxUntimedChars characters of raw text', () => {
    const parser = new RecordParser({ maxUntimedChars: 10 });
    expect(parser.push([untimed('abcd'), untimed('efgh')])).toEqual([]);
    expect(shown(parser.push([untimed('ij')]))).toEqual(['abcd@0', 'efgh@0', 'ij@0']);
  });

  it('by default holds up to 1000 untimed records, however long (up to 16 MiB)', () => {
    const parser = new RecordParser();
    expect(parser.push([untimed('x'.repeat(1024 * 1024))])).toEqual([]);
    expect(parser.push(Array.from({ length: 998 }, (_, i) => untimed(`line ${String(i)}`)))).toEqual([]);
    expect(parser.push([untimed('the 1000th')])).toHaveLength(1000);
    const big = new RecordParser();
    expect(big.push(Array.from({ length: 16 }, () => untimed('y'.repeat(1024 * 1024 - 1))))).toEqual([]);
    expect(big.push([untimed('y'.repeat(32))])).toHaveLength(17);
  });
});

describe('RecordParser ids', () => {
  it('numbers identical records at one time, so a real repeat is kept while the same record read again later keeps its plain id', () => {
    const parser = new RecordParser();
    const record = timed('ERROR: deadlock detected', T, { logGroup: GROUP, logStream: ORCHESTRATOR });
    const id = eventIdOf(record);
    const ids = parser.push([record, record, record]).map((e) => e.id);
    expect(ids).toEqual([id, `${id}#1`, `${id}#2`]);
    const later = { ...record, message: 'later', timestamp: T + 1 };
    expect(parser.push([later, record]).map((e) => e.id)).toEqual([eventIdOf(later), id]);
  });

  it('numbers repeats per log group and stream, even when other streams’ events at other times come between them', () => {
    const parser = new RecordParser();
    const x = timed('same text', T, { logGroup: 'G1', logStream: 'S1' });
    const sameStreamOtherGroup = timed('same text', T + 1, { logGroup: 'G2', logStream: 'S1' });
    const sameGroupOtherStream = timed('same text', T + 2, { logGroup: 'G1', logStream: 'S2' });
    const ids = parser.push([x, sameStreamOtherGroup, sameGroupOtherStream, x]).map((e) => e.id);
    expect(ids).toEqual([eventIdOf(x), eventIdOf(sameStreamOtherGroup), eventIdOf(sameGroupOtherStream), `${eventIdOf(x)}#1`]);
  });

  it('keeps a CloudWatch eventId as the id, unnumbered: the same event read twice is one event', () => {
    const parser = new RecordParser();
    const record = timed('Replication is running.', T, { logGroup: GROUP, logStream: ORCHESTRATOR, eventId: '3838362014738560213' });
    expect(parser.push([record, record]).map((e) => e.id)).toEqual(['3838362014738560213', '3838362014738560213']);
  });

  it('with ignoreEventIds, gives an event from FilterLogEvents (with an eventId) the id Live Tail gives it (without one)', () => {
    const parser = new RecordParser({ ignoreEventIds: true });
    const live = timed('Replication is running.', T, { logGroup: GROUP, logStream: ORCHESTRATOR });
    const [fromFilter] = parser.push([{ ...live, eventId: '3838362014738560213' }]);
    const [fromLiveTail] = new RecordParser({ ignoreEventIds: true }).push([live]);
    expect(fromFilter?.id).toBe(eventIdOf(live));
    expect(fromLiveTail?.id).toBe(eventIdOf(live));
  });
});
