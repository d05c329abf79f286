import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ClockTimer, VirtualClock } from '../clock.js';
import type { FaultSpec } from '../faults.js';
import { mergeFaults } from '../faults.js';
import { AwsError } from '../http/aws-error.js';
import type { JsonInput } from '../http/json-input.js';
import type { ResponseObserver, StreamOperation } from '../http/operation.js';
import { SeededRandom } from '../random.js';
import type { LogStore, StoredLogEvent } from '../world/log-store.js';
import { eventFrame, exceptionFrame } from './event-stream.js';
import { FrameQueue } from './frame-queue.js';
import type { LiveTailRequest } from './live-tail-request.js';
import { readLiveTailRequest, streamMatches } from './live-tail-request.js';

/** At most this many results per `sessionUpdate`; more are sampled (API reference, StartLiveTail). */
export const MAX_RESULTS_PER_UPDATE = 500;

export interface LiveTailDeps {
  readonly logs: LogStore;
  readonly clock: VirtualClock;
  readonly faults: () => FaultSpec;
  readonly observe: ResponseObserver;
}

/** StartLiveTail: validates, then hands the response to a `LiveTailSession`. Also tracks open sessions. */
export class LiveTailService {
  private readonly sessions = new Set<LiveTailSession>();
  /** Sessions begun so far: picks each one's `liveTailRotation` entry. */
  private begun = 0;

  constructor(private readonly deps: LiveTailDeps) {}

  operation(): StreamOperation {
    return {
      kind: 'stream',
      service: 'logs',
      name: 'StartLiveTail',
      open: (input, res, requestId) => {
        this.open(input, res, requestId);
      },
    };
  }

  get openSessions(): number {
    return this.sessions.size;
  }

  /** Event frames (`sessionStart`, `sessionUpdate`) sent to the sessions open now. */
  get framesSent(): number {
    let frames = 0;
    for (const session of this.sessions) frames += session.framesSent;
    return frames;
  }

  /** Bytes the sessions hold for their clients (frame-queue.ts: bounded per session). */
  get queuedBytes(): number {
    let bytes = 0;
    for (const session of this.sessions) bytes += session.queuedBytes;
    return bytes;
  }

  get droppedUpdates(): number {
    let dropped = 0;
    for (const session of this.sessions) dropped += session.droppedUpdates;
    return dropped;
  }

  closeAll(): void {
    for (const session of [...this.sessions]) session.close('destroy');
  }

  private open(input: JsonInput, res: ServerResponse, requestId: string): void {
    const request = readLiveTailRequest(input, this.deps.logs);
    if (this.sessions.size >= this.deps.faults().maxLiveTailSessions) {
      throw new AwsError('LimitExceededException', 'Session limit exceeded: too many concurrent Live Tail sessions.');
    }
    const faults = this.deps.faults();
    const rotation = faults.liveTailRotation ?? [];
    const own = rotation.length === 0 ? faults : mergeFaults(faults, rotation[this.begun % rotation.length]);
    this.begun++;
    const session = new LiveTailSession(request, res, requestId, this.deps, () => this.sessions.delete(session));
    this.sessions.add(session);
    session.begin(own);
  }
}

type CloseHow = 'end' | 'destroy' | 'reset';

/**
 * One Live Tail session: an `initial-response` frame (Python clients need it,
 * src/FACTS.md), `sessionStart`, then a `sessionUpdate` every virtual second with
 * the matching events ingested since the previous one. Only events ingested
 * after the session began are delivered, as in AWS.
 */
class LiveTailSession {
  private readonly timers: ClockTimer[] = [];
  private unsubscribe: (() => void) | undefined;
  private sample: StoredLogEvent[] = [];
  private matchedThisSecond = 0;
  private readonly random: SeededRandom;
  private closed = false;
  /** Set by `stallAfterSeconds`: the connection stays open, nothing more is sent. */
  private stalled = false;
  /** Event frames written (not `initial-response`, which SDK clients do not surface). */
  framesSent = 0;
  /** Frames wait here while the client is not reading; the oldest updates are dropped beyond its limits. */
  private readonly queue: FrameQueue;

  get queuedBytes(): number {
    return this.queue.heldBytes;
  }

  get droppedUpdates(): number {
    return this.queue.dropped;
  }

  constructor(
    private readonly request: LiveTailRequest,
    private readonly res: ServerResponse,
    private readonly requestId: string,
    private readonly deps: LiveTailDeps,
    private readonly onClosed: () => void,
  ) {
    this.random = new SeededRandom(requestId);
    this.queue = new FrameQueue(res);
  }

