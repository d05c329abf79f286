import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { toNdjsonLine } from '../../src/output/ndjson.js';
import { onCleanup, sandboxFor } from '../live/support.js';
import { openModel } from './live-model-harness.js';

/** LiveModel (src/watch/live-model.ts): one replication live, as the dashboard reads it, against the sandbox. */

const RDS_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
const START_STATES = [
  'initializing',
  'preparing_metadata_resources',
  'testing_connection',
  'fetching_metadata',
  'calculating_capacity',
  'provisioning_capacity',
  'replication_starting',
  'running',
];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dms-live-export-'));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('LiveModel', () => {
  it('shows a replication come up: its states, PostgreSQL connections, Live Tail live and the poll', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    const run = await openModel(sandbox);
    const first = run.model.getSnapshot();
    expect(first).toMatchObject({ version: 0, name: 'testdrive-dms-postgresql-dev-dms-serverless', region: 'eu-central-1', liveTail: { state: 'connecting' } });
    expect(first.replication.status).toBe('created');
    expect(first.startTypes).toEqual(['start-replication']);
    const up = await run.until((s) => s.summary.timeline.at(-1)?.state === 'running' && s.replication.status === 'running' && s.liveTail.state === 'live');
    // `created` from the first poll, then each state of the run.
    expect(up.summary.timeline.map((s) => s.state)).toEqual(['created', ...START_STATES]);
    expect(up.summary.connections.some((c) => c.outcome === 'connected' || c.outcome === 'closed')).toBe(true);
    expect(up.lastPollAt).toBeGreaterThan(first.now);
    expect(up.pollStale).toBe(false);
    expect(up.canStop).toBe(true);
    expect(up.startTypes).toEqual([]);
    expect(up.fatal).toBeUndefined();
    expect(up.events.length).toBeGreaterThan(START_STATES.length);
    // The same object until the next announcement.
    expect(run.model.getSnapshot()).toBe(up);
  });

  it('announces a whole Live Tail update once, and nothing while nothing changes', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    const run = await openModel(sandbox);
    await run.until((s) => s.replication.status === 'running' && s.liveTail.state === 'live');
    await run.advance(20_000);
    // At rest: no data, and a frame clock short of the 10 s tick.
    const before = run.announced();
    const still = run.model.getSnapshot();
    await run.frames.advance(5000);
    expect(run.announced()).toBe(before);
    expect(run.model.getSnapshot()).toBe(still);
    // 300 PostgreSQL lines at once and a poll asked for: one Live Tail update and an answer in one frame, one announcement.
    run.model.refresh();
    for (let i = 0; i < 300; i++) {
      sandbox.putLogEvent({ group: RDS_GROUP, stream: 'testdrive-dms-postgresql-dev-db.0', message: `2024-05-01 07:16:00 UTC::@:[42]:LOG:  flood line ${String(i)}` });
    }
    await run.advance(1000);
    expect(run.announced()).toBe(before + 1);
    const after = run.model.getSnapshot();
    expect(after.events.filter((e) => e.text.includes('flood line'))).toHaveLength(300);
    expect(after.version).toBe(still.version + 1);
    // A tick moves `now` only: the events and the summary are the same objects.
    await run.frames.advance(10_000);
    expect(run.announced()).toBe(before + 2);
    const ticked = run.model.getSnapshot();
    expect(ticked).not.toBe(after);
    expect(ticked.events).toBe(after.events);
    expect(ticked.summary).toBe(after.summary);
  });

  it('says sampled under a flood above 500 events/s, with the rate, one announcement per Live Tail update', async () => {
    const sandbox = await sandboxFor({ scenario: 'flood', rate: 1000 });
    const run = await openModel(sandbox);
    const sampled = await run.until((s) => s.liveTail.state === 'sampled', 60_000);
    expect(sampled.liveTail.eventsPerSecond).toBeGreaterThan(0);
    // A frame passing each second: each update (up to 500 results, its notices, a poll) is one announcement.
    const before = run.announced();
    for (let i = 0; i < 5; i++) await run.advance(1000);
    expect(run.announced()).toBe(before + 5);
    expect(run.model.getSnapshot().events.length).toBeGreaterThan(2000);
  });

  it('moves `now` every 10 s at rest, and every second while an action is out or the replication is on its way', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const run = await openModel(sandbox);
    await run.model.open();
    await run.advance(5000);
    // The last announcement came as the frame clock left 0: the next tick is due at 10 s.
    const rest = run.announced();
    await run.frames.advance(9_799);
    expect(run.announced()).toBe(rest);
    await run.frames.advance(101);
    expect(run.announced()).toBe(rest + 1);
    const release = run.dms.hold();
    const start = run.model.start('start-replication');
    await run.frames.advance(100);
    expect(run.model.getSnapshot().action?.phase).toBe('sending');
    const sending = run.announced();
    await run.frames.advance(3000);
    expect(run.announced()).toBe(sending + 3);
    expect(run.model.getSnapshot().now).toBe(run.clock.now());
    release();
    await run.settle();
    expect((await start).outcome).toBe('succeeded');
    // Starting: transitional, so still every second.
    await run.until((s) => s.replication.status !== 'created');
    const starting = run.announced();
    await run.frames.advance(2000);
    expect(run.announced()).toBe(starting + 2);
  });

  it('sends stop and start once each however often asked, showing sending then the outcome', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    const run = await openModel(sandbox);
    await run.until((s) => s.replication.status === 'running');
    const release = run.dms.hold();
    const stop = run.model.stop();
    expect(run.model.stop()).toBe(stop);
    expect(run.model.stop()).toBe(stop);
    await run.frames.advance(100);
    expect(run.model.getSnapshot().action).toMatchObject({ name: 'stop', phase: 'sending', message: 'stop sent' });
    expect(run.model.stop()).toBe(stop);
    release();
    await run.settle();
    expect((await stop).outcome).toBe('succeeded');
    await run.frames.advance(100);
    expect(run.model.getSnapshot().action).toMatchObject({ name: 'stop', phase: 'succeeded', message: 'stop accepted: stopping' });
    expect(run.dms.calls.stopReplication).toBe(1);
    const rest = await run.until((s) => s.replication.status === 'stopped');
    expect(rest.startTypes).toContain('resume-processing');
    const start = run.model.start('resume-processing');
    expect(run.model.start('resume-processing')).toBe(start);
    await run.settle();
    expect((await start).outcome).toBe('succeeded');
    await run.frames.advance(100);
    expect(run.model.getSnapshot().action).toMatchObject({ name: 'start', startType: 'resume-processing', phase: 'succeeded' });
    expect(run.dms.calls.startReplication).toBe(1);
    // Both outcomes are in the log too.
    expect(run.model.getSnapshot().events.filter((e) => e.kind === 'action' && e.action.outcome === 'succeeded')).toHaveLength(2);
  });

  it('shows a denied stop as failed, naming the IAM action to grant', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    const run = await openModel(sandbox);
    await run.until((s) => s.replication.status === 'running');
    sandbox.setFaults({ denyActions: ['StopReplication'] });
    const result = run.model.stop();
    await run.settle();
    expect((await result).outcome).toBe('failed');
    await run.frames.advance(100);
    const action = run.model.getSnapshot().action;
    expect(action).toMatchObject({ name: 'stop', phase: 'failed' });
    expect(action?.message).toMatch(/^stop refused: .*dms:StopReplication/);
    expect(action?.message).not.toMatch(/\n/);
  });

  it('exports every event it holds as watch --json records, to a new file each time', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    const run = await openModel(sandbox);
    await run.until((s) => s.replication.status === 'running');
    const dir = await tempDir();
    const held = run.model.getSnapshot().events;
    const first = await run.model.exportEvents(dir);
    expect(first.path).toBe(join(dir, 'dms-live-testdrive-dms-postgresql-dev-dms-serverless-' + stamp(run.clock.now()) + '.ndjson'));
    expect(first.count).toBe(held.length);
    expect(await readFile(first.path, 'utf8')).toBe(held.map(toNdjsonLine).join(''));
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);
    // The export is told in the log, and a second one at the same second never overwrites the first.
    await run.frames.advance(100);
    const told = run.model.getSnapshot().events.filter((e) => e.kind === 'session' && e.session.event === 'exported');
    expect(told.map((e) => e.text)).toEqual([`exported ${String(held.length)} events to ${first.path}`]);
    const second = await run.model.exportEvents(dir);
    expect(second.path).toBe(first.path.replace(/\.ndjson$/, '-1.ndjson'));
    expect(second.count).toBe(held.length + 1);
    expect(await readFile(first.path, 'utf8')).toBe(held.map(toNdjsonLine).join(''));
  });

  it('rejects an export it cannot write with one line naming the path and what to do', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false });
    const run = await openModel(sandbox);
    await run.settle();
    const dir = join(await tempDir(), 'gone');
    await expect(run.model.exportEvents(dir)).rejects.toThrow(/^cannot export to .*\/gone\/dms-live-.*\.ndjson: the directory does not exist; start dms-live in one that does$/);
  });

  it('says the watch cannot go on when DescribeLogGroups is denied, and still closes cleanly', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path', autoStart: false, faults: { denyActions: ['DescribeLogGroups'] } });
    const run = await openModel(sandbox);
    await run.model.open();
    await run.frames.advance(100);
    const s = run.model.getSnapshot();
    expect(s.fatal).toMatch(/logs:DescribeLogGroups/);
    expect(s.fatal).not.toMatch(/\n/);
    await run.model.close();
    expect(run.clock.pending()).toBe(0);
    expect(run.frames.pending()).toBe(0);
  });

  it('leaves no timer, socket or Live Tail session behind when closed', async () => {
    const sandbox = await sandboxFor({ scenario: 'happy-path' });
    const run = await openModel(sandbox);
    await run.until((s) => s.liveTail.state === 'live');
    expect(sandbox.liveTailSessions()).toBe(1);
    const before = run.announced();
    await run.model.close();
    await run.model.close();
    expect(run.logs.inFlight).toBe(0);
    expect(run.logs.openStreams).toBe(0);
    expect(run.dms.inFlight).toBe(0);
    expect(run.clock.pending()).toBe(0);
    expect(run.frames.pending()).toBe(0);
    await run.frames.advance(60_000);
    expect(run.announced()).toBe(before);
    // The server hears of the closed stream as its socket closes.
    await vi.waitFor(() => {
      expect(sandbox.liveTailSessions()).toBe(0);
    });
  });
});

function stamp(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');
}
