import type { DmsEvent, StateEvent, StatusEvent } from '../events/types.js';
import { replicationKeyOf } from './replication-key.js';

export type SegmentOutcome = 'done' | 'failed' | 'stopped' | 'current';

/** One replication state: when it began, when the next one began, and how it ended. */
export interface TimelineSegment {
  /** The replication's resource id, when the events say. */
  readonly replication?: string;
  /** 1 for the first start, 2 for the next...; 0 before the first start (e.g. `created`). */
  readonly run: number;
  readonly state: string;
  readonly start: number;
  readonly end?: number;
  readonly durationMs?: number;
  readonly outcome: SegmentOutcome;
  /** Exact, as the event carried it: display it through toSafeLine. */
  readonly message?: string;
  /** Exact, as the event carried it: display it through toSafeLine. */
  readonly failureMessage?: string;
}

const TERMINAL = new Set(['stopped', 'failed', 'created', 'deleted']);
/** States that follow a terminal state without being a new start. */
const NOT_A_START = new Set(['stopping', 'stopped', 'failed', 'created', 'deleting', 'deleted']);

interface OpenSegment {
  replication: string | undefined;
  run: number;
  state: string;
  start: number;
  message: string | undefined;
  failureMessage: string | undefined;
}

interface ReplicationTrack {
  run: number;
  segments: OpenSegment[];
  /**
   * `segments[i]` finished, for the i where it was asked for already: a
   * segment with a successor never changes again, so `segments()` called on
   * every update (the live dashboard) only finishes what is new.
   */
  finished: TimelineSegment[];
}

export interface TimelineOptions {
  /** Most segments kept per replication (the newest); a log that flips states forever stays bounded. @default 1000 */
  readonly limit?: number;
}

/**
 * Folds state reports (orchestrator) and status changes (DescribeReplications)
 * into one timeline per replication. Feed events in time order. The two
 * sources report the same states, so a repeat of the current state opens no
 * new segment; it only fills in a failure message the first one lacked.
 */
export class TimelineBuilder {
  private readonly tracks = new Map<string | undefined, ReplicationTrack>();
  private readonly limit: number;
  private dropped = 0;

  constructor(options: TimelineOptions = {}) {
    this.limit = Math.max(2, options.limit ?? 1000);
  }

  /** Segments left out to stay within the limit. */
  get droppedCount(): number {
    return this.dropped;
  }

  add(event: DmsEvent): void {
    if (event.kind !== 'state' && event.kind !== 'status') return;
    this.addState(event);
  }

  /**
   * A copy that folds on by itself (LiveSummary keeps copies to fold again
   * from after a late event). Only each replication's current segment can
   * still change, so only it is copied; the rest is shared.
   */
  clone(): TimelineBuilder {
    const copy = new TimelineBuilder({ limit: this.limit });
    copy.dropped = this.dropped;
    for (const [key, track] of this.tracks) {
      // Finished once, for both: the copy would otherwise finish the same segments again.
      finishTrack(track);
      const segments = track.segments.slice();
      const current = segments[segments.length - 1];
      if (current !== undefined) segments[segments.length - 1] = { ...current };
      copy.tracks.set(key, { run: track.run, segments, finished: track.finished.slice() });
    }
    return copy;
  }

  private addState(event: StateEvent | StatusEvent): void {
    const replication = replicationKeyOf(event);
    const state = event.state.toLowerCase();
    let track = this.tracks.get(replication);
    if (track === undefined) {
      track = { run: 0, segments: [], finished: [] };
      this.tracks.set(replication, track);
    }
    const failureMessage = failureOf(event);
    const current = track.segments[track.segments.length - 1];
    if (current?.state === state) {
      current.failureMessage ??= failureMessage;
      current.message ??= event.message;
      return;
    }
    if (startsRun(state, current?.state, track.run)) track.run += 1;
    track.segments.push({ replication, run: track.run, state, start: event.time, message: event.message, failureMessage });
    if (track.segments.length > this.limit * 2) {
      const cut = track.segments.length - this.limit;
      track.segments = track.segments.slice(cut);
      track.finished = track.finished.slice(cut);
      this.dropped += cut;
    }
  }

  /**
   * The segments, replication by replication, in time order. `now` gives the
   * current segment a running duration (live); without it, it has none.
   */
  segments(now?: number): TimelineSegment[] {
    const out: TimelineSegment[] = [];
    for (const track of this.tracks.values()) {
      const from = Math.max(0, track.segments.length - this.limit);
      const lastIndex = track.segments.length - 1;
      finishTrack(track);
      for (let i = from; i < lastIndex; i++) {
        const seg = track.finished[i];
        if (seg !== undefined) out.push(seg);
      }
      const current = track.segments[lastIndex];
      if (current !== undefined) out.push(finish(current, undefined, now));
    }
    return out;
  }
}

export function selectTimeline(events: Iterable<DmsEvent>, now?: number): TimelineSegment[] {
  const builder = new TimelineBuilder();
  for (const event of events) builder.add(event);
  return builder.segments(now);
}

/** Finishes the segments that have a successor and were not finished yet. */
function finishTrack(track: ReplicationTrack): void {
  const lastIndex = track.segments.length - 1;
  for (let i = track.finished.length; i < lastIndex; i++) {
    const seg = track.segments[i];
    if (seg !== undefined) track.finished.push(finish(seg, track.segments[i + 1], undefined));
  }
}

function failureOf(event: StateEvent | StatusEvent): string | undefined {
  if (event.failureMessage !== undefined && event.failureMessage !== '') return event.failureMessage;
  if (event.kind === 'status' && event.snapshot.failureMessages.length > 0) return event.snapshot.failureMessages.join('; ');
  return undefined;
}

function startsRun(state: string, previous: string | undefined, run: number): boolean {
  if (state === 'initializing') return true;
  if (NOT_A_START.has(state)) return false;
  return run === 0 || (previous !== undefined && TERMINAL.has(previous));
}

function finish(seg: OpenSegment, next: OpenSegment | undefined, now: number | undefined): TimelineSegment {
  const end = next?.start;
  let outcome: SegmentOutcome;
  if (seg.state === 'failed' || next?.state === 'failed') outcome = 'failed';
  else if (seg.state === 'stopped' || seg.state === 'stopping') outcome = 'stopped';
  else if (next === undefined && !TERMINAL.has(seg.state)) outcome = 'current';
  else outcome = 'done';
  const until = end ?? (outcome === 'current' ? now : undefined);
  return {
    ...(seg.replication !== undefined && { replication: seg.replication }),
    run: seg.run,
    state: seg.state,
    start: seg.start,
    ...(end !== undefined && { end }),
    ...(until !== undefined && { durationMs: Math.max(0, until - seg.start) }),
    outcome,
    ...(seg.message !== undefined && { message: seg.message }),
    ...(seg.failureMessage !== undefined && { failureMessage: seg.failureMessage }),
  };
}
