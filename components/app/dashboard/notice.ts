import type { DashboardAction } from '../../../src/watch/dashboard-source.js';
import { toSafeLine } from '../../../src/parse/safe-text.js';
import type { ThemeToken } from '../../theme.js';

/** A message of the dashboard's own (an export's result, a search without match), with the clock time it was set. */
export interface LocalNotice {
  readonly text: string;
  readonly tone: 'info' | 'ok' | 'error';
  readonly at: number;
}

/** The notice line's text and look. */
export interface NoticeText {
  readonly text: string;
  readonly token: ThemeToken;
  readonly bold: boolean;
}


export interface NoticeInputs {
  /** The watch cannot go on: stays, in red. */
  readonly fatal?: string | undefined;
  readonly action?: DashboardAction | undefined;
  readonly local?: LocalNotice | undefined;
  /** The launch hint, while it is still shown. */
  readonly hint?: string | undefined;
}

const TONE: Readonly<Record<LocalNotice['tone'], ThemeToken>> = { info: 'text.normal', ok: 'status.ok', error: 'status.error' };
const PHASE: Readonly<Record<DashboardAction['phase'], { readonly mark: string; readonly token: ThemeToken }>> = {
  sending: { mark: '◌', token: 'status.transitional' },
  succeeded: { mark: '✓', token: 'status.ok' },
  failed: { mark: '✗', token: 'status.error' },
};

/**
 * What the line under the header says: a fatal error first (it stays);
 * else the newer of the last action's message and the dashboard's own
 * notice; else the launch hint; else nothing.
 */
export function noticeText({ fatal, action, local, hint }: NoticeInputs): NoticeText | undefined {
  if (fatal !== undefined) return { text: `✗ ${toSafeLine(fatal)}`, token: 'status.error', bold: true };
  const fromAction = action === undefined ? undefined : { at: action.at, text: `${PHASE[action.phase].mark} ${toSafeLine(action.message)}`, token: PHASE[action.phase].token, bold: action.phase === 'failed' };
  const fromLocal = local === undefined ? undefined : { at: local.at, text: toSafeLine(local.text), token: TONE[local.tone], bold: local.tone === 'error' };
  const newest = fromAction === undefined ? fromLocal : fromLocal === undefined || fromAction.at > fromLocal.at ? fromAction : fromLocal;
  if (newest !== undefined) return { text: newest.text, token: newest.token, bold: newest.bold };
  if (hint !== undefined && hint !== '') return { text: `→ ${toSafeLine(hint)}`, token: 'text.accent', bold: false };
  return undefined;
}
