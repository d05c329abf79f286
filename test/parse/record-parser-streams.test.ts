import { describe, expect, it } from 'vitest';
import type { RawLogRecord } from '../../src/events/types.js';
import { RecordParser } from '../../src/parse/record-parser.js';

const T = 1_722_696_245_000;
const GROUP = 'dms-serverless-replication-RID1';

const inStream = (stream: string, message: string): RawLogRecord => ({ message, timestamp: T, logGroup: GROUP, logStream: stream });

describe('RecordParser: the repeats it remembers are bounded by stream', () => {
  it('remembers the repeats of 1,024 streams', () => {
    const parser = new RecordParser();
    const [first] = parser.push([inStream('s0', 'same')]);
    parser.push(Array.from({ length: 1023 }, (_, i) => inStream(`s${String(i + 1)}`, 'other')));
    const [again] = parser.push([inStream('s0', 'same')]);
    expect(again?.id).toBe(`${String(first?.id)}#1`);
  });

  it('starts over when a 1,025th stream arrives: a repeat in the first is then not numbered', () => {
    const parser = new RecordParser();
    const [first] = parser.push([inStream('s0', 'same')]);
    parser.push(Array.from({ length: 1024 }, (_, i) => inStream(`s${String(i + 1)}`, 'other')));
    const [again] = parser.push([inStream('s0', 'same')]);
    expect(again?.id).toBe(first?.id);
  });
});
