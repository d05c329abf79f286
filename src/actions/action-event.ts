import { randomUUID } from 'node:crypto';
import type { ActionEvent, ActionInfo } from '../events/types.js';
import { toSafeLine } from '../parse/safe-text.js';

/** An `action` event: a start or stop dms-live sent, and how it went. Each one unique. */
export function actionEvent(time: number, info: ActionInfo, text: string): ActionEvent {
  const severity = info.outcome === 'failed' ? 'error' : 'info';
  return { kind: 'action', id: `action-${randomUUID()}`, time, source: 'api', severity, text: toSafeLine(text), raw: text, action: info };
}
