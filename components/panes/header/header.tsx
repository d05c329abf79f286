import { Box } from 'ink';
import { memo, type ReactNode } from 'react';
import type { ReplicationSnapshot } from '../../../src/events/types.js';
import { formatDuration } from '../../../src/output/format.js';
import { toSafeLine } from '../../../src/parse/safe-text.js';
import { cellWidth, cutCells } from '../../text/cells.js';
import type { ThemeToken } from '../../theme.js';
import { Line, type Span } from '../line.js';

/**
 * What the Live Tail session is doing: `connecting` (opening), `live`,
 * `reconnecting` (it ended and opens again), `sampled` (CloudWatch sends a
 * sample: more than 500 events/s matched), `paused` (closed to save cost
 * while nothing happens).
 */
export type LiveTailState = 'connecting' | 'live' | 'reconnecting' | 'sampled' | 'paused';

export interface LiveTailStatus {
  readonly state: LiveTailState;
  /** Events per second over the last minute. @default undefined (not shown) */
  readonly eventsPerSecond?: number;
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
};

/**
 * The dashboard's top lines: name and region, a status badge, type, DCUs
 * and full-load progress; then Live Tail's state with events per second and
 * the age of the last poll. The badge is inverse so it reads without colour.
 */
function HeaderView({ name, region, snapshot, liveTail, lastPollAt, now, width, height = 2 }: HeaderProps): ReactNode {
  const h = Math.max(0, Math.min(2, Math.floor(height)));
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
  const age = lastPollAt === undefined ? undefined : Math.max(0, now - lastPollAt);
  second.push({ text: '   polled ', token: 'text.dim' });
  second.push(age === undefined ? { text: 'not yet', token: 'status.transitional' } : { text: `${formatDuration(age)} ago`, token: age > STALE_POLL_MS ? 'status.warning' : 'text.normal' });
  const lines = h === 0 ? [] : h === 1 ? [first] : [first, second];
  return (
    <Box flexDirection="column" width={width} height={h} overflow="hidden">
      {lines.map((spans, i) => (
        <Line key={i} spans={fit(spans, width)} />
      ))}
    </Box>
  );
}

export const Header = memo(HeaderView);

function formatRate(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n.toFixed(1);
}

/** The spans that fit in `width` cells, the last one cut. */
function fit(spans: readonly Span[], width: number): Span[] {
  const out: Span[] = [];
  let left = width;
  for (const s of spans) {
    if (left <= 0) break;
    const text = cutCells(s.text, left);
    out.push({ ...s, text });
    left -= cellWidth(text);
  }
  return out;
}
