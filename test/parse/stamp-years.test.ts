import { describe, expect, it } from 'vitest';
import { readDateTime } from '../../src/parse/timestamp.js';

describe('a stamp before 1970 gives no time', () => {
  it.each([
    ['year 24, which Date.UTC would read as 1924', '0024-08-03 14:44:05'],
    ['the last second of 1969', '1969-12-31 23:59:59'],
  ])('%s', (_name, stamp) => {
    expect(readDateTime(stamp, 0, 0x20)?.utcMillis).toBeUndefined();
  });

  it('the first second of 1970 is time 0', () => {
    expect(readDateTime('1970-01-01 00:00:00', 0, 0x20)?.utcMillis).toBe(0);
  });
});
