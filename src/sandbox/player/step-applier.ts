import type { PostgresAction, StepSpec, TaskLineSpec, ViewChange } from '../scenarios/spec.js';
import { STOP_REASONS, defaultStateMessage } from '../scenarios/state-messages.js';
import type { ReplicationRecord } from '../world/dms-records.js';
import type { LogStore } from '../world/log-store.js';
import { dmsLogGroupName, orchestratorStreamName } from '../world/world.js';
import { fillTemplate, orchestratorMessage, taskLine } from './log-text.js';
import type { ConnectOptions, Later } from './postgres-instance.js';
import type { ReplicationRuntime } from './replication-runtime.js';

/**
 * Applies one script step at a given (virtual) time: orchestrator lines,
 * DescribeReplications view changes, PostgreSQL and task log lines. Used
 * both live (on the clock) and to replay a replication's history.
 */
export function applyStep(rt: ReplicationRuntime, step: StepSpec, time: number, logs: LogStore, later: Later): void {
  const fill = (text: string): string => fillTemplate(text, rt.vars);
  const resourceId = rt.record.config.resourceId;
  const writeOrchestrator = (message: string): void => {
    logs.put(dmsLogGroupName(resourceId), orchestratorStreamName(resourceId), message, time);
  };
  if (step.state !== undefined) {
    const failure = step.failureMessage === undefined ? undefined : fill(step.failureMessage);
    writeOrchestrator(orchestratorMessage(step.state, fill(step.message ?? defaultStateMessage(step.state)), failure));
    setStatus(rt.record, step.state, time, failure);
    // A replication that stops or fails lets go of the sessions it still holds (its CDC stream among them).
    if (step.state === 'stopped' || step.state === 'failed') disconnectAll(rt, time);
  }
  if (step.orchestrator !== undefined) writeOrchestrator(fill(step.orchestrator));
  if (step.view !== undefined) changeView(rt.record, step.view, time);
  for (const action of step.postgres ?? []) applyPostgres(rt, action, time, later, fill);
  if (rt.record.config.taskLogging) {
    for (const line of step.task ?? []) logs.put(dmsLogGroupName(resourceId), rt.taskStream, formatTask(line, time, fill), time);
  }
}

function formatTask(line: TaskLineSpec, time: number, fill: (text: string) => string): string {
  if (typeof line === 'string') return `${new Date(time).toISOString().slice(0, 19)} ${fill(line)}`;
  return taskLine(time, line.component, line.level ?? 'I', fill(line.text), line.source);
}

function setStatus(r: ReplicationRecord, status: string, time: number, failureMessage?: string): void {
  r.status = status;
  r.updateTime = time;
  if (status === 'stopped' || status === 'failed') {
    r.lastStopTime = time;
    r.stats.stopDate = time;
    r.stats.tablesLoading = 0;
  }
  if (status === 'failed') {
    if (failureMessage !== undefined) r.failureMessages = [failureMessage];
    r.stopReason ??= STOP_REASONS.failure;
  }
}

function changeView(r: ReplicationRecord, v: ViewChange, time: number): void {
  r.updateTime = time;
  if (v.status !== undefined) setStatus(r, v.status, time);
  if (v.stopReason === null) delete r.stopReason;
  else if (v.stopReason !== undefined) r.stopReason = v.stopReason;
  if (v.failureMessages !== undefined) r.failureMessages = [...v.failureMessages];
  if (v.provisionState === null) delete r.provision;
  else if (v.provisionState !== undefined || v.capacityUnits !== undefined) {
    r.provision ??= { state: 'provisioning', capacityUnits: 0, isNewProvisioningAvailable: false };
    if (v.provisionState !== undefined) r.provision.state = v.provisionState;
    if (v.capacityUnits !== undefined) r.provision.capacityUnits = v.capacityUnits;
    if (r.provision.state === 'provisioned') r.provision.dateProvisioned ??= time;
  }
  const s = r.stats;
  if (v.fullLoadProgressPercent !== undefined) s.fullLoadProgressPercent = v.fullLoadProgressPercent;
  if (v.tablesLoaded !== undefined) s.tablesLoaded = v.tablesLoaded;
  if (v.tablesLoading !== undefined) s.tablesLoading = v.tablesLoading;
  if (v.tablesQueued !== undefined) s.tablesQueued = v.tablesQueued;
  if (v.tablesErrored !== undefined) s.tablesErrored = v.tablesErrored;
  if (v.fullLoadStarted === true) s.fullLoadStartDate = time;
  if (v.fullLoadFinished === true) {
    s.fullLoadFinishDate = time;
    s.fullLoadProgressPercent = 100;
  }
  if (v.cdcPosition !== undefined) r.recoveryCheckpoint = v.cdcPosition;
}

type ConnectSpec = Extract<PostgresAction, { connect: unknown }>['connect'];

function connectOptions(rt: ReplicationRuntime, c: ConnectSpec, fill: (text: string) => string): ConnectOptions {
  // DMS's test connection: a real refusal of one the script expected to succeed fails the replication.
  const onRefused = rt.record.status === 'testing_connection' && (c.outcome ?? 'success') === 'success' ? rt.onTestConnectionRefused : undefined;
  return {
    ...(onRefused === undefined ? {} : { onRefused }),
    ...(rt.sourcePassword === undefined ? {} : { password: rt.sourcePassword }),
    host: rt.dmsHost,
    user: c.user === undefined ? (rt.source.username ?? 'postgres') : fill(c.user),
    database: c.database === undefined ? (rt.source.databaseName ?? 'postgres') : fill(c.database),
    outcome: c.outcome ?? 'success',
    ssl: c.ssl ?? true,
    replication: c.replication ?? false,
    sessionMs: (c.sessionSeconds ?? 0.1) * 1000,
    keepOpen: c.keepOpen ?? false,
  };
}

/** DMS's open sessions end, one disconnection each. */
function disconnectAll(rt: ReplicationRuntime, time: number): void {
  rt.openConnections.forEach((open, i) => {
    rt.postgres?.disconnect(open, time + i);
  });
  rt.openConnections = [];
}

function applyPostgres(rt: ReplicationRuntime, action: PostgresAction, time: number, later: Later, fill: (text: string) => string): void {
  const pg = rt.postgres;
  if (pg === undefined) return;
  if ('connect' in action) {
    const open = pg.connect(time, connectOptions(rt, action.connect, fill), later);
    if (open !== undefined) rt.openConnections.push(open);
    return;
  }
  if ('disconnectAll' in action) {
    disconnectAll(rt, time);
    return;
  }
  if ('createSlot' in action) {
    pg.createSlot(time, rt.vars.slot ?? '', rt.openConnections[rt.openConnections.length - 1]);
    return;
  }
  if ('replicate' in action) {
    const open = pg.replicate(time, connectOptions(rt, {}, fill), rt.vars.slot ?? '', later);
    if (open !== undefined) rt.openConnections.push(open);
    return;
  }
  const session = action.background === true ? undefined : rt.openConnections[rt.openConnections.length - 1]?.prefix;
  pg.entry(time, action.level ?? 'LOG', fill(action.line), session);
}
