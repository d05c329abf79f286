/**
 * How the dashboard divides the terminal, as numbers: every part gets an
 * explicit height, and they add up to one row less than the terminal (a
 * frame as tall as the terminal makes Ink clear the screen on every
 * update, which flickers). Pure, so every size can be tested without Ink.
 */
import type { TerminalSize } from '../../hooks/use-terminal-size.js';
import { failureCardRows } from '../../panes/failures/failure-card.js';

/** Below this the panes cannot show a useful row: one line says so instead. */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;
/** From this width the timeline and the connections stand side by side. */
export const WIDE_COLUMNS = 120;

/** A bordered pane's box, border included; height 0 when it is left out. */
export interface PaneBox {
  readonly width: number;
  readonly height: number;
}

export interface PanesLayout {
  readonly kind: 'wide' | 'narrow';
  /** The frame: the terminal's width, one row less than its height. */
  readonly width: number;
  readonly height: number;
  readonly header: number;
  readonly notice: number;
  /** The failure card's rows, border included (0 without failures). */
  readonly failures: number;
  /** Wide: side by side (same height); narrow: stacked. */
  readonly timeline: PaneBox;
  readonly connections: PaneBox;
  readonly log: PaneBox;
  readonly footer: number;
}

export interface TinyLayout {
  readonly kind: 'tiny';
  readonly width: number;
  readonly height: number;
  /** The one line shown instead of the dashboard. */
  readonly message: string;
}

export type DashboardLayout = PanesLayout | TinyLayout;

/** A bordered pane's least height: its border and one row. */
export const PANE_MIN = 3;
const HEADER = 2;
const NOTICE = 1;
const FOOTER = 1;
/* A failure card shows at least one failure (its border, heading and three rows). */
const CARD_MIN = failureCardRows(1);
const PER_FAILURE = failureCardRows(2) - CARD_MIN;

function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, n));
}

/**
 * The layout for a terminal of `size` with `failures` failures to show
 * (the card asks for what they need, at most about two fifths of the room,
 * and always has room for one: a failure must not be missed).
 */
export function dashboardLayout(size: TerminalSize, failures: number): DashboardLayout {
  const width = Math.max(0, Math.floor(size.columns));
  const height = Math.max(0, Math.floor(size.rows) - 1);
  if (width < MIN_COLUMNS || size.rows < MIN_ROWS) {
    return { kind: 'tiny', width, height, message: `The terminal is too small (${String(width)}×${String(Math.floor(size.rows))}): dms-live needs at least ${String(MIN_COLUMNS)}×${String(MIN_ROWS)}.` };
  }
  const body = height - HEADER - NOTICE - FOOTER;
  const room = failures > 0 ? clamp(Math.min(failureCardRows(failures), Math.floor(body * 0.4)), CARD_MIN, Math.max(CARD_MIN, body - PANE_MIN)) : 0;
  // Whole failures only: the card draws no more rows than its failures fill.
  const card = room === 0 ? 0 : CARD_MIN + PER_FAILURE * Math.floor((room - CARD_MIN) / PER_FAILURE);
  const rest = body - card;
  const base = { width, height, header: HEADER, notice: NOTICE, failures: card, footer: FOOTER };
  if (width >= WIDE_COLUMNS) {
    // Timeline and connections side by side above the log; the log keeps at least as many rows as they do.
    const top = rest >= 2 * PANE_MIN ? clamp(Math.round(rest * 0.4), PANE_MIN, Math.min(16, rest - PANE_MIN)) : 0;
    const timelineWidth = Math.floor(width * 0.45);
    return {
      kind: 'wide',
      ...base,
      timeline: { width: top === 0 ? 0 : timelineWidth, height: top },
      connections: { width: top === 0 ? 0 : width - timelineWidth, height: top },
      log: { width, height: rest - top },
    };
  }
  // Stacked, smaller: the log first, then the timeline, then the connections, when rows run short.
  let timeline = 0;
  let connections = 0;
  if (rest >= 3 * PANE_MIN) {
    timeline = clamp(Math.round(rest * 0.3), PANE_MIN, 12);
    connections = clamp(Math.round(rest * 0.25), PANE_MIN, 10);
  } else if (rest >= 2 * PANE_MIN) {
    timeline = PANE_MIN;
  }
  return {
    kind: 'narrow',
    ...base,
    timeline: { width, height: timeline },
    connections: { width, height: connections },
    log: { width, height: rest - timeline - connections },
  };
}

/** Rows the layout takes: never more than its frame. */
export function layoutRows(layout: PanesLayout): number {
  const middle = layout.kind === 'wide' ? layout.timeline.height : layout.timeline.height + layout.connections.height;
  return layout.header + layout.notice + layout.failures + middle + layout.log.height + layout.footer;
}
