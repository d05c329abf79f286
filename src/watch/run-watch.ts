import type { AwsApis } from '../aws/apis.js';
import type { LogGroupFlags } from '../discovery/log-group-plan.js';
import type { ResolvedReplication } from '../discovery/resolve-replication.js';
import type { DmsEvent } from '../events/types.js';
import { EventLineWriter } from '../output/event-line-writer.js';
import { plural } from '../output/format.js';
import { toNdjsonLine } from '../output/ndjson.js';
import { toPlainLine } from '../output/plain-line.js';
import { diffSnapshots } from '../parse/replication.js';
import { toSafeLine } from '../parse/safe-text.js';
import { selectFailures } from '../select/failures.js';
import type { Clock } from '../sources/clock.js';
import { sessionEvent } from '../sources/session-event.js';
import { EventStore } from '../store/event-store.js';
import { OrderedRelease } from './ordered-release.js';
import { judgeUntil, type UntilGoal, type UntilVerdict } from './until.js';
import { WatchSession } from './watch-session.js';

/** Exit codes of `watch` (and `start --watch`), as `--help` and the README list them. */
export const WATCH_EXIT = {
  /** `--until` reached, or the watch was ended (Ctrl-C, SIGTERM) without `--until`. */
  ok: 0,
  /** The replication failed instead of reaching `--until`, or the watch could not go on. */
  failed: 1,
  /** `--timeout` passed before `--until` was reached (as timeout(1) says it). */
  timeout: 124,
  /** Ended by Ctrl-C or SIGTERM while waiting for `--until`. */
  interrupted: 130,
} as const;

export interface RunWatchOptions {
  readonly apis: AwsApis;
  readonly clock: Clock;
  readonly target: ResolvedReplication;
  readonly groups: LogGroupFlags;
  readonly json: boolean;
  readonly pollMs?: number;
  readonly since?: number;
  readonly tailIdleMs: number;
  readonly until?: UntilGoal;
  readonly timeoutMs?: number;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Aborted by Ctrl-C / SIGTERM: the watch ends cleanly. */
  readonly signal: AbortSignal;
}

/**
 * The headless watch: every event of the replication, live, as NDJSON or
 * plain lines, in time order, until `--until` is reached, `--timeout`
 * passes, or the user ends it. Returns the exit code.
 */
export async function runWatch(options: RunWatchOptions): Promise<number> {
  const output = eventOutput(options);
  const store = new EventStore();
  const release = new OrderedRelease({
    clock: options.clock,
    // Called only once events flow, after `session` below exists.
    gapOpen: () => session.gapOpen(),
    emit: (events) => {
      output.write(events);
      // The reader went away (`| head`): nothing more can be shown, so the watch is done.
      if (output.isClosed) finish(WATCH_EXIT.ok);
    },
  });
  const sink = (events: readonly DmsEvent[]): void => {
    const added = events.filter((event) => store.add(event) === 'added');
    release.push(added);
  };
  const session = new WatchSession({
    apis: options.apis,
    clock: options.clock,
    target: options.target,
    groups: options.groups,
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    ...(options.since === undefined ? {} : { since: options.since }),
    tailIdleMs: options.tailIdleMs,
    sink,
  });

  let finish!: (code: number) => void;
  const finished = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const judge = (verdict: UntilVerdict): void => {
    if (!verdict.done) return;
    if (!verdict.reached) reportFailure(options, store);
    finish(verdict.reached ? WATCH_EXIT.ok : WATCH_EXIT.failed);
  };
  const goal = options.until;
  const onAbort = (): void => {
    finish(goal === undefined ? WATCH_EXIT.ok : WATCH_EXIT.interrupted);
  };
  options.signal.addEventListener('abort', onAbort, { once: true });
  const cancelTimeout =
    options.timeoutMs === undefined
      ? undefined
      : options.clock.setTimeout(() => {
          options.stderr.write(`dms-live: --timeout passed before the replication was ${goal ?? 'done'} (it is ${toSafeLine(session.poller.latest?.status ?? options.target.snapshot.status)})\n`);
          finish(WATCH_EXIT.timeout);
        }, options.timeoutMs);
  if (goal !== undefined) {
    session.poller.onSnapshot((snapshot) => {
      judge(judgeUntil(goal, snapshot));
    });
  }
  try {
    const atStart = goal === undefined ? undefined : judgeUntil(goal, options.target.snapshot);
    if (options.signal.aborted) onAbort();
    else if (atStart?.done === true) {
      // Already there: say where it is and end, without opening (and paying for) a Live Tail session.
      const status = diffSnapshots(undefined, options.target.snapshot, options.clock.now());
      if (status !== undefined) sink([status]);
      judge(atStart);
    } else {
      await session.start();
      if (goal !== undefined) judge(judgeUntil(goal, session.poller.latest ?? options.target.snapshot));
    }
    return await finished;
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    cancelTimeout?.();
    await session.stop();
    release.flush();
    release.stop();
    store.close();
    const grace = graceAfterStop(options.signal, options.clock);
    try {
      await output.end(grace.over);
    } finally {
      grace.cancel();
    }
  }
}

