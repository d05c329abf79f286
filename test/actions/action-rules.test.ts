import { describe, expect, it } from 'vitest';
import { canStop, startRefusal, startTypesFor, stopRefusal } from '../../src/actions/action-rules.js';
import type { ReplicationSnapshot } from '../../src/events/types.js';

function snap(status: string, replicationType = 'full-load-and-cdc', ran = true): ReplicationSnapshot {
  return { configArn: 'arn', status, replicationType, failureMessages: [], ...(ran ? { startTime: 1, stats: { freshStartDate: 1 } } : {}) };
}

describe('startTypesFor', () => {
  it.each<[string, ReplicationSnapshot, readonly string[]]>([
    ['never ran', snap('created', 'full-load-and-cdc', false), ['start-replication']],
    ['stopped', snap('stopped'), ['resume-processing', 'reload-target']],
    ['failed', snap('failed'), ['resume-processing', 'reload-target']],
    ['stopped full-load', snap('stopped', 'full-load'), ['reload-target']],
    ['stopped cdc', snap('stopped', 'cdc'), ['resume-processing', 'reload-target']],
    ['running', snap('running'), []],
    ['testing_connection', snap('testing_connection'), []],
    ['stopping', snap('stopping'), []],
    ['an unknown status', snap('rebalancing'), []],
  ])('%s', (_label, s, types) => {
    expect(startTypesFor(s)).toEqual(types);
  });
});

describe('canStop', () => {
  it.each([
    ['running', true],
    ['initializing', true],
    ['provisioning_capacity', true],
    ['replication_starting', true],
    ['stopping', false],
    ['stopped', false],
    ['failed', false],
    ['created', false],
    ['deleting', false],
  ])('%s: %s', (status, can) => {
    expect(canStop(snap(status))).toBe(can);
  });
});

describe('refusals say why, in words', () => {
  it('for start', () => {
    expect(startRefusal(snap('running'), 'resume-processing')).toBe('it is running; a replication can be started only when it is created, stopped or failed');
    expect(startRefusal(snap('created', 'cdc', false), 'reload-target')).toBe('it never ran, and the first run must be start-replication');
    expect(startRefusal(snap('stopped', 'full-load'), 'resume-processing')).toMatch(/^resume-processing does not apply to a full-load replication/);
    expect(startRefusal(snap('failed'), 'start-replication')).toBe('after a failure it resumes with resume-processing or reload-target');
    expect(startRefusal(snap('stopped'), 'reload-target')).toBeUndefined();
  });

  it('for stop', () => {
    expect(stopRefusal(snap('stopping'))).toBe('it is already stopping');
    expect(stopRefusal(snap('stopped'))).toBe('it is stopped: there is nothing to stop (only a starting or running replication can be stopped)');
    expect(stopRefusal(snap('running'))).toBeUndefined();
  });
});
