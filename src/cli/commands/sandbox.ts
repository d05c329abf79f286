import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { toSafeLine } from '../../parse/safe-text.js';
import type { FaultSpec, PostgresMode, RealServerInfo, Sandbox } from '../../sandbox/index.js';
import { DEFAULT_SANDBOX_PORT } from '../../sandbox/defaults.js';
import { BUILT_IN_SCENARIO_NAMES } from '../../sandbox/scenarios/builtins.js';
import { ScenarioError } from '../../sandbox/scenarios/field-reader.js';
import { parseFaultFlag } from '../../sandbox/faults.js';
import type { NumberRange } from '../../sandbox/scenarios/ranges.js';
import { DOCUMENTED_RANGES, RANGES, SIZE_LIMITS, describeRange, inRange, rangeSpan } from '../../sandbox/scenarios/ranges.js';

export interface SandboxCommandOptions {
  readonly scenario: string;
  readonly speed?: number;
  readonly port: number;
  readonly host: string;
  readonly rate?: number;
  readonly faults: Partial<FaultSpec>;
  readonly autoStart: boolean;
  /** Default `simulated` (library callers and tests); the commands default to `real` (postgresModeFlag). */
  readonly postgres?: PostgresMode;
}

interface RawOptions {
  readonly scenario: string;
  readonly speed?: string;
  readonly port: string;
  readonly host: string;
  readonly rate?: string;
  readonly fault: string[];
  readonly autoStart: boolean;
  readonly postgres?: string;
}

