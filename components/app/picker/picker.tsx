import { Box } from 'ink';
import { useMemo, type ReactNode } from 'react';
import { formatCount } from '../../../src/output/format.js';
import { toSafeLine } from '../../../src/parse/safe-text.js';
import type { FleetSource } from '../../../src/watch/dashboard-source.js';
import { useSyncReducer } from '../../hooks/use-sync-reducer.js';
import { Footer } from '../../keys/footer.js';
import { HelpOverlay, helpLines } from '../../keys/help-overlay.js';
import type { Keymap } from '../../keys/keymap.js';
import { fitSpans, Line, type Span } from '../../panes/line.js';
import { spinnerFrame } from '../../panes/spinner.js';
import { ageText } from '../../panes/time-text.js';
import { cutCells } from '../../text/cells.js';
import { PromptLine } from '../dialogs/prompt-line.js';
import { Over } from '../dialogs/over.js';
import { useSource } from '../use-source.js';
import { pickerRows, type PickerRow } from './picker-rows.js';
import { cursorIndex, initialPicker, pickerReducer, shownQuery } from './picker-state.js';
import { PickerTable } from './picker-table.js';
import { usePickerKeys } from './use-picker-keys.js';

export interface PickerProps {
  readonly fleet: FleetSource;
  readonly keymap: Keymap;
  /** Cells wide. */
  readonly width: number;
  /** Rows tall: the picker never draws more. */
  readonly height: number;
  /** The name of the replication being opened: `opening NAME…` shows. @default undefined */
  readonly opening?: string;
  /** Why the last open failed, one line. @default undefined */
  readonly openError?: string;
  /** Enter on a replication. */
  readonly onOpen: (row: PickerRow) => void;
  readonly onQuit: () => void;
  /** Listen to keys. @default true */
  readonly isActive?: boolean;
}

/* The title, the notice line and the footer. */
const CHROME_ROWS = 3;

/**
 * Every replication of the region, to choose one: a title with the region
 * and the poll's age, a line for the fleet's error or what is being
 * opened, the table, and the footer (or the `/` prompt).
 */
export function Picker({ fleet, keymap, width, height, opening, openError, onOpen, onQuit, isActive = true }: PickerProps): ReactNode {
  const snapshot = useSource(fleet);
  const [state, dispatch, latest] = useSyncReducer(pickerReducer, initialPicker);
  const query = shownQuery(state);
  const rows = useMemo(() => pickerRows(snapshot.replications ?? [], query), [snapshot.replications, query]);
  const cursor = cursorIndex(state, rows.map((r) => r.arn));
  const tableRows = Math.max(0, height - CHROME_ROWS);
  usePickerKeys({ keymap, fleet, state: latest, dispatch, pageRows: Math.max(1, tableRows - 2), onOpen, onQuit, isActive });

  const overlay = state.help ? 'help' : state.prompt === undefined ? 'none' : 'filter';
  const context = { view: 'picker', focus: 'log', overlay, canGoBack: false, hasFailures: false, canStart: false, canStop: false } as const;
  const hints = keymap.footerHints(context);
  const total = snapshot.replications?.length;

  const title: Span[] = [
    { text: 'DMS Serverless replications ', bold: true },
    { text: toSafeLine(snapshot.region), token: 'text.dim' },
  ];
  if (total !== undefined) title.push({ text: `  ${query === '' ? formatCount(total) : `${formatCount(rows.length)} of ${formatCount(total)}`}`, token: 'text.dim' });
  if (state.query !== '' && state.prompt === undefined) title.push({ text: `  filter ${toSafeLine(state.query)}`, token: 'text.accent' });
  title.push({ text: '   polled ', token: 'text.dim' });
  title.push(snapshot.lastPollAt === undefined ? { text: 'not yet', token: 'status.transitional' } : { text: `${ageText(snapshot.lastPollAt, snapshot.now)} ago`, token: snapshot.stale ? 'status.warning' : 'text.normal' });
  if (snapshot.stale) title.push({ text: '  (stale)', token: 'status.warning' });

  const notice: Span[] =
    opening !== undefined
      ? [{ text: `${spinnerFrame(snapshot.now)} opening ${toSafeLine(opening)}…`, token: 'status.transitional', bold: true }]
      : openError !== undefined
        ? [{ text: `✗ ${toSafeLine(openError)}`, token: 'status.error', bold: true }]
        : snapshot.error !== undefined
          ? [{ text: `✗ ${toSafeLine(snapshot.error)}`, token: 'status.error', bold: true }]
          : [{ text: ' ' }];

  let body: ReactNode;
  if (snapshot.replications === undefined) body = <Line spans={[{ text: cutCells(`${spinnerFrame(snapshot.now)} loading…`, width), token: 'text.dim' }]} />;
  else if (snapshot.replications.length === 0) body = <Line spans={[{ text: cutCells(`No replications in ${toSafeLine(snapshot.region)}.`, width), token: 'text.dim' }]} />;
  else if (rows.length === 0) body = <Line spans={[{ text: cutCells(`No replication matches "${toSafeLine(query)}".`, width), token: 'text.dim' }]} />;
  else body = <PickerTable rows={rows} cursor={cursor} now={snapshot.now} width={width} height={tableRows} />;

  const helpSections = keymap.helpSections('picker');
  const helpHeight = Math.min(height, helpLines(helpSections).length + 3);
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <Line spans={fitSpans(title, width)} width={width} />
      <Line spans={fitSpans(notice, width)} width={width} />
      <Box flexDirection="column" width={width} height={tableRows} overflowY="hidden">
        {body}
      </Box>
      {state.prompt === undefined ? <Footer hints={hints} width={width} /> : <PromptLine label="filter" text={state.prompt} hints={hints} width={width} />}
      {state.help ? (
        <Over frameWidth={width} frameHeight={height} width={Math.min(width, 72)} height={helpHeight}>
          <HelpOverlay sections={helpSections} width={Math.min(width, 72)} height={helpHeight} />
        </Over>
      ) : null}
    </Box>
  );
}
