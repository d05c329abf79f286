import { describe, expect, it } from 'vitest';
import { parseTaskLine } from '../../src/parse/dms-task.js';

const STAMP = '2024-05-01T07:16:45';

describe('parseTaskLine: thread ids', () => {
  it('reads a thread id of sixteen hex digits', () => {
    expect(parseTaskLine(`0123456789abcdef: ${STAMP} [TASK_MANAGER    ]I:  x`)).toMatchObject({ threadId: '0123456789abcdef', text: 'x' });
  });

  it.each([
    ['a thread id of seventeen hex digits', `0123456789abcdef0: ${STAMP} [TASK_MANAGER    ]I:  x`],
    ['an empty thread id', `: ${STAMP} [TASK_MANAGER    ]I:  x`],
    ['a thread id without its colon', `ab  ${STAMP} [TASK_MANAGER    ]I:  x`],
    ['a thread id that is not hex', `-1: ${STAMP} [TASK_MANAGER    ]I:  x`],
  ])('refuses %s', (_name, line) => {
    expect(parseTaskLine(line)).toBeUndefined();
  });
});

describe('parseTaskLine: components and levels', () => {
  it('reads a component padded to 64 characters, and refuses one of 65', () => {
    expect(parseTaskLine(`${STAMP} [${'SOURCE_CAPTURE'.padEnd(64)}]I:  x`)).toMatchObject({ component: 'SOURCE_CAPTURE' });
    expect(parseTaskLine(`${STAMP} [${'SOURCE_CAPTURE'.padEnd(65)}]I:  x`)).toBeUndefined();
  });

  it('refuses a component without its closing bracket', () => {
    expect(parseTaskLine(`A: ${STAMP} [SOURCE_CAPTURE  I:  x`)).toBeUndefined();
  });

  it.each(['A', 'Z'])('reads the level letter %s as information', (level) => {
    expect(parseTaskLine(`${STAMP} [TASK_MANAGER    ]${level}:  x`)).toMatchObject({ level, severity: 'info' });
  });
});
