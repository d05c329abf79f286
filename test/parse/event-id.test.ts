import { describe, expect, it } from 'vitest';
import type { RawLogRecord } from '../../src/events/types.js';
import { eventIdOf } from '../../src/parse/event-id.js';

const record: RawLogRecord = {
  message: "{'replication_state':'running', 'message': 'Replication is running.'}",
  timestamp: 1_722_696_245_000,
  logGroup: 'dms-serverless-replication-OZRAVXDSNFCUTG5UZNI6HRDWVY',
  logStream: 'dms-serverless-replication-orchestrator-OZRAVXDSNFCUTG5UZNI6HRDWVY',
};

describe('eventIdOf', () => {
  it('uses the CloudWatch eventId when the record has one', () => {
    expect(eventIdOf({ ...record, eventId: '38383620147385602137485732487598237459823745982374' })).toBe(
      '38383620147385602137485732487598237459823745982374',
    );
  });

  it('gives the same record the same short id every time', () => {
    const id = eventIdOf(record);
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(eventIdOf({ ...record })).toBe(id);
    expect(eventIdOf({ ...record, eventId: '' })).toBe(id);
  });

  it.each<[string, Partial<RawLogRecord>]>([
    ['message', { message: "{'replication_state':'stopped'}" }],
    ['timestamp', { timestamp: 1_722_696_245_001 }],
    ['no timestamp', { timestamp: undefined }],
    ['log group', { logGroup: 'dms-serverless-replication-OTHER' }],
    ['log stream', { logStream: 'dms-serverless-serv-res-id-1' }],
  ])('gives a different id when the %s differs', (_name, change) => {
    expect(eventIdOf({ ...record, ...change })).not.toBe(eventIdOf(record));
  });

  it('does not confuse where one field ends and the next begins', () => {
    expect(eventIdOf({ message: 'm', logGroup: 'ab', logStream: 'c' })).not.toBe(
      eventIdOf({ message: 'm', logGroup: 'a', logStream: 'bc' }),
    );
  });
});
