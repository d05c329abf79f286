/**
 * The key registry at work: which command a key runs in a context, and the
 * help overlay's rows and the footer's hints, all generated from COMMANDS
 * (commands.ts). Read-only mode drops the dangerous commands here, once, so
 * they neither match nor show in help or footer (k9s's ClearDanger).
 */
import type { Key } from 'ink';
import {
  CATEGORIES,
  COMMANDS,
  type CommandCategory,
  type CommandId,
  type KeyCommand,
  type KeyContext,
  type Overlay,
  type Pane,
  type View,
} from './commands.js';
import { displayKey, keyNamesOf, type KeyName } from './key-names.js';

/** One key of an input and the command it runs, if any. */
export interface KeyMatch {
  readonly key: KeyName;
  readonly command: CommandId | undefined;
}

export interface HelpRow {
  /** The command's keys as shown: 'j ↓', 'q Ctrl-C'. */
  readonly keys: string;
  readonly description: string;
  readonly id: CommandId;
}

export interface HelpSection {
  readonly category: CommandCategory;
  readonly rows: readonly HelpRow[];
}

export interface FooterHint {
  /** The command's first key as shown: 'q', 'Tab', '/'. */
  readonly key: string;
  readonly hint: string;
  readonly id: CommandId;
}

export interface Keymap {
  /** The commands in force: all of them, less the dangerous ones in read-only mode. */
  readonly commands: readonly KeyCommand[];
  readonly readOnly: boolean;
  /** The command `key` runs in `context`, if any. */
  commandFor(key: KeyName, context: KeyContext): CommandId | undefined;
  /**
   * Ink's `useInput(input, key)` turned into keys and their commands, one
   * per character ('jj' is two presses of j).
   */
  match(input: string, key: Key, context: KeyContext): KeyMatch[];
  /** The help overlay for a view: every command that can apply there, by category. */
  helpSections(view: View): HelpSection[];
  /** The footer: the commands with a hint that apply right now, in declaration order. */
  footerHints(context: KeyContext): FooterHint[];
}

export interface KeymapOptions {
  /** Drop every dangerous command (start, stop). @default false */
  readonly readOnly?: boolean;
}

const PANES: readonly Pane[] = ['timeline', 'connections', 'failures', 'log'];

/* The overlays each view can show: the picker has no start or stop dialogs. */
const OVERLAYS_OF: Readonly<Record<View, readonly Overlay[]>> = {
  picker: ['none', 'help', 'filter'],
  dashboard: ['none', 'help', 'filter', 'highlight', 'confirm', 'choose-start'],
};

/**
 * Every context a view can be in, with every optional command made
 * possible (a failure shown, start and stop allowed, a way back): what help
 * must describe, and what the registry's tests check for clashes.
 */
export function contextsOf(view: View): KeyContext[] {
  const contexts: KeyContext[] = [];
  for (const overlay of OVERLAYS_OF[view]) {
    for (const focus of view === 'dashboard' ? PANES : PANES.slice(0, 1)) {
      contexts.push({ view, focus, overlay, canGoBack: true, hasFailures: true, canStart: true, canStop: true });
    }
  }
  return contexts;
}

const applies = (command: KeyCommand, context: KeyContext): boolean => command.when?.(context) ?? true;

export function createKeymap(options: KeymapOptions = {}): Keymap {
  const readOnly = options.readOnly ?? false;
  const commands: readonly KeyCommand[] = COMMANDS.filter((c: KeyCommand) => !(readOnly && c.dangerous === true));

  const byKey = new Map<KeyName, KeyCommand[]>();
  for (const command of commands) {
    for (const key of command.keys) {
      const list = byKey.get(key) ?? [];
      list.push(command);
      byKey.set(key, list);
    }
  }

  const commandFor = (key: KeyName, context: KeyContext): CommandId | undefined =>
    byKey.get(key)?.find((c) => applies(c, context))?.id as CommandId | undefined;

  return {
    commands,
    readOnly,
    commandFor,
    match: (input, key, context) => keyNamesOf(input, key).map((name) => ({ key: name, command: commandFor(name, context) })),
    helpSections: (view) => {
      const contexts = contextsOf(view);
      const shown = commands.filter((c) => contexts.some((context) => applies(c, context)));
      return CATEGORIES.map((category) => ({
        category,
        rows: shown
          .filter((c) => c.category === category)
          .map((c) => ({ keys: c.keys.map(displayKey).join(' '), description: c.description, id: c.id as CommandId })),
      })).filter((section) => section.rows.length > 0);
    },
    footerHints: (context) =>
      commands.flatMap((c) =>
        c.hint !== undefined && c.keys[0] !== undefined && applies(c, context)
          ? [{ key: displayKey(c.keys[0]), hint: c.hint, id: c.id as CommandId }]
          : [],
      ),
  };
}
