import { describe, expect, it } from 'vitest';
import type { ReplicationSnapshot } from '../../src/events/types.js';
import { isCdcRunning, isInMotion, isSettledStatus, isStarting, neverRan, START_STEPS } from '../../src/parse/replication-status.js';

function snap(status: string, replicationType: string, stats: ReplicationSnapshot['stats'] = {}): ReplicationSnapshot {
  return { configArn: 'arn', status, replicationType, failureMessages: [], stats };
}

describe('replication statuses', () => {
  it.each([
    ['created', true],
    ['running', true],
    ['stopped', true],
    ['failed', true],
    ['FAILED', true],
    ['initializing', false],
    ['provisioning_capacity', false],
    ['stopping', false],
    ['deleting', false],
    ['modifying', false],
    ['some_new_status', false],
    [' running ', true],
  ])('%s settled: %s', (status, settled) => {
    expect(isSettledStatus(status)).toBe(settled);
  });

  it('says CDC runs for a running cdc replication, and for full-load-and-cdc once the load finished', () => {
    expect(isCdcRunning(snap('running', 'cdc'))).toBe(true);
    expect(isCdcRunning(snap('running', 'full-load-and-cdc', { fullLoadProgressPercent: 60 }))).toBe(false);
    expect(isCdcRunning(snap('running', 'full-load-and-cdc', { fullLoadFinishDate: 1 }))).toBe(true);
    expect(isCdcRunning(snap('running', 'full-load-and-cdc', { fullLoadProgressPercent: 100 }))).toBe(true);
    expect(isCdcRunning(snap('running', 'full-load', { fullLoadProgressPercent: 100 }))).toBe(false);
    expect(isCdcRunning(snap('stopped', 'cdc'))).toBe(false);
  });

  it('counts a full load in progress as motion (fast polls), CDC and rest as not', () => {
    expect(isInMotion(snap('running', 'full-load-and-cdc', { fullLoadProgressPercent: 10 }))).toBe(true);
    expect(isInMotion(snap('testing_connection', 'cdc'))).toBe(true);
    expect(isInMotion(snap('running', 'cdc'))).toBe(false);
    expect(isInMotion(snap('stopped', 'full-load'))).toBe(false);
  });

  it('knows a replication that never ran', () => {
    expect(neverRan({ configArn: 'a', status: 'created', failureMessages: [] })).toBe(true);
    expect(neverRan(snap('stopped', 'cdc', { freshStartDate: 1 }))).toBe(false);
    // A config back at created after a run has a start recorded, in its stats or its start time.
    expect(neverRan(snap('created', 'cdc', { freshStartDate: 1 }))).toBe(false);
    expect(neverRan({ configArn: 'a', status: 'created', failureMessages: [], startTime: 1 })).toBe(false);
    expect(neverRan({ configArn: 'a', status: 'stopped', failureMessages: [] })).toBe(false);
  });

  it('says a start is on its way for every step before running, and for no other status', () => {
    for (const step of [...START_STEPS, 'starting', ' Initializing ']) expect(isStarting(step), step).toBe(true);
    for (const status of ['running', 'stopped', 'stopping', 'failed', 'created', 'deleting']) expect(isStarting(status), status).toBe(false);
  });

  it('reads a replication without stats as not yet in CDC', () => {
    expect(isCdcRunning({ configArn: 'a', status: 'running', replicationType: 'full-load-and-cdc', failureMessages: [] })).toBe(false);
  });
});
