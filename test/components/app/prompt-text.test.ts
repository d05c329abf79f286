import { describe, expect, it } from 'vitest';
import { editPrompt, MAX_PROMPT_CHARS } from '../../../components/app/dialogs/prompt-text.js';
import { tailCells } from '../../../components/text/cells.js';

describe('editPrompt', () => {
  it('types characters and removes the last one with Backspace or Delete', () => {
    expect(['f', 'a', 't', 'backspace', 'delete', 'x'].reduce(editPrompt, '')).toBe('fx');
    expect(editPrompt('表😀', 'backspace')).toBe('表');
  });

  it('ignores named keys and control characters, which would reach the terminal raw', () => {
    for (const key of ['up', 'return', 'alt+x', '\u001b', '\u0007', '\u200e']) expect(editPrompt('a', key)).toBe('a');
  });

  it('stops at its length limit', () => {
    const full = 'x'.repeat(MAX_PROMPT_CHARS);
    expect(editPrompt(full, 'y')).toBe(full);
  });
});

describe('tailCells', () => {
  it('keeps the end of a long text, after an ellipsis, by cells', () => {
    expect(tailCells('abcdef', 10)).toBe('abcdef');
    expect(tailCells('abcdef', 4)).toBe('…def');
    expect(tailCells('表示テスト', 5)).toBe('…スト');
    expect(tailCells('abc', 0)).toBe('');
  });
});
