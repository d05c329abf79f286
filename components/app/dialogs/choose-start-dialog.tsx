import { memo, type ReactNode } from 'react';
import type { StartType } from '../../../src/actions/action-rules.js';
import { toSafeLine } from '../../../src/parse/safe-text.js';
import type { Span } from '../../panes/line.js';
import { DialogBox } from './dialog-box.js';

export interface ChooseStartDialogProps {
  /** The start types allowed now (DashboardSnapshot.startTypes), the likeliest first. */
  readonly types: readonly StartType[];
  /** The type under the cursor. */
  readonly index: number;
  readonly replication: string;
  /** Cells wide, border included. */
  readonly width: number;
}

/** What each start type does, in the words of the StartReplication API reference. */
export const START_TYPE_MEANING: Readonly<Record<StartType, string>> = {
  'start-replication': 'the first run',
  'resume-processing': 'go on from where it stopped',
  'reload-target': 'load every table again, then replicate',
};

/** Rows the dialog takes for `types`, border included. */
export function chooseStartRows(types: number): number {
  return types + 4;
}

/** The start types to choose from, the cursor on one; Enter goes on to the confirmation. */
function ChooseStartDialogView({ types, index, replication, width }: ChooseStartDialogProps): ReactNode {
  const lines: Span[][] = [[{ text: `Start ${toSafeLine(replication)}: how?`, bold: true }]];
  types.forEach((type, i) => {
    const here = i === index;
    lines.push([
      { text: here ? '▶ ' : '  ', token: 'text.accent', bold: true },
      { text: type, bold: here, inverse: here },
      { text: `  ${START_TYPE_MEANING[type]}`, token: 'text.dim' },
    ]);
  });
  lines.push([
    { text: 'Enter', token: 'text.accent', bold: true },
    { text: ' choose   ' },
    { text: 'Esc', token: 'text.accent', bold: true },
    { text: ' cancel' },
  ]);
  return <DialogBox lines={lines} width={width} />;
}

export const ChooseStartDialog = memo(ChooseStartDialogView);
