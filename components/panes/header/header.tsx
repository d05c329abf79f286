import { Box } from 'ink';
import { memo, type ReactNode } from 'react';
import type { ReplicationSnapshot } from '../../../src/events/types.js';
import type { DashboardAction, LiveTailIndicator } from '../../../src/watch/dashboard-source.js';
import { formatDuration } from '../../../src/output/format.js';
import { isSettledStatus } from '../../../src/parse/replication-status.js';
import { toSafeLine } from '../../../src/parse/safe-text.js';
import { cutCells } from '../../text/cells.js';
import type { ThemeToken } from '../../theme.js';
import { fitSpans, Line, type Span } from '../line.js';
import { minutesText } from '../time-text.js';

/** What the Live Tail session is doing (the contract's LiveTailIndicator, src/watch/dashboard-source.ts). */
export type LiveTailState = LiveTailIndicator;

export interface LiveTailStatus {
  readonly state: LiveTailState;
  /** Events per second over the last minute. @default undefined (not shown) */
  readonly eventsPerSecond?: number;
  /** Why it is failed, paused or reconnecting, one line. @default undefined (not shown) */
  readonly reason?: string;
}

export interface HeaderProps {
  /** The replication's name (its config identifier). */
  readonly name: string;
  readonly region: string;
  /** The last DescribeReplications snapshot. @default undefined (status unknown) */
  readonly snapshot?: ReplicationSnapshot;
  readonly liveTail: LiveTailStatus;
  /** When the poller last had an answer, epoch ms. @default undefined (not yet) */
  readonly lastPollAt?: number;
  /** The current time, epoch ms: the poll's age. */
  readonly now: number;
  /** Cells wide. */
  readonly width: number;
  /** Rows tall: 2 (replication, then Live Tail and poll), or 1 with the first only. @default 2 */
  readonly height?: number;
  /** Polls have failed for a while: the poll's age shows as a warning. @default false */
  readonly pollStale?: boolean;
  /** The newest start or stop sent from the dashboard, shown by its phase. @default undefined (none) */
  readonly action?: DashboardAction;
  /** Which clock the panes' times are in; shown when given. @default undefined (not shown) */
  readonly utc?: boolean;
}

/** A poll older than this is shown as a warning: the poller runs every few seconds. */
const STALE_POLL_MS = 60_000;
const BAR = 10;

export function statusToken(status: string | undefined): ThemeToken {
  switch (status) {
    case 'running':
      return 'status.ok';
    case 'failed':
    case 'error':
      return 'status.error';
    case 'stopped':
      return 'status.warning';
    case 'created':
    case undefined:
      return 'status.info';
    default:
      return 'status.transitional';
  }
}

const LIVE_TAIL: Readonly<Record<LiveTailState, { readonly text: string; readonly token: ThemeToken }>> = {
  connecting: { text: '◌ connecting', token: 'status.transitional' },
  live: { text: '● live', token: 'status.ok' },
  reconnecting: { text: '◌ reconnecting', token: 'status.warning' },
  sampled: { text: '◐ sampled', token: 'status.warning' },
  paused: { text: '‖ paused for cost', token: 'text.dim' },
  failed: { text: '✗ failed', token: 'status.error' },
  off: { text: '○ off', token: 'text.dim' },
};

const ACTION_PHASE: Readonly<Record<DashboardAction['phase'], { readonly mark: string; readonly token: ThemeToken }>> = {
  sending: { mark: '◌', token: 'status.transitional' },
  succeeded: { mark: '✓', token: 'status.ok' },
  failed: { mark: '✗', token: 'status.error' },
};

/** Cells the Live Tail reason may take, so the poll's age still shows. */
const REASON_CELLS = 48;

/**
 * The age of the last poll as the header says it. While the replication is
 * on its way somewhere or an action is out, in seconds, as polls come
 * every 2 s. Settled, polls come every 15 s and nothing else moves: the age
 * in whole minutes (`<1m ago` while polls keep coming), so that a poll or a
 * tick of the clock changes nothing on screen and draws no frame.
 */
