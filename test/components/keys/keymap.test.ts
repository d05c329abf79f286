import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, COMMANDS, type KeyContext, type View } from '../../../components/keys/commands.js';
import { contextsOf, createKeymap } from '../../../components/keys/keymap.js';

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};
const key = (flags: Partial<Key>): Key => ({ ...NO_KEY, ...flags });

const DASHBOARD: KeyContext = {
  view: 'dashboard',
  focus: 'log',
  overlay: 'none',
  canGoBack: true,
  hasFailures: false,
  canStart: true,
  canStop: true,
};
const PICKER: KeyContext = { ...DASHBOARD, view: 'picker', focus: 'timeline', canGoBack: false };
const VIEWS: readonly View[] = ['picker', 'dashboard'];

describe('the key registry', () => {
  it('describes every command exactly once, with a dotted id', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const command of COMMANDS) {
      expect(command.id, command.id).toMatch(/^[a-z]+(\.[a-z-]+)+$/);
      expect(command.description.trim(), command.id).not.toBe('');
      expect(command.keys.length, command.id).toBeGreaterThan(0);
      expect(CATEGORIES, command.id).toContain(command.category);
    }
    const descriptions = COMMANDS.map((c) => c.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });

  it.each([false, true])('binds no key twice in the same context (read-only %s)', (readOnly) => {
    const keymap = createKeymap({ readOnly });
    for (const view of VIEWS) {
      for (const context of contextsOf(view)) {
        const seen = new Map<string, string>();
        for (const command of keymap.commands) {
          if (command.when !== undefined && !command.when(context)) continue;
          for (const k of command.keys) {
            const clash = seen.get(k);
            expect(clash, `${k} in ${JSON.stringify(context)}: ${clash ?? ''} and ${command.id}`).toBeUndefined();
            seen.set(k, command.id);
          }
        }
      }
    }
  });

  it('binds every key the dashboard issue lists', () => {
    const keymap = createKeymap();
    const expected: [string, KeyContext, string][] = [
      ['q', DASHBOARD, 'app.quit'],
      ['ctrl+c', DASHBOARD, 'app.quit'],
      ['tab', DASHBOARD, 'focus.next'],
      ['shift+tab', DASHBOARD, 'focus.previous'],
      ['j', DASHBOARD, 'cursor.down'],
      ['down', DASHBOARD, 'cursor.down'],
      ['k', DASHBOARD, 'cursor.up'],
      ['up', DASHBOARD, 'cursor.up'],
      ['pageup', DASHBOARD, 'page.up'],
      ['pagedown', DASHBOARD, 'page.down'],
      ['g', DASHBOARD, 'cursor.first'],
      ['G', DASHBOARD, 'cursor.last'],
      ['/', DASHBOARD, 'filter.open'],
      ['n', DASHBOARD, 'log.next-match'],
      ['N', DASHBOARD, 'log.previous-match'],
      ['h', DASHBOARD, 'log.highlight'],
      ['f', DASHBOARD, 'log.follow'],
      ['w', DASHBOARD, 'log.wrap'],
      ['t', DASHBOARD, 'view.time-zone'],
      ['e', DASHBOARD, 'session.export'],
      ['r', DASHBOARD, 'data.refresh'],
      ['s', DASHBOARD, 'replication.start'],
      ['x', DASHBOARD, 'replication.stop'],
      ['?', DASHBOARD, 'help.open'],
      ['escape', DASHBOARD, 'view.back'],
      ['return', PICKER, 'view.open'],
      ['/', PICKER, 'filter.open'],
      ['y', { ...DASHBOARD, overlay: 'confirm' }, 'confirm.yes'],
    ];
    for (const [k, context, id] of expected) expect(keymap.commandFor(k, context), `${k} in ${context.view}`).toBe(id);
  });

  it('lets the log keys act only while the log has the focus', () => {
    const keymap = createKeymap();
    const timeline = { ...DASHBOARD, focus: 'timeline' } as const;
    for (const k of ['/', 'n', 'N', 'h', 'f', 'w']) expect(keymap.commandFor(k, timeline), k).toBeUndefined();
    expect(keymap.commandFor('j', timeline)).toBe('cursor.down');
  });

  it('leaves characters to the filter prompt, where Enter applies and Esc or Ctrl-C cancel', () => {
    const keymap = createKeymap();
    const filtering = { ...DASHBOARD, overlay: 'filter' } as const;
    for (const k of ['q', 'j', 'x', 's', '/', '?', 'G']) expect(keymap.commandFor(k, filtering), k).toBeUndefined();
    expect(keymap.commandFor('return', filtering)).toBe('filter.apply');
    expect(keymap.commandFor('escape', filtering)).toBe('filter.cancel');
    expect(keymap.commandFor('ctrl+c', filtering)).toBe('filter.cancel');
  });

  it('answers No to a confirmation on n, Esc and Enter, and starts or stops nothing while it is open', () => {
    const keymap = createKeymap();
    const confirming = { ...DASHBOARD, overlay: 'confirm' } as const;
    for (const k of ['n', 'escape', 'return']) expect(keymap.commandFor(k, confirming), k).toBe('confirm.no');
    expect(keymap.commandFor('x', confirming)).toBeUndefined();
    expect(keymap.commandFor('s', confirming)).toBeUndefined();
  });

  it('offers start and stop only when the replication allows them', () => {
    const keymap = createKeymap();
    expect(keymap.commandFor('x', { ...DASHBOARD, canStop: false })).toBeUndefined();
    expect(keymap.commandFor('s', { ...DASHBOARD, canStart: false })).toBeUndefined();
  });

  it('has no way back from a dashboard opened directly', () => {
    expect(createKeymap().commandFor('escape', { ...DASHBOARD, canGoBack: false })).toBeUndefined();
  });
});

