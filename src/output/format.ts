/** Small text formatters shared by the plain-text outputs. */

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${String(Math.round(ms))}ms`;
  const totalSeconds = Math.floor(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${String(h)}h ${pad2(m)}m`;
  if (m > 0) return `${String(m)}m ${pad2(s)}s`;
  return `${String(s)}s`;
}

/** Dates can only represent ±8.64e15 ms; anything else has no ISO form. */
export function isValidTime(time: number): boolean {
  return Number.isFinite(time) && Math.abs(time) <= 8.64e15;
}

/** `2024-08-03 14:44:05` (UTC). */
export function formatDateTime(time: number): string {
  if (!isValidTime(time)) return '-';
  return new Date(time).toISOString().replace('T', ' ').slice(0, 19);
}

/** `2024-08-03 16:44:05+02:00`: local time, with its offset from UTC so the line says which time it is. */
export function formatLocalDateTime(time: number): string {
  if (!isValidTime(time)) return '-';
  const d = new Date(time);
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const date = `${String(d.getFullYear()).padStart(4, '0')}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
  const clock = `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
  return `${date} ${clock}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** `14:44:05` (UTC). */
export function formatClock(time: number): string {
  if (!isValidTime(time)) return '-';
  return new Date(time).toISOString().slice(11, 19);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function padEnd(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Cuts a one-line text to `width` characters with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