export function pollAgeText(age: number, settled: boolean): string {
  if (!settled) return `${formatDuration(age)} ago`;
  return `${minutesText(age)} ago`;
}

/** The header's two lines before they are cut to a width: what it shows, for the view and for telling whether a new snapshot changes it. */
export function headerLines({ name, region, snapshot, liveTail, lastPollAt, now, pollStale = false, action, utc }: Omit<HeaderProps, 'width' | 'height'>): [Span[], Span[]] {
  const status = snapshot?.status;
  const first: Span[] = [
    { text: toSafeLine(name), bold: true },
    { text: ` ${toSafeLine(region)}  `, token: 'text.dim' },
    { text: ` ${(status ?? 'unknown').toUpperCase()} `, token: statusToken(status), inverse: true, bold: true },
  ];
  const details: string[] = [];
  if (snapshot?.replicationType !== undefined) details.push(toSafeLine(snapshot.replicationType));
  if (snapshot?.provisionedCapacityUnits !== undefined) details.push(`${String(snapshot.provisionedCapacityUnits)} DCU`);
  if (details.length > 0) first.push({ text: `  ${details.join(' · ')}`, token: 'text.dim' });
  const percent = snapshot?.stats?.fullLoadProgressPercent;
  if (percent !== undefined) {
    const p = Math.max(0, Math.min(100, percent));
    const filled = Math.round((BAR * p) / 100);
    first.push({ text: '  full load ', token: 'text.dim' });
    first.push({ text: '█'.repeat(filled), token: p >= 100 ? 'status.ok' : 'status.transitional' });
    first.push({ text: '░'.repeat(BAR - filled), token: 'text.dim' });
    first.push({ text: ` ${String(Math.round(p))}%` });
  }
  const live = LIVE_TAIL[liveTail.state];
  const second: Span[] = [
    { text: 'Live Tail ', token: 'text.dim' },
    { text: live.text, token: live.token, bold: liveTail.state !== 'live' },
  ];
  if (liveTail.eventsPerSecond !== undefined) second.push({ text: `  ${formatRate(liveTail.eventsPerSecond)} events/s` });
  if (liveTail.reason !== undefined && liveTail.reason !== '') second.push({ text: `  ${cutCells(toSafeLine(liveTail.reason), REASON_CELLS)}`, token: live.token });
  const age = lastPollAt === undefined ? undefined : Math.max(0, now - lastPollAt);
  const settled = status !== undefined && isSettledStatus(status) && action?.phase !== 'sending';
  second.push({ text: '   polled ', token: 'text.dim' });
  second.push(age === undefined ? { text: 'not yet', token: 'status.transitional' } : { text: pollAgeText(age, settled), token: pollStale || age > STALE_POLL_MS ? 'status.warning' : 'text.normal' });
  if (pollStale) second.push({ text: ' (polls failing)', token: 'status.warning' });
  if (action !== undefined) {
    const phase = ACTION_PHASE[action.phase];
    const what = action.startType === undefined ? action.name : `${action.name} ${action.startType}`;
    second.push({ text: `   ${phase.mark} ${what} ${action.phase}`, token: phase.token, bold: action.phase !== 'succeeded' });
  }
  if (utc !== undefined) second.push({ text: `   times ${utc ? 'UTC' : 'local'}`, token: 'text.dim' });
  return [first, second];
}

/**
 * The dashboard's top lines: name and region, a status badge, type, DCUs
 * and full-load progress; then Live Tail's state with events per second and
 * the age of the last poll, the newest start or stop and the panes' clock.
 * The badge is inverse so it reads without colour.
 */
function HeaderView({ width, height = 2, ...shown }: HeaderProps): ReactNode {
  const h = Math.max(0, Math.min(2, Math.floor(height)));
  const [first, second] = headerLines(shown);
  const lines = h === 0 ? [] : h === 1 ? [first] : [first, second];
  return (
    <Box flexDirection="column" width={width} height={h} overflowY="hidden">
      {lines.map((spans, i) => (
        <Line key={i} spans={fitSpans(spans, width)} width={width} />
      ))}
    </Box>
  );
}

export const Header = memo(HeaderView);

function formatRate(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n.toFixed(1);
}
