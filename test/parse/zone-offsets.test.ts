import { describe, expect, it } from 'vitest';
import { parseTaskLine } from '../../src/parse/dms-task.js';
import { zoneOffsetMinutes } from '../../src/parse/timestamp.js';

describe('zoneOffsetMinutes: only the written forms', () => {
  it.each(['+05:300', '+05:3', '+0530x', '+5:30'])('refuses %s', (zone) => {
    expect(zoneOffsetMinutes(zone)).toBeUndefined();
  });

  it('reads +05:30', () => {
    expect(zoneOffsetMinutes('+05:30')).toBe(330);
  });
});

describe('task line stamps', () => {
  it('refuses a date whose first separator is not a dash', () => {
    expect(parseTaskLine('2024/05-01T07:16:45 [TASK_MANAGER    ]I:  x')).toBeUndefined();
  });
});
