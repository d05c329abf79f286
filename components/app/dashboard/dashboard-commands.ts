/**
 * What each command does on the dashboard: the key hook's other half,
 * a plain function over getters so that every key of a fast input sees
 * the state the key before it left (useSyncReducer).
 */
import type { RefObject } from 'react';
import { formatCount } from '../../../src/output/format.js';
import type { DashboardSnapshot, DashboardSource } from '../../../src/watch/dashboard-source.js';
import type { CommandId, Pane } from '../../keys/commands.js';
import type { SyncDispatch } from '../../hooks/use-sync-reducer.js';
import { connectionRows } from '../../panes/connections/connection-rows.js';
import { visibleFailures } from '../../panes/failures/failure-card-state.js';
import { logMatchPositions } from '../../panes/log/log-matches.js';
import { logAt, type LogAt } from '../../panes/log/log-place.js';
import type { LogPaneAction } from '../../panes/log/log-pane-state.js';
import { timelineRowCount, timelineRows } from '../../panes/timeline/timeline-rows.js';
import type { ListScrollAction } from '../../panes/list-scroll.js';
import { focusedPane, NO_DIALOG, type DashboardViewAction, type DashboardViewState } from './dashboard-state.js';
import type { DashboardLayout } from './layout.js';
import type { LocalNotice } from './notice.js';

export interface DashboardCommandDeps {
  readonly source: DashboardSource;
  /** The state after every dispatch so far. */
  readonly state: RefObject<DashboardViewState>;
  readonly dispatch: SyncDispatch<DashboardViewAction>;
  /** The layout and the panes shown, in focus order, as last drawn. */
  readonly layout: () => DashboardLayout;
  readonly panes: () => readonly Pane[];
  readonly readOnly: boolean;
  readonly onBack: () => void;
  readonly onQuit: () => void;
}

/** Rows a bordered pane shows, for paging and scroll limits. */
function inner(height: number): number {
  return Math.max(0, height - 2);
}

