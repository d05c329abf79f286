import { describe, expect, it } from 'vitest';
import { parseTaskLine, type TaskLogLine } from '../../src/parse/dms-task.js';

const MAY_1_07_16_45 = Date.UTC(2024, 4, 1, 7, 16, 45);

describe('parseTaskLine', () => {
  it.each<[string, string, Partial<TaskLogLine>]>([
    [
      'an error line',
      '2024-05-01T07:16:45 [SOURCE_CAPTURE  ]E:  Failed to connect to database. [1020401]  (postgres_endpoint_capture.c:123)',
      {
        time: MAY_1_07_16_45,
        component: 'SOURCE_CAPTURE',
        level: 'E',
        severity: 'error',
        text: 'Failed to connect to database. [1020401]  (postgres_endpoint_capture.c:123)',
        threadId: undefined,
      },
    ],
    [
      'a thread id and microseconds after a colon',
      '00012300: 2025-11-19T17:19:53:879024 [AT_GLOBAL       ]I:  Task Server Log Level is INFO  (at_logger.c:2770)',
      { threadId: '00012300', time: Date.UTC(2025, 10, 19, 17, 19, 53, 879), component: 'AT_GLOBAL', level: 'I', severity: 'info' },
    ],
    ['a warning', '2024-05-01T07:16:45 [TARGET_APPLY    ]W:  Table was not found', { level: 'W', severity: 'warning', component: 'TARGET_APPLY' }],
    ['a debug line', '2024-05-01T07:16:45 [SORTER          ]D:  x', { level: 'D', severity: 'info' }],
    ['a trace line', '2024-05-01T07:16:45 [SORTER          ]T:  x', { level: 'T', severity: 'info' }],
    ['an unknown letter', '2024-05-01T07:16:45 [SORTER          ]X:  x', { level: 'X', severity: 'info' }],
    ['fractional seconds with a dot', '2024-05-01T07:16:45.250 [TASK_MANAGER    ]I:  x', { time: MAY_1_07_16_45 + 250 }],
    ['a Z zone', '2024-05-01T07:16:45Z [TASK_MANAGER    ]I:  x', { time: MAY_1_07_16_45 }],
    ['a +02:00 zone', '2024-05-01T09:16:45+02:00 [TASK_MANAGER    ]I:  x', { time: MAY_1_07_16_45 }],
    ['a -0530 zone', '2024-05-01T01:46:45-0530 [TASK_MANAGER    ]I:  x', { time: MAY_1_07_16_45 }],
    ['a hex thread id', '0000abcd: 2024-05-01T07:16:45 [TASK_MANAGER    ]I:  x', { threadId: '0000abcd' }],
    ['a thread id of every hex digit', '09AFaf: 2024-05-01T07:16:45 [TASK_MANAGER    ]I:  x', { threadId: '09AFaf', time: MAY_1_07_16_45 }],
    ['a multi-line message', '2024-05-01T07:16:45 [SOURCE_CAPTURE  ]E:  RetCode: SQL_ERROR\n    more detail', { text: 'RetCode: SQL_ERROR\n    more detail' }],
    ['an impossible date', '2024-02-40T07:16:45 [TASK_MANAGER    ]I:  x', { time: undefined, text: 'x' }],
  ])('reads %s', (_name, line, expected) => {
    expect(parseTaskLine(line)).toMatchObject(expected);
  });

  it.each([
    ['plain text', 'Task is running'],
    ['a PostgreSQL line', '2024-08-03 14:44:05 UTC::@:[1]:LOG:  x'],
    ['no component', '2024-05-01T07:16:45 E:  x'],
    ['an empty component', '2024-05-01T07:16:45 [   ]E:  x'],
    ['no space before the component', '2024-05-01T07:16:45[SORTER]I:  x'],
    ['a lower-case level', '2024-05-01T07:16:45 [SORTER]i:  x'],
    ['no colon after the level', '2024-05-01T07:16:45 [SORTER]I  x'],
    ['an unclosed component', '2024-05-01T07:16:45 [SORTER I:  x'],
    ['a bad zone', '2024-05-01T07:16:45+99 [SORTER]I:  x'],
    ['a thread id without a time', '00012300: hello'],
    ['a thread id without a space after its colon', '00012300:2024-05-01T07:16:45 [SORTER]I:  x'],
    ['a word before the time', 'beta: 2024-05-01T07:16:45 [SORTER]I:  x'],
    ['an upper-case word before the time', 'BETA: 2024-05-01T07:16:45 [SORTER]I:  x'],
    ['no bracket before the component', '2024-05-01T07:16:45 SORTER]I:  x'],
    ['a closing bracket too far away to end a component', `2024-05-01T07:16:45 [${'x'.repeat(70)}]I:  x`],
    ['a digit as the level', '2024-05-01T07:16:45 [SORTER]1:  x'],
  ])('returns undefined for %s', (_name, line) => {
    expect(parseTaskLine(line)).toBeUndefined();
  });
});
