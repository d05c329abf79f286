/**
 * Key names: how the registry writes a key ('j', 'G', 'ctrl+c',
 * 'shift+tab', 'pageup'), how Ink's `useInput` arguments become those names,
 * and how a name is shown to the user ('Ctrl-C', 'PgUp', '↑').
 */
import type { Key } from 'ink';

/** Keys with a name of their own rather than a character. */
export type SpecialKeyName =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'tab'
  | 'shift+tab'
  | 'backspace'
  | 'delete';

/**
 * A key as the registry declares it: one printable character (case
 * matters: 'G' is Shift-g), `ctrl+<letter>`, or a SpecialKeyName.
 */
export type KeyName = string;

/* Ink's flags for the special keys, in the order they are tested. */
const SPECIAL: readonly (readonly [keyof Key, SpecialKeyName])[] = [
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['home', 'home'],
  ['end', 'end'],
  ['return', 'return'],
  ['escape', 'escape'],
  ['backspace', 'backspace'],
  ['delete', 'delete'],
];

/**
 * The keys one `useInput` call carries, in order. A special key or a Ctrl
 * chord is one key. Otherwise every character of `input` is a key of its
 * own: a fast typist, a held key or a paste reaches Ink as one string
 * ('jj'), and each must count. Alt chords (`meta` with a character) come
 * back as `alt+<c>`, which no command binds, so they never pass for the bare
 * key.
 */
export function keyNamesOf(input: string, key: Key): KeyName[] {
  if (key.tab) return [key.shift ? 'shift+tab' : 'tab'];
  for (const [flag, name] of SPECIAL) {
    if (key[flag] === true) return [name];
  }
  if (key.ctrl) return input.length === 1 ? [`ctrl+${input.toLowerCase()}`] : [];
  const chars = Array.from(input);
  if (key.meta) return chars.length === 1 ? [`alt+${chars[0] ?? ''}`] : [];
  return chars.flatMap((c) => {
    // Ink flags a key only when it comes alone; in a longer input ('abc\r' pasted, Enter held) the bytes are named here.
    const named = CONTROL[c];
    if (named !== undefined) return [named];
    return /\p{Cc}/u.test(c) ? [] : [c];
  });
}

/* Control bytes inside a longer input, by the key that sends them. */
const CONTROL: Readonly<Record<string, KeyName>> = {
  '\r': 'return',
  '\n': 'return',
  '\t': 'tab',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x03': 'ctrl+c',
};

const SHOWN: Readonly<Record<SpecialKeyName, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  'shift+tab': 'Shift-Tab',
  backspace: 'Backspace',
  delete: 'Delete',
};

/** How a key is written in help and footer: 'Ctrl-C', 'PgUp', 'Esc', 'G'. */
export function displayKey(name: KeyName): string {
  if (Object.hasOwn(SHOWN, name)) return SHOWN[name as SpecialKeyName];
  if (name.startsWith('ctrl+')) return `Ctrl-${name.slice('ctrl+'.length).toUpperCase()}`;
  if (name === ' ') return 'Space';
  return name;
}
