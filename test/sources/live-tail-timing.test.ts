import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/sources/backoff.js';
import { LiveTailSource } from '../../src/sources/live-tail-source.js';
import type { LiveTailSourceOptions } from '../../src/sources/live-tail-source.js';
import { FakeLogs, T0, awsError, collect, manualClock, onCleanup } from '../live/support.js';

const ARN = (name: string): string => `arn:aws:logs:eu-central-1:123456789012:log-group:${name}`;
const GROUP = { name: 'g', arn: ARN('g') };

/** A source over a fake LogsApi on a manual clock; waits draw the top of each backoff range (random 0.999). */
function fakeTail(options: Partial<LiveTailSourceOptions> = {}) {
  const clock = manualClock(T0);
  const logs = new FakeLogs(clock);
  const got = collect();
  const source = new LiveTailSource({
    logs,
    clock,
    groups: [GROUP],
    sink: got.sink,
    backoff: new Backoff({ baseMs: 1000, maxMs: 8000, random: () => 0.999 }),
    ...options,
  });
  onCleanup(() => source.stop());
  /** `seconds` of a healthy stream: one heartbeat per second on the newest stream. */
  const beat = async (seconds: number): Promise<void> => {
    for (let i = 0; i < seconds; i++) {
      logs.latest?.update();
      await clock.advance(1000);
    }
  };
  return { source, clock, logs, got, beat };
}

const gaps = (at: readonly { at: number }[]): number[] => at.slice(1).map((o, i) => o.at - (at[i]?.at ?? 0));

describe('LiveTailSource timing (fake LogsApi, manual clock)', () => {
  it('keeps a stream with a heartbeat every second, and reconnects after 10 s of silence', async () => {
    const { source, clock, logs, got, beat } = fakeTail();
    source.start();
    await beat(300);
    logs.latest?.update();
    await clock.advance(0);
    expect([logs.opened.length, source.state]).toEqual([1, 'live']);
    const silentFrom = clock.now();
    await clock.advance(9999);
    expect(logs.opened.length).toBe(1);
    await clock.advance(1);
    const [reconnect] = got.session('reconnecting');
    expect(reconnect?.session).toMatchObject({ reason: 'heartbeat lost', attempt: 1, retryInMs: 999 });
    expect(reconnect?.text).toBe('Live Tail stream is dead: no heartbeat for 10s; reconnecting in 1 s (attempt 1)');
    expect(logs.streams[0]?.closed).toBe(true);
    await clock.advance(999);
    expect(logs.opened.map((o) => o.at - silentFrom)).toEqual([-300_000, 10_999]);
  });

  it('gives up on an open that hangs after the heartbeat timeout', async () => {
    const { source, clock, logs, got } = fakeTail({ heartbeatTimeoutMs: 5000 });
    logs.opens = ['hang'];
    source.start();
    await clock.advance(5000);
    expect(got.session('reconnecting').map((e) => e.session.reason)).toEqual(['heartbeat lost']);
    await clock.advance(999);
    expect([logs.opened.length, source.state]).toEqual([2, 'live']);
  });

  it('waits longer after each failure, up to the cap, with the attempt counted', async () => {
    const { source, clock, logs, got } = fakeTail();
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
    logs.opens = Array.from({ length: 6 }, () => ({ reject: refused }));
    source.start();
    await clock.advance(31_000);
    expect(gaps(logs.opened)).toEqual([999, 1998, 3996, 7992, 7992, 7992]);
    expect(got.session('reconnecting').map((e) => e.session.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(got.session('reconnecting')[0]?.text).toMatch(/^Live Tail could not open \(cannot reach AWS \(ECONNREFUSED\).*\); reconnecting in 1 s \(attempt 1\)$/);
    expect(source.state).toBe('live');
  });

  it('starts the backoff over after a healthy minute', async () => {
    const { source, clock, logs, got, beat } = fakeTail();
    source.start();
    await clock.advance(0);
    logs.latest?.end();
    await clock.advance(999);
    logs.latest?.end();
    await clock.advance(1998);
    await beat(61);
    logs.latest?.end();
    await clock.advance(999);
    expect(got.session('reconnecting').map((e) => [e.session.retryInMs, e.session.attempt])).toEqual([
      [999, 1],
      [1998, 2],
      [999, 1],
    ]);
    expect(logs.opened).toHaveLength(4);
  });

  it('rolls over at 2 h 55 min by default, before CloudWatch ends the session at 3 h', async () => {
    const { source, clock, logs, got } = fakeTail();
    source.start();
    for (let s = 0; s < 3 * 3600; s += 5) {
      for (let i = 0; i < 5; i++) logs.latest?.update();
      await clock.advance(5000);
    }
    expect(gaps(logs.opened)).toEqual([(3 * 60 - 5) * 60_000]);
    expect(got.session('reconnecting').map((e) => [e.session.reason, e.session.retryInMs])).toEqual([['rollover', 0]]);
    expect(logs.streams[0]?.closed).toBe(true);
    // 175 minutes, then the open session's first 5.
    expect(source.billedMinutes).toBe(180);
  });

  it('treats an abort by stop() as no error, and leaves no timer or stream', async () => {
    const { source, clock, logs, got, beat } = fakeTail();
    source.start();
    await beat(3);
    await source.stop();
    expect([source.state, clock.pending(), logs.latest?.closed]).toEqual(['stopped', 0, true]);
    expect(got.session().map((e) => e.session.event)).toEqual(['connected', 'closed']);
    await clock.advance(600_000);
    expect(logs.opened).toHaveLength(1);
  });

  it('stops while waiting to reconnect without opening again', async () => {
    const { source, clock, logs } = fakeTail();
    logs.opens = [{ reject: awsError('InternalFailure', 'boom', 500) }];
    source.start();
    await clock.advance(500);
    expect(source.state).toBe('reconnecting');
    await source.stop();
    expect(clock.pending()).toBe(0);
    await clock.advance(60_000);
    expect(logs.opened).toHaveLength(1);
  });

  it('retries LimitExceededException and expired credentials every minute, and fails at once on a bad parameter', async () => {
    const { source, clock, logs, got } = fakeTail({ slowRetryMs: 60_000 });
    logs.opens = [{ reject: awsError('LimitExceededException') }, { reject: awsError('ExpiredTokenException') }, { reject: awsError('InvalidParameterException', 'bad ARN') }];
    source.start();
    await clock.advance(180_000);
    expect(gaps(logs.opened)).toEqual([60_000, 60_000]);
    expect(source.state).toBe('failed');
    expect(got.session('error').map((e) => e.session.reason)).toEqual(['LimitExceededException', 'ExpiredTokenException', 'InvalidParameterException']);
    expect(got.session('error')[1]?.text).toMatch(/have expired: run aws sso login --profile default or refresh them; dms-live tries again every 1 min$/);
  });

  it('refuses more than 10 log groups, at construction and later', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `g${String(i)}`, arn: ARN(`g${String(i)}`) }));
    const clock = manualClock(T0);
    const options = { logs: new FakeLogs(clock), clock, sink: () => undefined };
    expect(() => new LiveTailSource({ ...options, groups: eleven })).toThrow(
      'Live Tail watches at most 10 log groups in one session, got 11: drop some --log-group flags',
    );
    const source = new LiveTailSource({ ...options, groups: eleven.slice(0, 10) });
    expect(() => {
      source.setGroups(eleven);
    }).toThrow(/at most 10 log groups/);
  });

  it('bills each session by its started minutes', async () => {
    const { source, clock, logs, beat } = fakeTail();
    source.start();
    await beat(61);
    logs.latest?.end();
    await clock.advance(999);
    expect(source.billedMinutes).toBe(3);
    await beat(10);
    expect(source.billedMinutes).toBe(3);
    await source.stop();
    expect(source.billedMinutes).toBe(3);
  });
});

