import { formatClock, isValidTime } from '../../src/output/format.js';

/**
 * `14:44:05`, in UTC or in the machine's local time. Panes show the clock
 * only (the header says which zone), so a row stays narrow.
 */
export function clockText(time: number, utc: boolean): string {
  if (utc || !isValidTime(time)) return formatClock(time);
  const d = new Date(time);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** How long ago, in one short unit: `12s`, `5m`, `3h`, `4d`; `-` for an unknown or invalid time. */
export function ageText(time: number | undefined, now: number): string {
  if (time === undefined || !isValidTime(time) || !isValidTime(now)) return '-';
  const s = Math.max(0, Math.floor((now - time) / 1000));
  if (s < 60) return `${String(s)}s`;
  if (s < 3600) return `${String(Math.floor(s / 60))}m`;
  if (s < 86_400) return `${String(Math.floor(s / 3600))}h`;
  return `${String(Math.floor(s / 86_400))}d`;
}

/**
 * A duration in whole minutes, for what counts up while nothing moves (a
 * settled state's time, a settled poll's age): `<1m`, `12m`, `1h 05m`.
 * It changes once a minute, so the clock's ticks in between draw nothing.
 */
export function minutesText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${String(minutes)}m`;
  return `${String(Math.floor(minutes / 60))}h ${String(minutes % 60).padStart(2, '0')}m`;
}
