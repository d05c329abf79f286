import { Box, Text } from 'ink';
import { useMemo, type ReactNode } from 'react';
import { parseFilterQuery } from '../../../src/select/log-window.js';
import type { DashboardSource } from '../../../src/watch/dashboard-source.js';
import type { TerminalSize } from '../../hooks/use-terminal-size.js';
import { useSyncReducer } from '../../hooks/use-sync-reducer.js';
import type { Pane } from '../../keys/commands.js';
import { Footer } from '../../keys/footer.js';
import { HelpOverlay, helpLines } from '../../keys/help-overlay.js';
import { displayKey } from '../../keys/key-names.js';
import type { Keymap } from '../../keys/keymap.js';
import { ConnectionPane } from '../../panes/connections/connection-pane.js';
import { FailureCard } from '../../panes/failures/failure-card.js';
import { visibleFailures } from '../../panes/failures/failure-card-state.js';
import { Header } from '../../panes/header/header.js';
import { fitSpans, Line } from '../../panes/line.js';
import { LogPane } from '../../panes/log/log-pane.js';
import { TimelinePane } from '../../panes/timeline/timeline-pane.js';
import { useTheme } from '../../theme.js';
import { ChooseStartDialog, chooseStartRows } from '../dialogs/choose-start-dialog.js';
import { CONFIRM_DIALOG_ROWS, ConfirmDialog, confirmQuestion } from '../dialogs/confirm-dialog.js';
import { Over } from '../dialogs/over.js';
import { PromptLine } from '../dialogs/prompt-line.js';
import { cellWidth } from '../../text/cells.js';
import { dashboardViewReducer, focusedPane, initialDashboardView } from './dashboard-state.js';
import { dashboardLayout, type PanesLayout } from './layout.js';
import { noticeText } from './notice.js';
import { PaneFrame } from './pane-frame.js';
import { useDashboardSnapshot } from './use-dashboard-snapshot.js';
import { dashboardContext, useDashboardKeys } from './use-dashboard-keys.js';

export interface DashboardProps {
  readonly source: DashboardSource;
  readonly keymap: Keymap;
  /** The terminal's size (useTerminalSize): the frame is one row shorter. */
  readonly size: TerminalSize;
  /** Opened from the picker: Esc goes back to it. */
  readonly canGoBack: boolean;
  /** One line under the header until the first key press (the demo's "try next"). @default undefined */
  readonly hint?: string;
  readonly onBack: () => void;
  readonly onQuit: () => void;
  /** Listen to keys. @default true */
  readonly isActive?: boolean;
}

/** The help overlay, centred, as tall as its keys (or the frame). */
function HelpOver({ keymap, width, height }: { readonly keymap: Keymap; readonly width: number; readonly height: number }): ReactNode {
  // Once per keymap: the overlay (memoised) is then not rendered again for each update of the panes under it.
  const sections = useMemo(() => keymap.helpSections('dashboard'), [keymap]);
  const w = Math.min(width, 76);
  const h = Math.min(height, helpLines(sections).length + 3);
  return (
    <Over frameWidth={width} frameHeight={height} width={w} height={h}>
      <HelpOverlay sections={sections} width={w} height={h} />
    </Over>
  );
}

/** The panes shown, in the order Tab visits them. */
function panesOf(layout: PanesLayout): Pane[] {
  const panes: Pane[] = [];
  if (layout.failures > 0) panes.push('failures');
  if (layout.timeline.height > 0) panes.push('timeline');
  if (layout.connections.height > 0) panes.push('connections');
  panes.push('log');
  return panes;
}

const NO_PANES: readonly Pane[] = ['log'];

/**
 * One replication, live: the header, a notice line, the failure card when
 * something failed, the state timeline and the connections (side by side
 * when wide, stacked when narrow), the log, and the footer. Every part has
 * an explicit height, and the frame is one row shorter than the terminal.
 */