/**
 * Where the events go: lines on stdout at the pace of its reader, what
 * waits for a slow one bounded, and any event left out said so (see
 * EventLineWriter). Every event was asked for, so a slow reader is waited
 * for, not dropped, until the bound (32 MiB of event text) is reached.
 */
function eventOutput(options: RunWatchOptions): EventLineWriter {
  return new EventLineWriter({
    out: options.stdout,
    format: options.json ? toNdjsonLine : (event: DmsEvent): string => `${toPlainLine(event)}\n`,
    warn: (line) => options.stderr.write(`dms-live: warning: ${line}\n`),
    gapEvent: (leftOut, time) =>
      sessionEvent(time, { event: 'warning', reason: 'output behind', count: leftOut }, `${plural(leftOut, 'event')} left out here: stdout did not keep up`),
  });
}

/** After Ctrl-C or SIGTERM, how long a reader that is not reading is still waited for. */
const STOP_GRACE_MS = 2000;

/** Resolves STOP_GRACE_MS after the watch is asked to stop (before or while its output is waited for). */
function graceAfterStop(signal: AbortSignal, clock: Clock): { readonly over: Promise<void>; readonly cancel: () => void } {
  let cancelTimer: (() => void) | undefined;
  let start: (() => void) | undefined;
  const over = new Promise<void>((resolve) => {
    start = () => {
      cancelTimer = clock.setTimeout(resolve, STOP_GRACE_MS);
    };
    if (signal.aborted) start();
    else signal.addEventListener('abort', start, { once: true });
  });
  return {
    over,
    cancel: () => {
      cancelTimer?.();
      if (start !== undefined) signal.removeEventListener('abort', start);
    },
  };
}

/** `--until` ended in a failure: what failed and what to check, on stderr. */
function reportFailure(options: RunWatchOptions, store: EventStore): void {
  // Oldest first. The newest "Replication failed" (DMS's failure message, read against what PostgreSQL
  // saw) says most; a stop reason or a FATAL line says less.
  const failures = selectFailures(store.events());
  const newest = failures.findLast((f) => f.title === 'Replication failed') ?? failures.at(-1);
  const name = toSafeLine(options.target.identifier);
  if (newest === undefined) {
    const messages = options.target.snapshot.failureMessages;
    options.stderr.write(`dms-live: replication ${name} failed${messages.length > 0 ? `: ${toSafeLine(messages.join('; '))}` : ''}\n`);
    return;
  }
  options.stderr.write(`dms-live: replication ${name} failed: ${toSafeLine(newest.text)}\n`);
  options.stderr.write(`dms-live: → ${toSafeLine(newest.hint)}\n`);
}
