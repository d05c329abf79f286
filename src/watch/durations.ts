/**
 * Durations and times as `aws logs tail --since` takes them (AWS CLI
 * reference): a number and a unit, `s`, `m`, `h`, `d` or `w` (`90s`, `15m`,
 * `2h`, `1d`, `1w`; units may be combined, `1h30m`), or a point in time in
 * ISO 8601 (`2024-08-03T14:00:00Z`; without a zone it is UTC, as the AWS
 * CLI reads it).
 */

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
/** About 100 years: anything longer is a typo, and Date arithmetic stays exact. */
const MAX_DURATION_MS = 100 * 365 * 86_400_000;

/** Milliseconds, or undefined when `text` is not a duration. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (s === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let end = 0;
  for (let m = PART.exec(s); m !== null; m = PART.exec(s)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? Number.NaN);
    end = PART.lastIndex;
  }
  if (end !== s.length || !Number.isFinite(total) || total <= 0 || total > MAX_DURATION_MS) return undefined;
  return Math.round(total);
}

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** `--since`: a duration before `now`, or an ISO 8601 time; epoch ms, or undefined when it is neither. */
export function parseSince(text: string, now: number): number | undefined {
  const duration = parseDuration(text);
  if (duration !== undefined) return now - duration;
  const s = text.trim();
  const m = ISO_LIKE.exec(s);
  if (m === null) return undefined;
  const withZone = m[1] === undefined ? `${s.replace(' ', 'T')}${s.length === 10 ? 'T00:00:00' : ''}Z` : s.replace(' ', 'T');
  const time = Date.parse(withZone);
  return Number.isFinite(time) ? time : undefined;
}
