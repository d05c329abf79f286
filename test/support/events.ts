import type {
  ConnectionEvent,
  DmsEvent,
  LogEvent,
  PgConnection,
  StateEvent,
  StatusEvent,
  TaskEvent,
  ReplicationSnapshot,
} from '../../src/events/types.js';

/** Builders for hand-made events in tests. Times are epoch ms. */
let counter = 0;
const nextId = (): string => `test-${String(++counter)}`;

export const T0 = Date.UTC(2024, 7, 3, 14, 44, 0);

export function logEvent(time: number, text: string, over: Partial<LogEvent> = {}): LogEvent {
  return { id: nextId(), time, source: 'other', severity: 'info', text, raw: text, kind: 'log', ...over };
}

export function stateEvent(time: number, state: string, over: Partial<StateEvent> = {}): StateEvent {
  const text = `${state}: ${over.message ?? ''}`;
  return {
    id: nextId(),
    time,
    source: 'dms',
    severity: state === 'failed' ? 'error' : 'info',
    text,
    raw: text,
    kind: 'state',
    state,
    logGroup: 'dms-serverless-replication-RID1',
    logStream: 'dms-serverless-replication-orchestrator-RID1',
    ...over,
  };
}

export function connectionEvent(time: number, connection: PgConnection, over: Partial<ConnectionEvent> = {}): ConnectionEvent {
  const failed = connection.event === 'auth_failed' || connection.event === 'failed';
  const text = connection.reason ?? `connection ${connection.event}`;
  return {
    id: nextId(),
    time,
    source: 'postgres',
    severity: failed ? 'error' : 'info',
    text,
    raw: text,
    kind: 'connection',
    connection,
    pg: { level: failed ? 'FATAL' : 'LOG', pid: connection.pid, host: connection.host, port: connection.port, user: connection.user, database: connection.database },
    logGroup: '/aws/rds/instance/db1/postgresql',
    logStream: 'db1.0',
    ...over,
  };
}

export function taskEvent(time: number, component: string, level: string, text: string): TaskEvent {
  return {
    id: nextId(),
    time,
    source: 'dms-task',
    severity: level === 'E' ? 'error' : level === 'W' ? 'warning' : 'info',
    text,
    raw: text,
    kind: 'task',
    component,
    level,
    logGroup: 'dms-serverless-replication-RID1',
    logStream: 'dms-serverless-serv-res-id-1234',
  };
}

export function snapshot(over: Partial<ReplicationSnapshot> = {}): ReplicationSnapshot {
  return {
    configArn: 'arn:aws:dms:eu-central-1:123456789012:replication-config:RID1',
    configId: 'my-replication',
    status: 'running',
    failureMessages: [],
    ...over,
  };
}

export function statusEvent(time: number, state: string, over: Partial<StatusEvent> = {}): StatusEvent {
  const snap = over.snapshot ?? snapshot({ status: state });
  const text = `status ${state}`;
  return {
    id: nextId(),
    time,
    source: 'api',
    severity: state === 'failed' ? 'error' : 'info',
    text,
    raw: text,
    kind: 'status',
    state,
    snapshot: snap,
    changes: ['status'],
    ...over,
  };
}

export function times(events: readonly DmsEvent[]): number[] {
  return events.map((e) => e.time);
}