describe('createKeymap match', () => {
  const keymap = createKeymap();

  it('reads each character of an input as its own key press', () => {
    expect(keymap.match('jj', NO_KEY, DASHBOARD).map((m) => m.command)).toEqual(['cursor.down', 'cursor.down']);
    expect(keymap.match('jGk', NO_KEY, DASHBOARD).map((m) => m.command)).toEqual(['cursor.down', 'cursor.last', 'cursor.up']);
  });

  it('names Enter, Tab and Backspace inside a longer input (a paste, a held key), and drops other control bytes', () => {
    expect(keymap.match('ab\r', NO_KEY, { ...DASHBOARD, overlay: 'filter' })).toEqual([
      { key: 'a', command: undefined },
      { key: 'b', command: undefined },
      { key: 'return', command: 'filter.apply' },
    ]);
    expect(keymap.match('\r\r', NO_KEY, { ...DASHBOARD, overlay: 'confirm' }).map((m) => m.command)).toEqual(['confirm.no', 'confirm.no']);
    expect(keymap.match('a\x7f\x01\t', NO_KEY, { ...DASHBOARD, overlay: 'filter' }).map((m) => m.key)).toEqual(['a', 'backspace', 'tab']);
  });

  it('reports keys no command takes, so a prompt can use them', () => {
    expect(keymap.match('zq', NO_KEY, DASHBOARD)).toEqual([
      { key: 'z', command: undefined },
      { key: 'q', command: 'app.quit' },
    ]);
  });

  it.each([
    [{ upArrow: true }, 'cursor.up'],
    [{ pageDown: true }, 'page.down'],
    [{ tab: true }, 'focus.next'],
    [{ tab: true, shift: true }, 'focus.previous'],
    [{ escape: true, meta: true }, 'view.back'],
    [{ end: true }, 'cursor.last'],
  ] as const)('maps Ink key %j to %s', (flags, id) => {
    expect(keymap.match('', key(flags), DASHBOARD).map((m) => m.command)).toEqual([id]);
  });

  it('maps Ctrl-C to quit, and never takes Ctrl-X or Alt-x for x', () => {
    expect(keymap.match('c', key({ ctrl: true }), DASHBOARD)[0]?.command).toBe('app.quit');
    expect(keymap.match('x', key({ ctrl: true }), DASHBOARD)[0]?.command).toBeUndefined();
    expect(keymap.match('x', key({ meta: true }), DASHBOARD)[0]?.command).toBeUndefined();
  });
});

