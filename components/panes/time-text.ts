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