export function Dashboard({ source, keymap, size, canGoBack, hint, onBack, onQuit, isActive = true }: DashboardProps): ReactNode {
  const theme = useTheme();
  const snapshot = useDashboardSnapshot(source);
  const [state, dispatch, latest] = useSyncReducer(dashboardViewReducer, initialDashboardView);
  const { summary } = snapshot;
  const shownFailures = useMemo(() => visibleFailures(summary.failures, state.failures), [summary.failures, state.failures]);
  const layout = useMemo(() => dashboardLayout(size, shownFailures.length), [size, shownFailures.length]);
  const panes = useMemo(() => (layout.kind === 'tiny' ? NO_PANES : panesOf(layout)), [layout]);
  useDashboardKeys({ keymap, source, state: latest, dispatch, layout, panes, canGoBack, onBack, onQuit, isActive });

  if (layout.kind === 'tiny') {
    return (
      <Box width={layout.width} height={layout.height} overflowY="hidden">
        <Text wrap="wrap" color={theme.color('status.warning')}>
          {layout.message}
        </Text>
      </Box>
    );
  }

  const { width, height } = layout;
  const focus = focusedPane(state, panes);
  const context = dashboardContext(state, snapshot, panes, canGoBack);
  const hints = keymap.footerHints(context);
  const notice = noticeText({
    fatal: snapshot.fatal,
    action: snapshot.action,
    local: state.notice,
    // Until the first key: the data's clock may run 10x faster (the demo), so no timeout on it.
    hint: state.keyPressed ? undefined : hint,
  });
  const dismiss = keymap.commands.find((c) => c.id === 'failures.dismiss');
  const dismissHint = dismiss?.keys[0] === undefined ? undefined : `${displayKey(dismiss.keys[0])} dismiss`;
  const inner = (n: number): number => Math.max(0, n - 2);

  const timeline = (
    <PaneFrame title="State timeline" focused={focus === 'timeline'} width={layout.timeline.width} height={layout.timeline.height}>
      <TimelinePane segments={summary.timeline} now={snapshot.now} width={inner(layout.timeline.width)} height={inner(layout.timeline.height)} utc={state.utc} offsetFromEnd={state.timeline.offsetFromEnd} />
    </PaneFrame>
  );
  const connections = (
    <PaneFrame title="PostgreSQL connections" focused={focus === 'connections'} width={layout.connections.width} height={layout.connections.height}>
      <ConnectionPane attempts={summary.connections} segments={summary.timeline} width={inner(layout.connections.width)} height={inner(layout.connections.height)} utc={state.utc} offsetFromEnd={state.connections.offsetFromEnd} />
    </PaneFrame>
  );
  const dialog = state.dialog;
  const filterError = dialog.kind === 'prompt' && dialog.prompt === 'filter' && dialog.text.startsWith('/') ? parseFilterQuery(dialog.text) : undefined;

  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <Header
        name={snapshot.name}
        region={snapshot.region}
        snapshot={snapshot.replication}
        liveTail={snapshot.liveTail}
        {...(snapshot.lastPollAt === undefined ? {} : { lastPollAt: snapshot.lastPollAt })}
        now={snapshot.now}
        width={width}
        height={layout.header}
        pollStale={snapshot.pollStale}
        {...(snapshot.action === undefined ? {} : { action: snapshot.action })}
        utc={state.utc}
      />
      <Line spans={notice === undefined ? [] : fitSpans([notice], width)} width={width} />
      {layout.failures > 0 ? (
        <FailureCard failures={summary.failures} state={state.failures} width={width} height={layout.failures} utc={state.utc} skip={state.failureSkip} focused={focus === 'failures'} {...(dismissHint === undefined ? {} : { dismissHint })} />
      ) : null}
      {layout.kind === 'wide' ? (
        layout.timeline.height > 0 ? (
          <Box flexDirection="row" width={width} height={layout.timeline.height}>
            {timeline}
            {connections}
          </Box>
        ) : null
      ) : (
        <>
          {layout.timeline.height > 0 ? timeline : null}
          {layout.connections.height > 0 ? connections : null}
        </>
      )}
      <PaneFrame title="Log" focused={focus === 'log'} width={layout.log.width} height={layout.log.height}>
        <LogPane events={snapshot.events} state={state.log} width={inner(layout.log.width)} height={inner(layout.log.height)} utc={state.utc} />
      </PaneFrame>
      {dialog.kind === 'prompt' ? (
        <PromptLine label={dialog.prompt} text={dialog.text} hints={hints} width={width} {...(filterError !== undefined && !filterError.ok ? { error: filterError.error } : {})} />
      ) : (
        <Footer hints={hints} width={width} />
      )}
      {dialog.kind === 'help' ? <HelpOver keymap={keymap} width={width} height={height} /> : null}
      {dialog.kind === 'choose-start' ? (
        <Over frameWidth={width} frameHeight={height} width={Math.min(width - 4, 64)} height={chooseStartRows(dialog.types.length)}>
          <ChooseStartDialog types={dialog.types} index={dialog.index} replication={snapshot.name} width={Math.min(width - 4, 64)} />
        </Over>
      ) : null}
      {dialog.kind === 'confirm' ? (
        <Over frameWidth={width} frameHeight={height} width={Math.min(width - 4, Math.max(56, cellWidth(confirmQuestion(dialog.action, snapshot.name)) + 4))} height={CONFIRM_DIALOG_ROWS}>
          <ConfirmDialog action={dialog.action} replication={snapshot.name} width={Math.min(width - 4, Math.max(56, cellWidth(confirmQuestion(dialog.action, snapshot.name)) + 4))} />
        </Over>
      ) : null}
    </Box>
  );
}
