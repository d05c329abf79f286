import { describe, expect, it } from 'vitest';
import { readDateTime, zoneOffsetMinutes } from '../../src/parse/timestamp.js';

describe('readDateTime', () => {
  it.each<[string, number, number | undefined, number]>([
    ['2024-08-03 14:44:05', 0x20, Date.UTC(2024, 7, 3, 14, 44, 5), 19],
    ['2024-08-03 14:44:05.1 UTC', 0x20, Date.UTC(2024, 7, 3, 14, 44, 5, 100), 21],
    ['2024-08-03T14:44:05:879024 [', 0x54, Date.UTC(2024, 7, 3, 14, 44, 5, 879), 26],
    ['2016-12-31 23:59:60', 0x20, Date.UTC(2017, 0, 1, 0, 0, 0), 19],
    ['2024-00-03 14:44:05', 0x20, undefined, 19],
    ['2024-08-03 24:00:00', 0x20, undefined, 19],
    ['2024-01-01 00:00:00', 0x20, Date.UTC(2024, 0, 1, 0, 0, 0), 19],
    ['2024-12-31 23:59:59', 0x20, Date.UTC(2024, 11, 31, 23, 59, 59), 19],
    ['2024-13-01 00:00:00', 0x20, undefined, 19],
    ['2024-08-00 14:44:05', 0x20, undefined, 19],
    ['2024-08-32 14:44:05', 0x20, undefined, 19],
    ['2024-08-03 14:60:05', 0x20, undefined, 19],
    ['2024-08-03 14:44:61', 0x20, undefined, 19],
    ['2024-08-03 14:44:05.050', 0x20, Date.UTC(2024, 7, 3, 14, 44, 5, 50), 23],
    ['2024-08-03 14:44:05. x', 0x20, Date.UTC(2024, 7, 3, 14, 44, 5), 19],
  ])('%s', (text, separator, utcMillis, end) => {
    expect(readDateTime(text, 0, separator)).toEqual({ utcMillis, end });
  });

  it.each([
    ['too short', '2024-08-03 14:44'],
    ['another separator', '2024-08-03T14:44:05'],
    ['letters for digits', '2024-0a-03 14:44:05'],
    ['slashes', '2024/08/03 14:44:05'],
    ['a slash for the second dash', '2024-08/03 14:44:05'],
    ['a dash between hours and minutes', '2024-08-03 14-44:05'],
    ['a dash between minutes and seconds', '2024-08-03 14:44-05'],
    ...['202x', '2024-1x', '2024-08-1x', '2024-08-03 1x', '2024-08-03 14:1x', '2024-08-03 14:44:1x'].map((start) => [`a letter after a digit in ${start}`, `${start}${'2024-08-03 14:44:05'.slice(start.length)}`]),
    ...['xxxx', '2024-xx', '2024-08-xx', '2024-08-03 xx', '2024-08-03 14:xx', '2024-08-03 14:44:xx'].map((start) => [`letters in ${start}`, `${start}${'2024-08-03 14:44:05'.slice(start.length)}`]),
  ])('rejects %s', (_name, text) => {
    expect(readDateTime(text, 0, 0x20)).toBeUndefined();
  });
});

describe('zoneOffsetMinutes', () => {
  it.each<[string, number | undefined]>([
    ['UTC', 0],
    ['GMT', 0],
    ['Z', 0],
    ['', 0],
    ['EEST', 0],
    ['+02', 120],
    ['-0530', -330],
    ['+05:30', 330],
    ['+24', undefined],
    ['+0299', undefined],
    ['+2', undefined],
    ['12', undefined],
    ['U+C', undefined],
    ['+00', 0],
    ['+23', 1380],
    ['+05:59', 359],
    ['+ab', undefined],
    ['+05:xx', undefined],
    ['+05030', undefined],
  ])('%j -> %s', (zone, expected) => {
    expect(zoneOffsetMinutes(zone)).toBe(expected);
  });
});
