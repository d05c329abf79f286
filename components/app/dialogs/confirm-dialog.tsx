import { memo, type ReactNode } from 'react';
import type { StartType } from '../../../src/actions/action-rules.js';
import { toSafeLine } from '../../../src/parse/safe-text.js';
import type { Span } from '../../panes/line.js';
import { DialogBox } from './dialog-box.js';

/** What a confirmation asks to do. */
export type ConfirmAction = { readonly name: 'stop' } | { readonly name: 'start'; readonly startType: StartType };

export interface ConfirmDialogProps {
  readonly action: ConfirmAction;
  /** The replication's name. */
  readonly replication: string;
  /** Cells wide, border included. */
  readonly width: number;
}

/** `Stop replication NAME? y/N`: the question a confirmation asks, naming the replication and the action. */
export function confirmQuestion(action: ConfirmAction, replication: string): string {
  const name = toSafeLine(replication);
  return action.name === 'stop' ? `Stop replication ${name}? y/N` : `Start replication ${name} (${action.startType})? y/N`;
}

export function confirmLines(action: ConfirmAction, replication: string): Span[][] {
  return [
    [{ text: confirmQuestion(action, replication), bold: true }],
    [{ text: action.name === 'stop' ? 'DMS stops replicating until it is started again.' : 'DMS provisions capacity and starts replicating.', token: 'text.dim' }],
    [
      { text: 'y', token: 'text.accent', bold: true },
      { text: ' yes   ' },
      { text: 'n Esc Enter', token: 'text.accent', bold: true },
      { text: ' no (the default)' },
    ],
  ];
}

/** Rows the dialog takes, border included. */
export const CONFIRM_DIALOG_ROWS = 5;

/**
 * The confirmation of a start or stop, drawn over the panes (which keep
 * updating under it): it names the replication and the action and
 * defaults to No.
 */
function ConfirmDialogView({ action, replication, width }: ConfirmDialogProps): ReactNode {
  return <DialogBox lines={confirmLines(action, replication)} width={width} tone={action.name === 'stop' ? 'status.warning' : 'border.focused'} />;
}

export const ConfirmDialog = memo(ConfirmDialogView);
