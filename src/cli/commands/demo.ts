import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { ReplicationActions } from '../../actions/replication-actions.js';
import { resolveReplication } from '../../discovery/resolve-replication.js';
import { parseReplicationRef } from '../../discovery/replication-ref.js';
import { toSafeLine } from '../../parse/safe-text.js';
import type { PostgresMode, Sandbox } from '../../sandbox/index.js';
import { BUILT_IN_SCENARIO_NAMES } from '../../sandbox/scenarios/builtins.js';
import { ScenarioError } from '../../sandbox/scenarios/field-reader.js';
import type { Clock } from '../../sources/clock.js';
import { parseOptions } from './sandbox.js';
import { wantsDashboard } from '../terminal-mode.js';
import { readOnlyOf, watchResolved } from './watch.js';

interface DemoFlags {
  readonly scenario: string;
  readonly speed?: string;
  readonly postgres?: string;
  readonly json?: boolean;
  readonly readOnly?: boolean;
}

/**
 * `dms-live demo`: the sandbox in-process, its first replication started
 * at once, and watched, so a new user sees a replication come up within a
 * minute without an AWS account or a second shell. Everything runs on the
 * sandbox's virtual clock, so polls, Live Tail and log timestamps agree.
 */
export function registerDemo(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('demo')
    .description('Watch a sandbox replication come up: the built-in sandbox, its replication started, dms-live watching it (no AWS account needed)')
    .option('--scenario <name|file>', `built-in scenario (${BUILT_IN_SCENARIO_NAMES.join(', ')}) or a JSON/YAML file`, 'happy-path')
    .option('--speed <x>', "virtual seconds per wall second (default: the scenario's, else 10)")
    .option('--json', 'NDJSON instead of plain lines')
    .option('--postgres <mode>', 'the source database: real (a PostgreSQL server, the default; DMS_LIVE_POSTGRES sets another) or simulated')
    .addHelpText(
      'after',
      `
Examples:
  dms-live demo                                       # a replication from start to CDC, at 10x
  dms-live demo --scenario test-connection-failure    # DMS cannot log in to PostgreSQL: see why
  dms-live demo --json | jq -c 'select(.kind == "state")'`,
    )
    .action(async (flags: DemoFlags, cmd: Command) => {
      setExitCode(await runDemo({ ...flags, readOnly: readOnlyOf(cmd) }, io));
    });
}

async function runDemo(flags: DemoFlags, io: CliIo): Promise<number> {
  const options = parseOptions({
    scenario: flags.scenario,
    port: '0',
    host: '127.0.0.1',
    fault: [],
    autoStart: false,
    ...(flags.speed === undefined ? {} : { speed: flags.speed }),
    ...(flags.postgres === undefined ? {} : { postgres: flags.postgres }),
  });
  // The dashboard owns the terminal: the sandbox's notices and errors wait until it has closed.
  const notices: string[] = [];
  let holdNotices = false;
  const notice = (text: string): void => {
    if (holdNotices) notices.push(text);
    else io.stderr.write(text);
  };
  const watchFlags = { json: flags.json === true, rds: true, readOnly: flags.readOnly === true };
  const { loadDashboard } = io;
  const dashboard = loadDashboard !== undefined && wantsDashboard(io, process.env, watchFlags);
  // The dashboard's code (React, Ink) loads while the sandbox starts and
  // answers, not after: the first frame comes ~40 ms sooner. watchResolved
  // asks for it again and gets the loaded module; a failure is reported there.
  if (dashboard) void loadDashboard().catch(() => undefined);
  // The sandbox and the SDK load only when the demo runs (see aws-options.ts).
  const [{ startSandbox }, { createAwsApis }] = await Promise.all([import('../../sandbox/index.js'), import('../../aws/clients.js')]);
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      scenario: options.scenario,
      port: 0,
      autoStart: false,
      ...(options.speed === undefined ? {} : { speed: options.speed }),
      ...(options.postgres === undefined ? {} : { postgres: options.postgres }),
      onError: (err) => {
        notice(`dms-live demo: sandbox internal error: ${toSafeLine(err instanceof Error ? err.message : String(err))}\n`);
      },
      onNotice: (line) => {
        notice(`dms-live demo: ${toSafeLine(line)}\n`);
      },
    });
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(err.message);
    throw new UsageError(err instanceof Error ? err.message : String(err), 1);
  }
  try {
    const clock: Clock = {
      now: () => sandbox.now(),
      setTimeout: (fn, ms) => {
        const timer = sandbox.after(ms, fn);
        return () => {
          timer.cancel();
        };
      },
    };
    const apis = createAwsApis({
      region: sandbox.region,
      regionSource: '--region',
      endpoints: { dms: sandbox.url, logs: sandbox.url },
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    });
    const first = sandbox.replications()[0];
    if (first === undefined) throw new UsageError('the scenario has no replication to show');
    const target = await resolveReplication(apis, parseReplicationRef(first.arn));
    const actions = new ReplicationActions({ dms: apis.dms, configArn: target.configArn, label: target.identifier, clock, sink: () => undefined });
    const started = target.snapshot.status === 'created' ? await actions.start('start-replication') : undefined;
    const snapshot = started?.outcome === 'succeeded' ? started.snapshot : undefined;
    const intro = `sandbox scenario ${toSafeLine(sandbox.scenario.name)} at ${String(sandbox.speed)}x (times are virtual)${postgresPhrase(sandbox, options.postgres)}; replication ${toSafeLine(target.identifier)} ${started === undefined ? 'as it is' : 'started'}.`;
    const next = 'dms-live demo --scenario test-connection-failure';
    const hint = `${intro} Try ${flags.readOnly === true ? '' : 'x to stop it and s to start it again, '}? for every key, then ${next}.`;
    if (!dashboard) {
      io.stderr.write(`dms-live demo: ${intro} Ctrl-C ends it. Next: ${next}, or dms-live sandbox to try the AWS CLI against it.\n`);
    } else {
      holdNotices = true;
    }
    return await watchResolved(apis, snapshot === undefined ? target : { ...target, snapshot }, watchFlags, io, clock, hint);
  } finally {
    await sandbox.stop();
    for (const text of notices) io.stderr.write(text);
  }
}

/** What the source database is, when a real one was asked for: real, or simulated and why. */
function postgresPhrase(sandbox: Sandbox, asked: PostgresMode | undefined): string {
  if (asked !== 'real') return '';
  const { postgres } = sandbox;
  return postgres.mode === 'real'
    ? ` with a real PostgreSQL ${toSafeLine(postgres.version ?? '')} as its source`
    : ` with a simulated source database (${toSafeLine(postgres.reason ?? 'no real PostgreSQL here')})`;
}