  begin(faults: FaultSpec): void {
    const { res, deps } = this;
    res.on('close', () => {
      this.queue.close();
      this.cleanUp();
    });
    res.writeHead(200, { 'Content-Type': 'application/vnd.amazon.eventstream', 'x-amzn-RequestId': this.requestId });
    this.send('initial-response', {});
    this.send('sessionStart', {
      requestId: this.requestId,
      sessionId: randomUUID(),
      logGroupIdentifiers: [...this.request.identifiers],
      ...(this.request.logStreamNames === undefined ? {} : { logStreamNames: [...this.request.logStreamNames] }),
      ...(this.request.logStreamNamePrefixes === undefined ? {} : { logStreamNamePrefixes: [...this.request.logStreamNamePrefixes] }),
      ...(this.request.logEventFilterPattern === undefined ? {} : { logEventFilterPattern: this.request.logEventFilterPattern }),
    });
    this.unsubscribe = deps.logs.subscribe((event) => {
      this.hear(event);
    });
    this.timers.push(deps.clock.every(1000, () => {
      this.flushUpdate();
    }));
    this.scheduleFaults(faults);
  }

  close(how: CloseHow): void {
    if (this.closed) return;
    if (how === 'end') this.res.end();
    else if (how === 'reset') this.res.socket?.resetAndDestroy();
    else this.res.destroy();
    this.cleanUp();
  }

  private scheduleFaults(f: FaultSpec): void {
    const after = (seconds: number | undefined, fn: () => void): void => {
      if (seconds !== undefined) this.timers.push(this.deps.clock.after(seconds * 1000, fn));
    };
    after(f.endAfterSeconds, () => {
      this.close('end');
    });
    after(f.resetAfterSeconds, () => {
      this.close('reset');
    });
    after(f.cutMidFrameAfterSeconds, () => {
      const frame = eventFrame('sessionUpdate', { sessionMetadata: { sampled: false }, sessionResults: [] });
      this.res.write(frame.subarray(0, Math.floor(frame.length / 2)));
      this.close('end');
    });
    after(f.stallAfterSeconds, () => {
      this.stalled = true;
    });
    after(f.streamingExceptionAfterSeconds, () => {
      this.sendException('SessionStreamingException', 'An internal error occurred while streaming the session.');
    });
    after(f.maxSessionSeconds, () => {
      this.sendException('SessionTimeoutException', 'Session timed out after reaching the maximum session length.');
    });
  }

  private hear(event: StoredLogEvent): void {
    const identifier = this.request.groups.get(event.group);
    if (identifier === undefined || !streamMatches(this.request, event.stream) || !this.request.matches(event.message)) return;
    // Reservoir sampling keeps a fair sample of 500 without holding every event of a flood.
    this.matchedThisSecond++;
    if (this.sample.length < MAX_RESULTS_PER_UPDATE) {
      this.sample.push(event);
      return;
    }
    const slot = this.random.int(0, this.matchedThisSecond - 1);
    if (slot < MAX_RESULTS_PER_UPDATE) this.sample[slot] = event;
  }

  private flushUpdate(): void {
    const results = this.sample.sort((a, b) => a.seq - b.seq);
    const sampled = this.matchedThisSecond > MAX_RESULTS_PER_UPDATE;
    this.sample = [];
    this.matchedThisSecond = 0;
    this.send(
      'sessionUpdate',
      {
        sessionMetadata: { sampled },
        sessionResults: results.map((e) => ({
          logStreamName: e.stream,
          logGroupIdentifier: this.request.groups.get(e.group) ?? e.group,
          message: e.message,
          timestamp: e.timestamp,
          ingestionTime: e.ingestionTime,
        })),
      },
      results.length,
    );
  }

  private send(member: string, body: Record<string, unknown>, events = 0): void {
    if (this.closed || this.stalled) return;
    this.deps.observe({ kind: 'event', service: 'logs', operation: 'StartLiveTail', member, body });
    this.queue.push(eventFrame(member, body), {
      events,
      droppable: member === 'sessionUpdate',
      onWritten: () => {
        if (member !== 'initial-response') this.framesSent++;
      },
    });
  }

  /** The exception frame goes after what is queued (a slow client still learns why the stream ended), then the end. */
  private sendException(name: string, message: string): void {
    if (this.closed || this.stalled) return;
    const body = { message };
    this.deps.observe({ kind: 'exception', service: 'logs', operation: 'StartLiveTail', member: name, body });
    this.queue.push(exceptionFrame(name, body));
    this.queue.endAfterQueued();
    this.cleanUp();
  }

  private cleanUp(): void {
    if (this.closed) return;
    this.closed = true;
    // An exception frame may still be on its way out (it ends the response itself); anything else is dropped.
    if (this.res.destroyed || this.res.writableEnded) this.queue.close();
    this.unsubscribe?.();
    for (const timer of this.timers) timer.cancel();
    this.onClosed();
  }
}
