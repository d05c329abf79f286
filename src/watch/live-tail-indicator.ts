import type { SessionEvent } from '../events/types.js';
import type { LiveTailState } from '../sources/live-tail-options.js';
import type { DashboardSnapshot } from './dashboard-source.js';

/**
 * What the Live Tail session last said about itself, from its session
 * events (src/sources/live-tail-source.ts emits one for every change): the
 * header shows the state with the reason behind it. Texts are session
 * event texts, terminal-safe already (src/sources/session-event.ts).
 */
export class LiveTailNotes {
  /** The newest `sessionUpdate` said CloudWatch samples (more than 500 events/s matched). */
  private sampled = false;
  private reconnecting: string | undefined;
  private paused: string | undefined;
  private failed: string | undefined;
  private missing: string | undefined;

  note(event: SessionEvent): void {
    const info = event.session;
    switch (info.event) {
      case 'sampled':
        this.sampled = info.sampled === true;
        break;
      case 'reconnecting':
        this.reconnecting = event.text;
        break;
      case 'idle':
        this.paused = event.text;
        break;
      case 'error':
        // Poll errors are session events too; only Live Tail's own say why it failed.
        if (event.text.startsWith('Live Tail') || info.action === 'logs:StartLiveTail') this.failed = event.text;
        break;
      case 'warning':
        if (info.groups !== undefined && info.groups.length > 0) this.missing = event.text;
        break;
      default:
        break;
    }
  }

  /**
   * The header's Live Tail indicator. `tail` is the session's source, if
   * one runs; without one, it is `connecting` while the log groups are
   * being looked for, else `off` (no group exists yet).
   */
  indicator(tail: { readonly state: LiveTailState; readonly eventsPerSecond: number } | undefined, discovering: boolean): DashboardSnapshot['liveTail'] {
    if (tail === undefined) {
      if (discovering) return { state: 'connecting' };
      return { state: 'off', reason: this.missing ?? 'no log group to tail yet' };
    }
    const eventsPerSecond = tail.eventsPerSecond;
    switch (tail.state) {
      case 'starting':
        return { state: 'connecting' };
      case 'live':
        return { state: this.sampled ? 'sampled' : 'live', eventsPerSecond };
      case 'reconnecting':
        return { state: 'reconnecting', eventsPerSecond, ...(this.reconnecting === undefined ? {} : { reason: this.reconnecting }) };
      case 'suspended':
        return { state: 'paused', ...(this.paused === undefined ? {} : { reason: this.paused }) };
      case 'failed':
        return { state: 'failed', reason: this.failed ?? 'Live Tail cannot run' };
      case 'stopped':
        return { state: 'off' };
    }
  }
}
