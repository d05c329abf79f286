import type { DmsEvent, EventSource, Severity } from '../../../src/events/types.js';
import type { ThemeToken } from '../../theme.js';

/** The short tag each source gets in front of its lines. */
export const SOURCE_TAG: Readonly<Record<EventSource, string>> = {
  dms: 'dms',
  'dms-task': 'task',
  postgres: 'pg',
  api: 'api',
  live: 'live',
  other: 'log',
};

/** Cells the tag column takes, space included. */
export const TAG_CELLS = 5;

export const SEVERITY_TOKEN: Readonly<Record<Severity, ThemeToken>> = {
  info: 'text.normal',
  warning: 'status.warning',
  error: 'status.error',
};

export function sourceToken(event: DmsEvent): ThemeToken {
  return `source.${event.source}`;
}
