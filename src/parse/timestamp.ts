/**
 * Reading the timestamps log lines start with, by character code: no
 * regexes (nothing to backtrack on a 1 MB line) and no `Date.parse`, whose
 * handling of non-ISO text differs between engines.
 */

/** The value of the digit at `i`, or -1 when there is none. */
export function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
}

/** The number written by `count` digits from `start`, or -1 when any is not a digit. */
export function readFixedDigits(s: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = digitAt(s, i);
    if (d < 0) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Index just past the run of digits starting at `start`. */
export function endOfDigits(s: string, start: number): number {
  let i = start;
  while (digitAt(s, i) >= 0) i++;
  return i;
}

export interface DateTimeStart {
  /** Epoch milliseconds, read as UTC; undefined when a field is out of range. */
  readonly utcMillis: number | undefined;
  /** Index just past the seconds and any fraction. */
  readonly end: number;
}

/**
 * Reads `YYYY-MM-DD<sep>HH:MM:SS` at `start`, then an optional fraction
 * written `.fff` or, as DMS task logs do, `:ffffff` (microseconds).
 * Returns undefined when the text does not have that shape.
 */
export function readDateTime(s: string, start: number, separator: number): DateTimeStart | undefined {
  if (s.length < start + 19) return undefined;
  if (s.charCodeAt(start + 4) !== 0x2d || s.charCodeAt(start + 7) !== 0x2d) return undefined;
  if (s.charCodeAt(start + 10) !== separator) return undefined;
  if (s.charCodeAt(start + 13) !== 0x3a || s.charCodeAt(start + 16) !== 0x3a) return undefined;
  const year = readFixedDigits(s, start, 4);
  const month = readFixedDigits(s, start + 5, 2);
  const day = readFixedDigits(s, start + 8, 2);
  const hour = readFixedDigits(s, start + 11, 2);
  const minute = readFixedDigits(s, start + 14, 2);
  const second = readFixedDigits(s, start + 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let end = start + 19;
  let millis = 0;
  const mark = s.charCodeAt(end);
  if ((mark === 0x2e || mark === 0x3a) && digitAt(s, end + 1) >= 0) {
    const fractionEnd = endOfDigits(s, end + 1);
    millis = fractionMillis(s, end + 1, fractionEnd);
    end = fractionEnd;
  }
  // Before 1970 no CloudWatch event can be (its timestamps count from the
  // epoch; a negative one is refused), and Date.UTC would read years 0-99 as 1900-1999.
  const valid = year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
  return { utcMillis: valid ? Date.UTC(year, month - 1, day, hour, minute, second, millis) : undefined, end };
}

/** The first three digits of a fraction of a second, as milliseconds. */
function fractionMillis(s: string, start: number, end: number): number {
  let millis = 0;
  for (let i = 0; i < 3; i++) millis = millis * 10 + (start + i < end ? digitAt(s, start + i) : 0);
  return millis;
}

/**
 * Minutes east of UTC for a zone written as `+02`, `-0530`, `+05:30` or `Z`.
 * Zone names (`UTC`, `GMT`, `CEST`, ...) count as UTC: RDS logs in UTC, and a
 * name alone does not say its offset. Returns undefined for anything else.
 */
export function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone === '' || zone === 'Z') return 0;
  const sign = zone.charCodeAt(0);
  if (sign !== 0x2b && sign !== 0x2d) return /^[A-Za-z]{1,6}$/.test(zone) ? 0 : undefined;
  const hours = readFixedDigits(zone, 1, 2);
  if (hours < 0 || hours > 23) return undefined;
  let minutes = 0;
  if (zone.length === 5) minutes = readFixedDigits(zone, 3, 2);
  else if (zone.length === 6 && zone.charCodeAt(3) === 0x3a) minutes = readFixedDigits(zone, 4, 2);
  else if (zone.length !== 3) return undefined;
  if (minutes < 0 || minutes > 59) return undefined;
  const total = hours * 60 + minutes;
  return sign === 0x2d ? -total : total;
}