/** `dms-live sandbox`: runs the local AWS endpoint in the foreground until Ctrl-C. */
export function registerSandbox(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('sandbox')
    .description('Run a local AWS-compatible endpoint (DMS Serverless + CloudWatch Logs) that plays a scenario')
    .option('--scenario <name|file>', `built-in scenario (${BUILT_IN_SCENARIO_NAMES.join(', ')}) or a JSON/YAML file`, 'happy-path')
    .option('--speed <x>', `virtual seconds per wall second, ${rangeSpan(RANGES.speed)} (default: the scenario's, else 10)`)
    .option('--port <n>', `port to listen on, ${rangeSpan(RANGES.listenPort)}; 0 picks a free one`, String(DEFAULT_SANDBOX_PORT))
    .option('--host <address>', 'address to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .option('--rate <n>', `events per virtual second for scenarios with a flood, ${rangeSpan(RANGES.rate)} (flood: default 100)`)
    .option('--fault <name=value>', 'inject a fault, repeatable (see src/sandbox/scenarios/README.md)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--no-auto-start', 'never start replications by themselves')
    .option('--postgres <mode>', POSTGRES_FLAG_HELP)
    .addHelpText('after', rangesHelp())
    .action(async (raw: RawOptions) => {
      const options = parseOptions(raw);
      const controller = new AbortController();
      const onSignal = (): void => {
        controller.abort();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await runSandbox(options, io, controller.signal);
        setExitCode(0);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

/** Starts the sandbox, prints where it is, and stops it cleanly when `until` aborts. */
export async function runSandbox(options: SandboxCommandOptions, io: CliIo, until: AbortSignal): Promise<void> {
  // The sandbox's server code loads only when it runs: `--help` never pays for it.
  const { startSandbox } = await import('../../sandbox/index.js');
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      scenario: options.scenario,
      port: options.port,
      host: options.host,
      autoStart: options.autoStart,
      faults: options.faults,
      ...(options.speed === undefined ? {} : { speed: options.speed }),
      ...(options.rate === undefined ? {} : { rate: options.rate }),
      postgres: options.postgres ?? 'simulated',
      onError: (err) => {
        // The message may quote a request or a scenario: one safe line.
        io.stderr.write(`dms-live sandbox: internal error: ${toSafeLine(err instanceof Error ? err.message : String(err))}\n`);
      },
      onNotice: (line) => {
        io.stderr.write(`dms-live sandbox: ${toSafeLine(line)}\n`);
      },
    });
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(err.message);
    throw new UsageError(err instanceof Error ? err.message : String(err), 1);
  }
  io.stdout.write(describeSandbox(sandbox));
  const { postgres } = sandbox;
  if (options.postgres === 'real' && postgres.reason !== undefined) io.stderr.write(`dms-live sandbox: PostgreSQL is simulated: ${toSafeLine(postgres.reason)}\n`);
  void postgres.ready().then(() => {
    if (until.aborted) return;
    for (const server of postgres.servers()) io.stdout.write(`${describeServer(server, postgres.rolePassword ?? '')}\n`);
  });
  if (!until.aborted) {
    await new Promise<void>((resolve) => {
      until.addEventListener('abort', () => { resolve(); }, { once: true });
    });
  }
  await sandbox.stop();
  io.stdout.write('dms-live sandbox: stopped\n');
}

/**
 * What the command prints on start: where it listens, the shell exports, one
 * line per replication. Names, ids and states come from scenario files and
 * are escaped like log text (toSafeLine); export values are shell-quoted
 * when they are not plain words, so pasting them runs nothing else.
 */
export function describeSandbox(sandbox: Sandbox): string {
  const safe = toSafeLine;
  const lines = [
    `dms-live sandbox: scenario ${safe(sandbox.scenario.name)} on ${safe(sandbox.url)} (speed ${sandbox.speed}x; timestamps are virtual)`,
    '',
    '# Point the AWS CLI and dms-live at it:',
    ...Object.entries(sandbox.exports()).map(([name, value]) => `export ${name}=${shellWord(safe(value))}`),
    '',
    '# Replications:',
  ];
  for (const r of sandbox.replications()) lines.push(`#   ${safe(r.id)}  ${safe(r.status)}  ${safe(r.arn)}`);
  if (sandbox.postgres.mode === 'real') {
    lines.push('', `# Source databases: real PostgreSQL ${safe(sandbox.postgres.version ?? '')}, starting now; a line follows when each is ready.`);
  }
  const first = sandbox.replications()[0];
  const liveTailGroup = first?.sourceLogGroup !== undefined && sandbox.logGroups().includes(first.sourceLogGroup) ? first.sourceLogGroup : undefined;
  lines.push('', '# Try:', "#   aws dms describe-replications --query 'Replications[].[ReplicationConfigIdentifier,Status]' --output text");
  if (liveTailGroup !== undefined) {
    lines.push(`#   aws logs start-live-tail --log-group-identifiers ${safe(`arn:aws:logs:${sandbox.region}:${sandbox.accountId}:log-group:${liveTailGroup}`)}`);
  }
  lines.push('', 'Press Ctrl-C to stop.', '');
  return lines.join('\n');
}

/** A real source database is ready: how to reach it with psql, and its pid and data directory. */
export function describeServer(server: RealServerInfo, password: string): string {
  const url = `postgresql://${encodeURIComponent(server.user)}:${encodeURIComponent(password)}@${server.host}:${String(server.port)}/${encodeURIComponent(server.database)}`;
  return toSafeLine(`dms-live sandbox: PostgreSQL ${server.version} of ${server.instanceId} ready: psql ${url} (pid ${String(server.pid)}, data in ${server.dataDir})`);
}

const POSTGRES_FLAG_HELP = 'source databases: real (a PostgreSQL server per source, the default; DMS_LIVE_POSTGRES sets another) or simulated (log text only)';

/** `--postgres`, else DMS_LIVE_POSTGRES, else `real`: a one-line usage error for anything else. */
export function postgresModeFlag(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): PostgresMode {
  const [value, from] = flag !== undefined ? [flag, '--postgres'] : env.DMS_LIVE_POSTGRES !== undefined && env.DMS_LIVE_POSTGRES !== '' ? [env.DMS_LIVE_POSTGRES, 'DMS_LIVE_POSTGRES'] : ['real', ''];
  if (value === 'real' || value === 'simulated') return value;
  throw new UsageError(`${from} must be real or simulated, got "${toSafeLine(value)}"`);
}

/** `value` as one shell word: as is when plain, else in single quotes. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_.:/@%+=,-]*$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

export function parseOptions(raw: RawOptions): SandboxCommandOptions {
  const port = flagNumber('--port', raw.port, RANGES.listenPort);
  const speed = raw.speed === undefined ? undefined : flagNumber('--speed', raw.speed, RANGES.speed);
  const rate = raw.rate === undefined ? undefined : flagNumber('--rate', raw.rate, RANGES.rate);
  // Node listens on every interface for an empty host, and the banner would advertise http://:PORT.
  if (raw.host.trim() === '') {
    throw new UsageError('--host must not be empty: give an address to listen on, e.g. 127.0.0.1 (the default) or 0.0.0.0 for every interface');
  }
  let faults: Partial<FaultSpec> = {};
  for (const flag of raw.fault) {
    try {
      faults = { ...faults, ...parseFaultFlag(flag) };
    } catch (err) {
      if (err instanceof ScenarioError) throw new UsageError(err.message);
      throw err;
    }
  }
  return {
    scenario: raw.scenario,
    port,
    host: raw.host,
    faults,
    autoStart: raw.autoStart,
    postgres: postgresModeFlag(raw.postgres),
    ...(speed === undefined ? {} : { speed }),
    ...(rate === undefined ? {} : { rate }),
  };
}

/** A numeric flag within its documented range, else a one-line usage error naming both. */
function flagNumber(flag: string, text: string, range: NumberRange): number {
  // Number('') is 0 and Number(' 5 ') is 5: only plain decimal or exponent notation counts.
  const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : Number.NaN;
  if (!inRange(value, range)) throw new UsageError(`${flag} must be ${describeRange(range)}, got "${text}"`);
  return value;
}

/** The ranges section of `dms-live sandbox --help`: every flag and scenario field (scenarios/README.md has the same table). */
function rangesHelp(): string {
  const width = 32;
  const rows = DOCUMENTED_RANGES.map(([name, range]) => {
    const span = `${rangeSpan(range)}${range.note === undefined ? '' : ` (${range.note})`}`;
    return name.length < width ? `  ${name.padEnd(width)}${span}` : `  ${name}\n  ${' '.repeat(width)}${span}`;
  });
  return ['', 'Ranges of flags, --fault values and scenario fields (anything outside is refused):', ...rows, `  and: ${SIZE_LIMITS}`, ''].join('\n');
}
