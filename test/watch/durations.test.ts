import { describe, expect, it } from 'vitest';
import { parseDuration, parseSince } from '../../src/watch/durations.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['500ms', 500],
    [' 10M ', 600_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '10', 'm', '10x', '-5m', '0s', '5 m', '1e3s', '99999999w', 'h1'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('parseSince', () => {
  const now = Date.UTC(2024, 7, 3, 15, 0, 0);
  it('counts a duration back from now', () => {
    expect(parseSince('30m', now)).toBe(now - 30 * 60_000);
  });
  it.each([
    ['2024-08-03T14:00:00Z', Date.UTC(2024, 7, 3, 14, 0, 0)],
    ['2024-08-03T14:00:00', Date.UTC(2024, 7, 3, 14, 0, 0)],
    ['2024-08-03 14:00', Date.UTC(2024, 7, 3, 14, 0, 0)],
    ['2024-08-03', Date.UTC(2024, 7, 3, 0, 0, 0)],
    ['2024-08-03T16:00:00+02:00', Date.UTC(2024, 7, 3, 14, 0, 0)],
  ])('reads the time %s as UTC unless it names a zone', (text, time) => {
    expect(parseSince(text, now)).toBe(time);
  });
  it.each(['yesterday', '2024-13-45', '14:00', 'now'])('refuses %j', (text) => {
    expect(parseSince(text, now)).toBeUndefined();
  });
});
