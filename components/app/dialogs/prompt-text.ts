import type { KeyName } from '../../keys/key-names.js';

/** Longest text a prompt takes: longer than any filter the log accepts (src/select/log-window.ts MAX_PATTERN_CHARS). */
export const MAX_PROMPT_CHARS = 1024;

/**
 * A prompt's text after one key no command took: a character is typed,
 * Backspace and Delete remove the last one (the prompt has no cursor to
 * move), anything else (arrows, Alt chords, control characters) changes
 * nothing.
 */
export function editPrompt(text: string, key: KeyName): string {
  if (key === 'backspace' || key === 'delete') {
    const chars = Array.from(text);
    chars.pop();
    return chars.join('');
  }
  const chars = Array.from(key);
  if (chars.length !== 1) return text;
  // Control characters would reach the terminal raw when the prompt is drawn.
  if (/[\p{Cc}\p{Cf}]/u.test(key)) return text;
  return Array.from(text).length >= MAX_PROMPT_CHARS ? text : text + key;
}
