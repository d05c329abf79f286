import { toSafeLine } from '../parse/safe-text.js';
import type { ConnectionAttempt, ConnectionOutcome } from '../select/connections.js';
import type { FailureHighlight } from '../select/failures.js';
import type { Summary } from '../select/summary.js';
import type { TimelineSegment } from '../select/timeline.js';
import { formatClock, formatCount, formatDateTime, formatDuration, padEnd, plural, truncate } from './format.js';

export interface ReportOptions {
  /** What was read, for the heading. */
  readonly inputName: string;
  readonly duplicates: number;
  /** Connection attempts listed (the newest); all are counted. @default 50 */
  readonly connectionRows?: number;
  /** Failure highlights listed (the newest). @default 30 */
  readonly failureRows?: number;
}

const OUTCOME_LABEL: Readonly<Record<ConnectionOutcome, string>> = {
  pending: 'no login',
  authenticated: 'authenticated',
  connected: 'connected',
  closed: 'closed',
  auth_failed: 'refused',
  failed: 'failed',
};

/** The readable post-mortem `replay` prints: timeline, connections, failures, counts. */
export function renderReport(summary: Summary, options: ReportOptions): string {
  const lines: string[] = [];
  const { counts } = summary;
  const span =
    counts.first === undefined || counts.last === undefined
      ? ''
      : counts.last === 0
        ? ', without timestamps'
        : `, ${formatDateTime(counts.first)} → ${formatDateTime(counts.last)} UTC (${formatDuration(counts.last - counts.first)})`;
  lines.push(`Replay of ${toSafeLine(options.inputName)}: ${plural(counts.events, 'event')}${span}`, '');
  lines.push(...renderTimeline(summary.timeline), '');
  if (summary.timelineDropped > 0) lines.splice(-1, 0, `  (${formatCount(summary.timelineDropped)} earlier states not shown; --json lists every event)`);
  lines.push(...renderConnections(summary, options.connectionRows ?? 50), '');
  lines.push(...renderFailures(summary.failures, options.failureRows ?? 30), '');
  lines.push('COUNTS');
  const s = counts.bySource;
  lines.push(
    `  by source: dms ${formatCount(s.dms)}, dms-task ${formatCount(s['dms-task'])}, postgres ${formatCount(s.postgres)}, api ${formatCount(s.api)}, other ${formatCount(s.other)}`,
  );
  const v = counts.bySeverity;
  lines.push(`  by severity: ${plural(v.error, 'error')}, ${plural(v.warning, 'warning')}, ${formatCount(v.info)} info`);
  lines.push(`  duplicates dropped: ${formatCount(options.duplicates)}`);
  return `${lines.join('\n')}\n`;
}

function renderTimeline(segments: readonly TimelineSegment[]): string[] {
  if (segments.length === 0) return ['TIMELINE', '  No replication state reports or status changes in this input.'];
  const out: string[] = [];
  let replication: string | null | undefined;
  let run = -1;
  const width = Math.max(...segments.map((s) => s.state.length), 12) + 2;
  for (const seg of segments) {
    if ((seg.replication ?? null) !== replication) {
      replication = seg.replication ?? null;
      run = -1;
      if (out.length > 0) out.push('');
      out.push(replication === null ? 'TIMELINE' : `TIMELINE  replication ${toSafeLine(replication)}`);
    }
    if (seg.run !== run) {
      run = seg.run;
      out.push(run === 0 ? '  before the first start' : `  run ${String(run)}`);
    }
    const duration = seg.durationMs === undefined ? '' : formatDuration(seg.durationMs);
    const outcome =
      seg.outcome === 'failed' && seg.state !== 'failed' ? '✗ failed' : seg.outcome === 'current' ? '… still in this state at the end of the input' : seg.outcome === 'stopped' ? 'stopped' : '';
    out.push(`    ${formatClock(seg.start)}  ${padEnd(toSafeLine(seg.state), width)}${padEnd(duration, 9)}${outcome}`.trimEnd());
    if (seg.failureMessage !== undefined) out.push(`              ${toSafeLine(seg.failureMessage)}`);
  }
  return out;
}

function renderConnections(summary: Summary, rows: number): string[] {
  const { connectionCounts: c } = summary;
  if (c.total === 0) return ['CONNECTIONS', '  PostgreSQL logged no connection attempts in this input.'];
  const parts = (Object.keys(c.byOutcome) as ConnectionOutcome[])
    .filter((k) => c.byOutcome[k] > 0)
    .map((k) => `${formatCount(c.byOutcome[k])} ${OUTCOME_LABEL[k]}`);
  const out = [`CONNECTIONS  PostgreSQL saw ${plural(c.total, 'attempt')}: ${parts.join(', ')}`];
  const shown = summary.connections.slice(-rows);
  if (shown.length < c.total) out.push(`  (the last ${formatCount(shown.length)}; --json lists every event)`);
  out.push(`  ${padEnd('TIME', 10)}${padEnd('PID', 8)}${padEnd('FROM', 22)}${padEnd('USER@DATABASE', 26)}${padEnd('METHOD', 15)}OUTCOME`);
  for (const a of shown) out.push(`  ${renderAttempt(a)}`);
  return out;
}

function renderAttempt(a: ConnectionAttempt): string {
  const from = a.host === undefined ? '-' : a.port === undefined ? a.host : `${a.host}:${String(a.port)}`;
  const who = `${a.user ?? '?'}@${a.database ?? (a.replication === true ? 'replication' : '?')}`;
  const method = [a.method, a.ssl === true ? 'ssl' : undefined, a.replication === true ? 'repl' : undefined].filter(Boolean).join(' ');
  let outcome = OUTCOME_LABEL[a.outcome];
  if (a.reason !== undefined) outcome += `: ${a.reason}`;
  else if (a.sessionMs !== undefined) outcome += ` after ${formatDuration(a.sessionMs)}`;
  return [
    padEnd(formatClock(a.start), 10),
    padEnd(a.pid === undefined ? '-' : String(a.pid), 8),
    padEnd(truncate(toSafeLine(from), 21), 22),
    padEnd(truncate(toSafeLine(who), 25), 26),
    padEnd(toSafeLine(method || '-'), 15),
    toSafeLine(outcome),
  ].join('');
}

function renderFailures(failures: readonly FailureHighlight[], rows: number): string[] {
  if (failures.length === 0) return ['FAILURES', '  None found.'];
  const out = [`FAILURES  ${formatCount(failures.length)}`];
  const shown = failures.slice(-rows);
  if (shown.length < failures.length) out.push(`  (the last ${formatCount(shown.length)} to begin; --json lists every event)`);
  for (const f of shown) {
    const times = f.count > 1 ? ` ×${formatCount(f.count)} (last ${formatClock(f.lastTime)})` : '';
    // Made safe where they are printed, whoever built them.
    out.push(`  ✗ ${formatClock(f.time)}  ${toSafeLine(f.title)} [${f.source}]${times}`);
    out.push(`      ${toSafeLine(f.text)}`);
    out.push(`      → ${toSafeLine(f.hint)}`);
  }
  return out;
}
