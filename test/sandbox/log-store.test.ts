import { describe, expect, it } from 'vitest';
import { LogStore } from '../../src/sandbox/world/log-store.js';

describe('LogStore', () => {
  it('keeps events ordered by time even when written out of order', () => {
    const store = new LogStore('eu-central-1', '123456789012');
    store.createGroup('g', 0);
    store.put('g', 's', 'late', 2000);
    store.put('g', 's', 'early', 1000);
    store.put('g', 's', 'same-time-later', 2000);
    expect(store.group('g')?.events.map((e) => e.message)).toEqual(['early', 'late', 'same-time-later']);
  });

  it('drops writes to a group that does not exist, creating streams on demand otherwise', () => {
    const store = new LogStore('eu-central-1', '123456789012');
    expect(store.put('missing', 's', 'x', 1)).toBeUndefined();
    store.createGroup('g', 0);
    expect(store.put('g', 'new-stream', 'x', 1)?.eventId).toMatch(/^\d{56}$/);
    expect([...(store.group('g')?.streams.keys() ?? [])]).toEqual(['new-stream']);
  });

  it('drops the oldest tenth when a group grows past its bound, keeping stored bytes right', () => {
    const store = new LogStore('eu-central-1', '123456789012', 100);
    store.createGroup('g', 0);
    for (let i = 0; i < 101; i++) store.put('g', 's', `m${String(i).padStart(3, '0')}`, i);
    const group = store.group('g');
    expect(group?.events).toHaveLength(91);
    expect(group?.events[0]?.message).toBe('m010');
    expect(group?.storedBytes).toBe(91 * 4);
  });

  it('resolves names and ARNs with or without :*, only in its own account and region', () => {
    const store = new LogStore('eu-central-1', '123456789012');
    store.createGroup('/aws/rds/instance/db/postgresql', 0);
    const arn = 'arn:aws:logs:eu-central-1:123456789012:log-group:/aws/rds/instance/db/postgresql';
    for (const id of ['/aws/rds/instance/db/postgresql', arn, `${arn}:*`]) expect(store.resolve(id)?.name).toBe('/aws/rds/instance/db/postgresql');
    expect(store.resolve(arn.replace('eu-central-1', 'us-east-1'))).toBeUndefined();
  });
});
