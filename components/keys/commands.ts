/**
 * Every key binding of the app, declared once, as data: a named command,
 * its keys, what it does, and when it applies. The matcher, the help
 * overlay and the footer hints are all generated from this list
 * (keymap.ts); no component checks a key itself. Commands that change the
 * replication are marked dangerous: read-only mode drops them everywhere.
 *
 * The keys follow less and k9s, which people who run this already know.
 */
import type { KeyName } from './key-names.js';

/** Which screen is showing. */
export type View = 'picker' | 'dashboard';

/** The dashboard pane that has the keyboard. */
export type Pane = 'timeline' | 'connections' | 'failures' | 'log';

/**
 * What is open over the view; each takes the keys it needs first.
 * `filter`: the `/` prompt and `highlight`: the `h` prompt (characters are
 * text, only Enter/Esc are commands); `confirm`: a start or stop
 * confirmation; `choose-start`: the start types.
 */
export type Overlay = 'none' | 'help' | 'filter' | 'highlight' | 'confirm' | 'choose-start';

/** What the app tells the keymap about its state, so commands know whether they apply. */
export interface KeyContext {
  readonly view: View;
  /** The focused pane (the dashboard only; the picker has one list). */
  readonly focus: Pane;
  readonly overlay: Overlay;
  /** The dashboard was opened from the picker, so Esc goes back to it. */
  readonly canGoBack: boolean;
  /** A failure card is showing (so it can be dismissed). */
  readonly hasFailures: boolean;
  /** A start type is allowed now (src/actions/action-rules.ts startTypesFor). */
  readonly canStart: boolean;
  /** Stopping is allowed now (src/actions/action-rules.ts canStop). */
  readonly canStop: boolean;
}

/** Headings of the help overlay, in the order they are shown. */
export const CATEGORIES = ['General', 'Move', 'Log', 'Replication', 'Dialogs'] as const;
export type CommandCategory = (typeof CATEGORIES)[number];

export interface KeyCommand {
  /** Dotted name, area first: `replication.stop`. */
  readonly id: string;
  /** The keys, the first one shown in the footer. */
  readonly keys: readonly KeyName[];
  /** One line for the help overlay, saying what the command does. */
  readonly description: string;
  readonly category: CommandCategory;
  /** A word or two for the footer; commands without one stay out of it. */
  readonly hint?: string;
  /** Changes the replication (k9s's Dangerous): gone in read-only mode. */
  readonly dangerous?: true;
  /** When the command applies. @default always */
  readonly when?: (context: KeyContext) => boolean;
}

const noOverlay = (c: KeyContext): boolean => c.overlay === 'none';
/* A prompt is open: characters are text. */
const typing = (c: KeyContext): boolean => c.overlay === 'filter' || c.overlay === 'highlight';
const onDashboard = (c: KeyContext): boolean => c.view === 'dashboard' && noOverlay(c);
/* The picker's list and the focused dashboard pane scroll alike. */
const inList = (c: KeyContext): boolean => noOverlay(c) || c.overlay === 'choose-start';
const onLog = (c: KeyContext): boolean => onDashboard(c) && c.focus === 'log';

