import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { resolveTargetFor } from '../aws-options.js';
import type { StartFlags, StartHooks } from './start.js';
import type { AwsApis } from '../../aws/apis.js';
import type { ResolvedReplication } from '../../discovery/resolve-replication.js';
import { systemClock, type Clock } from '../../sources/clock.js';
import { parseDuration, parseSince } from '../../watch/durations.js';
import { runWatch, WATCH_EXIT } from '../../watch/run-watch.js';
import type { LogGroupFlags } from '../../discovery/log-group-plan.js';
import { runDashboard, type LiveFlags } from '../dashboard.js';
import { wantsDashboard } from '../terminal-mode.js';
import { keepHeapNearLive } from '../long-run-heap.js';
import { UNTIL_GOALS, unreachableGoal, type UntilGoal } from '../../watch/until.js';

export interface WatchFlags {
  readonly json?: boolean;
  readonly logGroup?: string[];
  readonly rdsLogGroup?: string;
  readonly rds: boolean;
  readonly poll?: string;
  readonly since?: string;
  readonly until?: UntilGoal;
  readonly timeout?: string;
  readonly tailIdle?: string;
  readonly readOnly?: boolean;
}

/** Everything `watch` and `start --watch` share. */
export function addWatchOptions(command: Command): Command {
  return command
    .option('--json', 'one NDJSON record per event (the replay --json schema plus status, session and action records)')
    .option('--log-group <name|arn>', 'another log group to tail, repeatable', (v: string, acc: string[] | undefined) => [...(acc ?? []), v])
    .option('--rds-log-group <name|arn>', "the source database's PostgreSQL log group (default: found from the source endpoint)")
    .option('--no-rds', "do not tail the source database's PostgreSQL log")
    .option('--poll <seconds>', 'poll DescribeReplications this often (default: 2 while the replication changes, 15 when settled)')
    .option('--since <duration|time>', "backfill from this long ago (15m, 2h, 1d) or this time (ISO 8601, UTC unless a zone is given); default: the current run's start")
    .addOption(new Option('--until <goal>', 'exit when the replication is there: 0 reached, 1 failed instead').choices(UNTIL_GOALS))
    .option('--timeout <duration>', 'with --until: give up after this long (exit 124)')
    .option('--tail-idle <minutes>', 'close Live Tail (billed per session minute) after this many minutes without events while the replication is settled; polling goes on (default: 60)');
}

/** The global `--read-only` (src/cli/commands/picker.ts), wherever it was given. */
export function readOnlyOf(command: Command): boolean {
  return command.optsWithGlobals<{ readOnly?: boolean }>().readOnly === true;
}

export const WATCH_EXIT_HELP = `
Exit codes:
  0    --until reached, or the watch was ended (Ctrl-C) without --until
  1    the replication failed instead of reaching --until, or the watch could not go on (AWS error)
  2    bad usage (unknown flag, malformed ARN, bad duration)
  124  --timeout passed before --until was reached
  130  ended by Ctrl-C or SIGTERM while waiting for --until`;

export function registerWatch(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('watch')
    .description('Watch one replication live: its state changes, PostgreSQL connections, failures and logs (Live Tail + DescribeReplications)')
    .argument('[replication]', 'ReplicationConfigArn, its resource id (the ARN\'s last part), or ReplicationConfigIdentifier; default $DMS_REPLICATION_ID');
  addWatchOptions(command)
    .addHelpText(
      'after',
      `${WATCH_EXIT_HELP}

Examples:
  dms-live watch $DMS_REPLICATION_ID --json | jq -c 'select(.kind == "state")'
  dms-live watch my-replication --until cdc --timeout 2h
  dms-live watch arn:aws:dms:eu-central-1:123456789012:replication-config:ABC... --since 1h`,
    )
    .action(async (replication: string | undefined, flags: WatchFlags, cmd: Command) => {
      const ref = replication ?? process.env.DMS_REPLICATION_ID;
      if (ref === undefined || ref.trim() === '') {
        throw new UsageError('watch needs a replication: an ARN, its resource id or its name (or set DMS_REPLICATION_ID)');
      }
      setExitCode(await watchReplication(ref, { ...flags, readOnly: readOnlyOf(cmd) }, cmd, io));
    });
}

/** Resolves the replication and watches it until the flags say stop; returns the exit code. */
export async function watchReplication(ref: string, flags: WatchFlags, cmd: Command, io: CliIo): Promise<number> {
  parseWatchFlags(flags);
  const { apis, target } = await resolveTargetFor(cmd, io, ref);
  return watchResolved(apis, target, flags, io);
}