/** The runner of every dashboard command; `exporting` keeps a second `e` from starting a second export. */
export function dashboardCommands(deps: DashboardCommandDeps): (command: CommandId) => void {
  const { source, state, dispatch } = deps;
  let exporting = false;
  const snap = (): DashboardSnapshot => source.getSnapshot();
  const notice = (text: string, tone: LocalNotice['tone']): void => {
    dispatch({ type: 'notice', notice: { text, tone, at: snap().now } });
  };
  const log = (action: LogPaneAction): void => {
    dispatch({ type: 'log', action });
  };
  /** The log as the pane shows it now: where a key that moves the view starts from. */
  const at = (): LogAt => logAt(snap().events, state.current.log.filter);
  const logRows = (): number => {
    const layout = deps.layout();
    return layout.kind === 'tiny' ? 1 : Math.max(1, inner(layout.log.height) - 1);
  };

  /** j/k/PgUp/PgDn/g/G on the focused pane: `by` rows towards older (positive) or newer; 'oldest' / 'newest'. */
  const move = (by: number | 'oldest' | 'newest'): void => {
    const layout = deps.layout();
    if (layout.kind === 'tiny') return;
    const s = snap();
    switch (focusedPane(state.current, deps.panes())) {
      case 'log': {
        const height = logRows();
        log(by === 'oldest' ? { type: 'oldest', height, at: at() } : by === 'newest' ? { type: 'newest' } : { type: 'scroll', by, height, at: at() });
        return;
      }
      case 'timeline': {
        const max = timelineRowCount(timelineRows(s.summary.timeline)) - inner(layout.timeline.height);
        dispatch({ type: 'timeline', action: scroll(by, max) });
        return;
      }
      case 'connections': {
        const max = connectionRows(s.summary.connections, s.summary.timeline).length - inner(layout.connections.height);
        dispatch({ type: 'connections', action: scroll(by, max) });
        return;
      }
      case 'failures': {
        const shown = visibleFailures(s.summary.failures, state.current.failures).length;
        const max = shown - Math.floor(Math.max(0, layout.failures - 3) / 3);
        // The card lists the newest at the top: down is older there, and the top (g) is the newest.
        dispatch({ type: 'failureScroll', by: by === 'oldest' ? -shown : by === 'newest' ? shown : -by, max });
        return;
      }
    }
  };
  const page = (): number => {
    const layout = deps.layout();
    if (layout.kind === 'tiny') return 1;
    switch (focusedPane(state.current, deps.panes())) {
      case 'log':
        return logRows();
      case 'timeline':
        return Math.max(1, inner(layout.timeline.height));
      case 'connections':
        return Math.max(1, inner(layout.connections.height));
      case 'failures':
        return 1;
    }
  };

  const jump = (direction: 'next' | 'previous'): void => {
    const current = state.current.log;
    const terms = current.highlights;
    if (terms.length === 0 && current.query === '') {
      notice('Nothing to look for: highlight a term with h, or filter with /.', 'info');
      return;
    }
    // With no highlight, every line the filter keeps is a match: n and N step through them.
    const hits = logMatchPositions(snap().events, current.filter, terms);
    log({ type: 'jump', direction, hits, height: logRows(), at: at() });
    if (state.current.log === current) notice(`No match ${direction === 'next' ? 'below' : 'above'}${terms.length > 0 ? ` for ${terms.join(', ')}` : ''}.`, 'info');
  };

  const exportEvents = (): void => {
    if (exporting) return;
    exporting = true;
    notice("Exporting this session's events…", 'info');
    void source.exportEvents().then(
      (result) => {
        exporting = false;
        notice(`Exported ${formatCount(result.count)} events to ${result.path}`, 'ok');
      },
      (err: unknown) => {
        exporting = false;
        notice(err instanceof Error ? err.message : String(err), 'error');
      },
    );
  };

  const confirmYes = (): void => {
    const dialog = state.current.dialog;
    if (dialog.kind !== 'confirm' || deps.readOnly) return;
    // Closed before the call: a second y (a held key) finds no dialog to answer.
    dispatch({ type: 'dialog', dialog: NO_DIALOG });
    const s = snap();
    if (dialog.action.name === 'stop') {
      if (!s.canStop) {
        notice(`Not stopped: ${s.name} is ${s.replication.status} now.`, 'info');
        return;
      }
      void source.stop();
      return;
    }
    const type = dialog.action.startType;
    if (!s.startTypes.includes(type)) {
      notice(`Not started: ${type} does not apply now that ${s.name} is ${s.replication.status}.`, 'info');
      return;
    }
    void source.start(type);
  };

  return (command) => {
    dispatch({ type: 'keyPressed' });
    // Too small to show the panes: only quitting works (a dialog could not even be seen).
    if (deps.layout().kind === 'tiny' && command !== 'app.quit') return;
    const dialog = state.current.dialog;
    switch (command) {
      case 'app.quit':
        deps.onQuit();
        return;
      case 'view.back':
        deps.onBack();
        return;
      case 'help.open':
        dispatch({ type: 'dialog', dialog: { kind: 'help' } });
        return;
      case 'help.close':
      case 'filter.cancel':
      case 'highlight.cancel':
      case 'start.cancel':
      case 'confirm.no':
        dispatch({ type: 'dialog', dialog: NO_DIALOG });
        return;
      case 'focus.next':
      case 'focus.previous':
        dispatch({ type: 'focus', by: command === 'focus.next' ? 1 : -1, panes: deps.panes() });
        return;
      case 'data.refresh':
        source.refresh();
        return;
      case 'view.time-zone':
        dispatch({ type: 'toggleUtc' });
        return;
      case 'session.export':
        exportEvents();
        return;
      case 'failures.dismiss':
        dispatch({ type: 'failures', action: { type: 'dismiss', failures: visibleFailures(snap().summary.failures, state.current.failures) } });
        return;
      case 'cursor.down':
      case 'cursor.up':
        if (dialog.kind === 'choose-start') dispatch({ type: 'choose', by: command === 'cursor.down' ? 1 : -1 });
        else move(command === 'cursor.down' ? -1 : 1);
        return;
      case 'page.down':
        move(-page());
        return;
      case 'page.up':
        move(page());
        return;
      case 'cursor.first':
        move('oldest');
        return;
      case 'cursor.last':
        move('newest');
        return;
      case 'filter.open':
        dispatch({ type: 'dialog', dialog: { kind: 'prompt', prompt: 'filter', text: state.current.log.query } });
        return;
      case 'filter.apply':
        if (dialog.kind === 'prompt') log({ type: 'filter', query: dialog.text });
        dispatch({ type: 'dialog', dialog: NO_DIALOG });
        return;
      case 'log.highlight':
        dispatch({ type: 'dialog', dialog: { kind: 'prompt', prompt: 'highlight', text: '' } });
        return;
      case 'highlight.apply':
        if (dialog.kind === 'prompt') log(dialog.text.trim() === '' ? { type: 'clearHighlights' } : { type: 'highlight', term: dialog.text });
        dispatch({ type: 'dialog', dialog: NO_DIALOG });
        return;
      case 'log.next-match':
        jump('next');
        return;
      case 'log.previous-match':
        jump('previous');
        return;
      case 'log.follow':
        log({ type: 'toggleFollow', at: at() });
        return;
      case 'log.wrap':
        log({ type: 'toggleWrap' });
        return;
      case 'replication.start': {
        const types = snap().startTypes;
        const first = types[0];
        if (first === undefined) return;
        dispatch({ type: 'dialog', dialog: types.length === 1 ? { kind: 'confirm', action: { name: 'start', startType: first } } : { kind: 'choose-start', types, index: 0 } });
        return;
      }
      case 'start.choose': {
        const type = dialog.kind === 'choose-start' ? dialog.types[dialog.index] : undefined;
        dispatch({ type: 'dialog', dialog: type === undefined ? NO_DIALOG : { kind: 'confirm', action: { name: 'start', startType: type } } });
        return;
      }
      case 'replication.stop':
        dispatch({ type: 'dialog', dialog: { kind: 'confirm', action: { name: 'stop' } } });
        return;
      case 'confirm.yes':
        confirmYes();
        return;
      case 'view.open':
        return;
    }
  };
}

function scroll(by: number | 'oldest' | 'newest', max: number): ListScrollAction {
  if (by === 'oldest') return { type: 'oldest', max };
  if (by === 'newest') return { type: 'newest' };
  return { type: 'scroll', by, max };
}