describe('read-only mode', () => {
  const keymap = createKeymap({ readOnly: true });

  it('removes start and stop from matching', () => {
    expect(keymap.commandFor('x', DASHBOARD)).toBeUndefined();
    expect(keymap.commandFor('s', DASHBOARD)).toBeUndefined();
    expect(keymap.commands.some((c) => c.dangerous === true)).toBe(false);
  });

  it('removes them from help and footer', () => {
    const helpIds = keymap.helpSections('dashboard').flatMap((s) => s.rows.map((r) => r.id));
    expect(helpIds).not.toContain('replication.stop');
    expect(helpIds).not.toContain('replication.start');
    expect(keymap.helpSections('dashboard').map((s) => s.category)).not.toContain('Replication');
    const footer = keymap.footerHints(DASHBOARD).map((h) => h.id);
    expect(footer).not.toContain('replication.stop');
    expect(footer).not.toContain('replication.start');
  });

  it('keeps everything else', () => {
    expect(keymap.commands).toHaveLength(COMMANDS.length - 2);
    expect(keymap.commandFor('q', DASHBOARD)).toBe('app.quit');
  });
});

describe('help and footer', () => {
  const keymap = createKeymap();

  it('lists every dashboard command once in help, by category, with its keys as shown', () => {
    const sections = keymap.helpSections('dashboard');
    const ids = sections.flatMap((s) => s.rows.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('view.open'); // the picker's
    const rows = sections.flatMap((s) => s.rows);
    expect(rows.find((r) => r.id === 'cursor.down')?.keys).toBe('j ↓');
    expect(rows.find((r) => r.id === 'app.quit')?.keys).toBe('q Ctrl-C');
    expect(rows.find((r) => r.id === 'page.up')?.keys).toBe('PgUp');
    expect(sections.map((s) => s.category)).toEqual([...CATEGORIES]);
  });

  it('covers every command between the two views', () => {
    const shown = new Set(VIEWS.flatMap((v) => keymap.helpSections(v).flatMap((s) => s.rows.map((r) => r.id))));
    expect([...shown].sort()).toEqual(COMMANDS.map((c) => c.id).sort());
  });

  it('keeps dashboard-only commands out of the picker help', () => {
    const ids = keymap.helpSections('picker').flatMap((s) => s.rows.map((r) => r.id));
    for (const id of ['replication.stop', 'log.follow', 'focus.next', 'confirm.yes']) expect(ids).not.toContain(id);
    expect(ids).toContain('view.open');
  });

  it('shows in the footer only what applies now', () => {
    const text = (context: KeyContext) => keymap.footerHints(context).map((h) => `${h.key} ${h.hint}`);
    expect(text(DASHBOARD)).toEqual(['q quit', '? help', 'Tab focus', 'Esc back', '/ filter', 'f follow', 's start', 'x stop']);
    expect(text({ ...DASHBOARD, focus: 'timeline', hasFailures: true, canStart: false })).toEqual([
      'q quit',
      '? help',
      'Tab focus',
      'Esc back',
      'd dismiss',
      'x stop',
    ]);
    expect(text({ ...DASHBOARD, overlay: 'confirm' })).toEqual(['q quit', 'y yes', 'n no']);
    expect(text({ ...DASHBOARD, overlay: 'filter' })).toEqual(['Enter apply', 'Esc cancel']);
    expect(text(PICKER)).toEqual(['q quit', '? help', 'Enter open', '/ filter']);
  });
});
