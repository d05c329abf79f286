import type { MigrationType } from '../world/dms-records.js';
import type { StepSpec } from './spec.js';
import { STOP_REASONS } from './state-messages.js';

/** What a built-in script may depend on. */
export interface ScriptContext {
  readonly type: MigrationType;
  readonly capacity: number;
}

type ScriptBuilder = (ctx: ScriptContext) => StepSpec[];

/**
 * The built-in scripts, by name. Times are virtual seconds after the phase
 * began: a start takes about five minutes (real ones take longer), about 30 s
 * at the default speed of 10. `${...}` placeholders are filled per
 * replication (README: placeholders).
 */
const BUILT_IN_SCRIPTS: Readonly<Record<string, ScriptBuilder>> = {
  'happy-start': happyStart,
  resume,
  stop,
  'password-failure': (ctx) => failedTestConnection(ctx, 'password'),
  'network-timeout': (ctx) => failedTestConnection(ctx, 'timeout'),
};

export const BUILT_IN_SCRIPT_NAMES: readonly string[] = Object.keys(BUILT_IN_SCRIPTS);

export function builtInScript(name: string, ctx: ScriptContext): StepSpec[] | undefined {
  return Object.hasOwn(BUILT_IN_SCRIPTS, name) ? BUILT_IN_SCRIPTS[name]?.(ctx) : undefined;
}

/** The steps every start shares up to the test connection. */
function startPrologue(): StepSpec[] {
  return [
    { at: 0, state: 'initializing' },
    { at: 6, state: 'preparing_metadata_resources' },
    { at: 40, state: 'testing_connection' },
  ];
}

function happyStart(ctx: ScriptContext): StepSpec[] {
  const fullLoad = ctx.type !== 'cdc';
  const mode = ctx.type === 'full-load' ? 'full load' : ctx.type === 'cdc' ? 'CDC' : 'full load and CDC';
  const steps: StepSpec[] = [
    ...startPrologue(),
    { at: 44, postgres: [{ connect: { sessionSeconds: 0.35 } }] },
    { at: 55, state: 'fetching_metadata' },
    { at: 58, postgres: [{ connect: { sessionSeconds: 2.4 } }] },
    { at: 75, state: 'calculating_capacity' },
    { at: 90, state: 'provisioning_capacity', view: { provisionState: 'provisioning', capacityUnits: ctx.capacity } },
    { at: 200, view: { provisionState: 'provisioned' } },
    {
      at: 205,
      state: 'replication_starting',
      task: [
        { component: 'TASK_MANAGER', text: `Task '\${resourceId}' running ${mode} in fresh start mode`, source: 'replicationtask.c:1263' },
        { component: 'SOURCE_CAPTURE', text: "Source endpoint 'Postgresql' is using provider syntax 'PostgreSQLLinux'", source: 'provider_syntax_manager.c:947' },
      ],
      postgres: [{ connect: { keepOpen: true } }, { connect: { keepOpen: true } }],
    },
    { at: 207, postgres: [{ createSlot: true }] },
    { at: 220, state: 'running', view: fullLoad ? { fullLoadStarted: true } : {} },
  ];
  if (fullLoad) steps.push({ at: 222, fullLoad: { durationSeconds: 90 } });
  if (ctx.type === 'full-load') {
    steps.push(
      { at: 314, task: [{ component: 'TASK_MANAGER', text: 'Full load finished. The task stops.', source: 'replicationtask.c:3500' }] },
      { at: 316, postgres: [{ disconnectAll: true }] },
      { at: 318, state: 'stopped', message: 'Replication is stopped. Full load finished.', view: { stopReason: STOP_REASONS.fullLoadDone } },
    );
  } else {
    steps.push({
      at: fullLoad ? 316 : 224,
      view: { cdcPosition: '0/1D69018' },
      postgres: [{ replicate: true }],
      task: [
        { component: 'SOURCE_CAPTURE', text: "Starting CDC from position '0/1D69018' on slot '${slot}'", source: 'postgres_endpoint_capture.c:1480' },
        { component: 'TARGET_APPLY', text: 'Target endpoint is ready to apply changes', source: 'endpointshell.c:2144' },
      ],
    });
  }
  return steps;
}

function resume(): StepSpec[] {
  return [
    { at: 0, state: 'initializing' },
    { at: 8, state: 'replication_starting', postgres: [{ connect: { keepOpen: true } }] },
    {
      at: 12,
      postgres: [{ replicate: true }],
      task: [
        { component: 'TASK_MANAGER', text: "Task '${resourceId}' running CDC only in resume mode", source: 'replicationtask.c:1263' },
        { component: 'SOURCE_CAPTURE', text: "Resuming CDC from position '0/1D69018' on slot '${slot}'", source: 'postgres_endpoint_capture.c:1480' },
      ],
    },
    { at: 20, state: 'running', view: { cdcPosition: '0/1D69018' } },
  ];
}

function stop(): StepSpec[] {
  return [
    { at: 0, state: 'stopping', task: [{ component: 'TASK_MANAGER', text: 'Task is stopping', source: 'replicationtask.c:3900' }] },
    { at: 18, postgres: [{ disconnectAll: true }] },
    {
      at: 25,
      state: 'stopped',
      view: { stopReason: STOP_REASONS.user },
      task: [{ component: 'TASK_MANAGER', text: "Task '${resourceId}' stopped normally", source: 'replicationtask.c:3925' }],
    },
  ];
}

/** `password`: PostgreSQL refuses the password twice; `timeout`: PostgreSQL never hears from DMS. */
function failedTestConnection(_ctx: ScriptContext, cause: 'password' | 'timeout'): StepSpec[] {
  if (cause === 'password') {
    return [
      ...startPrologue(),
      { at: 44, postgres: [{ connect: { outcome: 'password' } }] },
      { at: 49, postgres: [{ connect: { outcome: 'password' } }] },
      testConnectionFailed(62, 'password'),
    ];
  }
  return [...startPrologue(), testConnectionFailed(40 + 180, 'timeout')];
}

/**
 * After a real server refused a test connection the script expected to
 * succeed (RealPostgresInstance): the retry, refused again for real, and the
 * failure, timed as in `password-failure` (44, 49, 62).
 */
export function refusedTestConnection(): StepSpec[] {
  return [{ at: 5, postgres: [{ connect: {} }] }, testConnectionFailed(18, 'password')];
}

function testConnectionFailed(at: number, cause: 'password' | 'timeout'): StepSpec {
  const details =
    cause === 'password'
      ? // Verbatim from the DMS Serverless walkthrough: DMS reports a refused password this vaguely.
        "Error Details: [message=Unknown exception while calling 'Test endpoint' API, errType=, status=0, errMessage=, errDetails=]"
      : 'Error Details: [message=Cannot connect to ODBC provider ODBC general error., errType=ERROR_RESPONSE, status=1022502, errMessage=Cannot connect to ODBC provider Network error has occurred, errDetails= RetCode: SQL_ERROR SqlState: 08001 NativeError: 101 Message: [unixODBC]timeout expired ODBC general error.]';
  return {
    at,
    state: 'failed',
    message: 'Test connection failed for endpoint ${sourceEndpoint}.',
    failureMessage: `Test connection failed for endpoint '\${sourceEndpoint}' and replication config '\${configId}'. Failure Message: '${details}'`,
    view: { stopReason: STOP_REASONS.failure },
  };
}