export const COMMANDS = [
  // General
  {
    id: 'app.quit',
    keys: ['q', 'ctrl+c'],
    description: 'Quit and restore the terminal',
    category: 'General',
    hint: 'quit',
    // In a prompt q is text, and Ctrl-C cancels the prompt (as in less).
    when: (c) => !typing(c),
  },
  { id: 'help.open', keys: ['?'], description: 'Show all keys', category: 'General', hint: 'help', when: noOverlay },
  { id: 'help.close', keys: ['escape', '?'], description: 'Close this help', category: 'Dialogs', hint: 'close', when: (c) => c.overlay === 'help' },
  { id: 'focus.next', keys: ['tab'], description: 'Focus the next pane', category: 'General', hint: 'focus', when: onDashboard },
  { id: 'focus.previous', keys: ['shift+tab'], description: 'Focus the previous pane', category: 'General', when: onDashboard },
  { id: 'view.open', keys: ['return'], description: 'Open the selected replication', category: 'General', hint: 'open', when: (c) => c.view === 'picker' && noOverlay(c) },
  { id: 'view.back', keys: ['escape'], description: 'Back to the list of replications', category: 'General', hint: 'back', when: (c) => onDashboard(c) && c.canGoBack },
  { id: 'data.refresh', keys: ['r'], description: 'Refresh now', category: 'General', when: noOverlay },
  { id: 'view.time-zone', keys: ['t'], description: 'Show times in local time or UTC', category: 'General', when: onDashboard },
  { id: 'session.export', keys: ['e'], description: "Export this session's events to an NDJSON file", category: 'General', when: onDashboard },
  { id: 'failures.dismiss', keys: ['d'], description: 'Dismiss the failure card (a new failure shows it again)', category: 'General', hint: 'dismiss', when: (c) => onDashboard(c) && c.hasFailures },

  // Move (the picker's list, the focused pane, the start types)
  { id: 'cursor.down', keys: ['j', 'down'], description: 'Down one line', category: 'Move', when: inList },
  { id: 'cursor.up', keys: ['k', 'up'], description: 'Up one line', category: 'Move', when: inList },
  { id: 'page.down', keys: ['pagedown'], description: 'Down one page', category: 'Move', when: noOverlay },
  { id: 'page.up', keys: ['pageup'], description: 'Up one page', category: 'Move', when: noOverlay },
  { id: 'cursor.first', keys: ['g', 'home'], description: 'To the top', category: 'Move', when: noOverlay },
  { id: 'cursor.last', keys: ['G', 'end'], description: 'To the bottom', category: 'Move', when: noOverlay },

  // Log (and the picker's filter)
  {
    id: 'filter.open',
    keys: ['/'],
    description: 'Filter by text, or by /regex/',
    category: 'Log',
    hint: 'filter',
    when: (c) => (c.view === 'picker' && noOverlay(c)) || onLog(c),
  },
  { id: 'filter.apply', keys: ['return'], description: 'Apply the filter', category: 'Dialogs', hint: 'apply', when: (c) => c.overlay === 'filter' },
  { id: 'filter.cancel', keys: ['escape', 'ctrl+c'], description: 'Leave the filter prompt, filter unchanged', category: 'Dialogs', hint: 'cancel', when: (c) => c.overlay === 'filter' },
  { id: 'log.next-match', keys: ['n'], description: 'Next match', category: 'Log', when: onLog },
  { id: 'log.previous-match', keys: ['N'], description: 'Previous match', category: 'Log', when: onLog },
  { id: 'log.highlight', keys: ['h'], description: 'Highlight a term (up to five; again to remove it)', category: 'Log', when: onLog },
  { id: 'highlight.apply', keys: ['return'], description: 'Highlight the term typed; an empty one removes all', category: 'Dialogs', hint: 'apply', when: (c) => c.overlay === 'highlight' },
  { id: 'highlight.cancel', keys: ['escape', 'ctrl+c'], description: 'Leave the highlight prompt, highlights unchanged', category: 'Dialogs', hint: 'cancel', when: (c) => c.overlay === 'highlight' },
  { id: 'log.follow', keys: ['f'], description: 'Follow new lines on or off', category: 'Log', hint: 'follow', when: onLog },
  { id: 'log.wrap', keys: ['w'], description: 'Wrap long lines on or off', category: 'Log', when: onLog },

  // Replication
  {
    id: 'replication.start',
    keys: ['s'],
    description: 'Start the replication (choose a start type, then confirm)',
    category: 'Replication',
    hint: 'start',
    dangerous: true,
    when: (c) => onDashboard(c) && c.canStart,
  },
  {
    id: 'replication.stop',
    keys: ['x'],
    description: 'Stop the replication (after a confirmation)',
    category: 'Replication',
    hint: 'stop',
    dangerous: true,
    when: (c) => onDashboard(c) && c.canStop,
  },

  // Dialogs
  { id: 'start.choose', keys: ['return'], description: 'Start with the selected start type', category: 'Dialogs', hint: 'choose', when: (c) => c.overlay === 'choose-start' },
  { id: 'start.cancel', keys: ['escape'], description: 'Close the start types without starting', category: 'Dialogs', hint: 'cancel', when: (c) => c.overlay === 'choose-start' },
  { id: 'confirm.yes', keys: ['y'], description: 'Yes: start or stop the replication', category: 'Dialogs', hint: 'yes', when: (c) => c.overlay === 'confirm' },
  {
    id: 'confirm.no',
    keys: ['n', 'escape', 'return'],
    description: 'No, leave it as it is (the default, so Enter answers No)',
    category: 'Dialogs',
    hint: 'no',
    when: (c) => c.overlay === 'confirm',
  },
] as const satisfies readonly KeyCommand[];

/** The name of a command the registry declares. */
export type CommandId = (typeof COMMANDS)[number]['id'];