describe('LiveTailSource gaps (fake LogsApi)', () => {
  it('backfills from backfillFrom on start, and after a reconnect from the newest event seen minus the overlap', async () => {
    const { source, clock, logs, got } = fakeTail({ backfillFrom: T0 - 3_600_000, groups: [GROUP, { name: 'h', arn: ARN('h') }] });
    source.start();
    await clock.advance(0);
    expect(logs.filters).toEqual([
      { logGroupIdentifier: ARN('g'), startTime: T0 - 3_600_000 },
      { logGroupIdentifier: ARN('h'), startTime: T0 - 3_600_000 },
    ]);
    logs.latest?.update([{ message: 'one', timestamp: T0 + 400 }, { message: 'two', timestamp: T0 + 700, group: ARN('h') }]);
    await clock.advance(1000);
    expect(source.lastEventTime).toBe(T0 + 700);
    expect(source.lastActivity).toBe(T0);
    logs.latest?.fail(awsError('SessionStreamingException'));
    await clock.advance(999);
    expect(logs.filters.slice(2).map((f) => f.startTime)).toEqual([T0 + 700 - 5000, T0 + 700 - 5000]);
    expect(got.session('reconnecting')[0]?.session.reason).toBe('SessionStreamingException');
  });

  it('does not backfill on start without backfillFrom, but does after a reconnect and for a group that joins', async () => {
    const { source, clock, logs, got } = fakeTail();
    logs.filter = (input) => (input.logGroupIdentifier === ARN('late') ? [{ message: 'in late', timestamp: T0 + 10 }] : []);
    source.start();
    await clock.advance(2000);
    expect(logs.filters).toEqual([]);
    source.setGroups([GROUP, { name: 'late', arn: ARN('late') }]);
    await clock.advance(0);
    expect(logs.filters).toEqual([{ logGroupIdentifier: ARN('g'), startTime: T0 - 5000 }, { logGroupIdentifier: ARN('late'), startTime: T0 - 5000 }]);
    expect(got.session().map((e) => e.session.event)).toEqual(['connected', 'joined', 'connected', 'backfilled']);
    expect(got.logEvents().map((e) => [e.raw, e.logGroup])).toEqual([['in late', 'late']]);
  });

  it('passes one sink call per update, sorted by time, with the group names', async () => {
    const { source, clock, logs, got } = fakeTail();
    source.start();
    await clock.advance(0);
    logs.latest?.update([
      { message: 'b', timestamp: T0 + 2 },
      { message: 'a', timestamp: T0 + 1 },
      { message: 'c', timestamp: T0 + 3 },
    ]);
    await clock.advance(1000);
    const batches = got.batches.filter((b) => b.some((e) => e.kind !== 'session'));
    expect(batches.map((b) => b.map((e) => `${e.raw}@${e.logGroup ?? ''}`))).toEqual([['a@g', 'b@g', 'c@g']]);
  });
});