/**
 * Watches a resolved replication (also `start --watch`, right after its
 * start was accepted) until the flags say stop; destroys the clients.
 */
export async function watchResolved(apis: AwsApis, target: ResolvedReplication, flags: WatchFlags, io: CliIo, clock: Clock = systemClock, hint?: string): Promise<number> {
  try {
    const parsed = parseWatchFlags(flags);
    const groups = { extraGroups: flags.logGroup ?? [], noRds: !flags.rds, ...(flags.rdsLogGroup === undefined ? {} : { rdsGroup: flags.rdsLogGroup }) };
    if (io.loadDashboard !== undefined && wantsDashboard(io, process.env, { json: flags.json === true, ...(parsed.until === undefined ? {} : { until: parsed.until }) })) {
      const launcher = await io.loadDashboard();
      return await runDashboard({ launcher, apis, clock, target, flags: liveFlags(parsed, groups, flags), ...(hint === undefined ? {} : { hint }) });
    }
    if (parsed.until !== undefined) {
      const impossible = unreachableGoal(parsed.until, target.snapshot);
      if (impossible !== undefined) throw new UsageError(impossible);
    }
    keepHeapNearLive();
    const controller = new AbortController();
    const onSignal = (): void => {
      controller.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      return await runWatch({
        apis,
        clock,
        target,
        groups,
        json: flags.json === true,
        ...parsed,
        stdout: io.stdout,
        stderr: io.stderr,
        signal: controller.signal,
      });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  } finally {
    apis.destroy();
  }
}

export interface ParsedWatchFlags {
  readonly pollMs?: number;
  readonly since?: number;
  readonly until?: UntilGoal;
  readonly timeoutMs?: number;
  readonly tailIdleMs: number;
}

/** The flags the dashboard's sources take. */
export function liveFlags(parsed: ParsedWatchFlags, groups: LogGroupFlags, flags: WatchFlags): LiveFlags {
  return {
    groups,
    tailIdleMs: parsed.tailIdleMs,
    readOnly: flags.readOnly === true,
    ...(parsed.pollMs === undefined ? {} : { pollMs: parsed.pollMs }),
    ...(parsed.since === undefined ? {} : { since: parsed.since }),
  };
}

export function parseWatchFlags(flags: WatchFlags): ParsedWatchFlags {
  const out: { -readonly [K in keyof ParsedWatchFlags]: ParsedWatchFlags[K] } = { tailIdleMs: 60 * 60_000 };
  if (flags.poll !== undefined) {
    const seconds = Number(flags.poll);
    if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600) throw new UsageError(`--poll ${flags.poll}: expected seconds between 1 and 3600`);
    out.pollMs = seconds * 1000;
  }
  if (flags.since !== undefined) {
    const since = parseSince(flags.since, Date.now());
    if (since === undefined) throw new UsageError(`--since ${flags.since}: expected a duration (15m, 2h, 1d) or an ISO 8601 time (2024-08-03T14:00:00Z)`);
    out.since = since;
  }
  if (flags.timeout !== undefined) {
    if (flags.until === undefined) throw new UsageError('--timeout needs --until (the goal to wait for)');
    const ms = parseDuration(flags.timeout);
    if (ms === undefined) throw new UsageError(`--timeout ${flags.timeout}: expected a duration such as 30m or 2h`);
    out.timeoutMs = ms;
  }
  if (flags.tailIdle !== undefined) {
    const idle = Number(flags.tailIdle);
    if (!Number.isFinite(idle) || idle < 1 || idle > 24 * 60) throw new UsageError(`--tail-idle ${flags.tailIdle}: expected minutes between 1 and 1440`);
    out.tailIdleMs = idle * 60_000;
  }
  if (flags.until !== undefined) out.until = flags.until;
  return out;
}

export { WATCH_EXIT };

/** `start --watch`: the watch flags on `start`, and the watch once the start was accepted. */
export const START_WATCH_HOOKS: StartHooks<StartFlags & WatchFlags & { readonly watch?: boolean }> = {
  addOptions: (command) =>
    addWatchOptions(command.option('--watch', 'once the start is accepted, watch the replication (the flags below apply; exit codes as watch)')),
  followsUp: (flags) => flags.watch === true,
  afterStart: async (done, flags, command, io) => {
    // The start's answer is newer than what resolution saw: a replication that had failed before
    // must not count as failed again for --until.
    const target = done.result.snapshot === undefined ? done.target : { ...done.target, snapshot: done.result.snapshot };
    return watchResolved(done.apis, target, { ...flags, readOnly: readOnlyOf(command) }, io);
  },
};
