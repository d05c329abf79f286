/**
 * DMS_LIVE_TRACE=<file>: timing marks for `npm run bench` (scripts/bench/),
 * which measures how long an event takes from its arrival in the process to
 * the first dashboard frame that shows it, and how many frames a second the
 * dashboard draws. Off by default: without the variable every mark is an
 * empty function, so the live path pays one call and nothing else.
 *
 * The file gets one compact line per mark, appended about once a second and
 * at exit (never a timer: marks flush as they come):
 *
 *     # dms-live trace pid=<pid>
 *     a <ms> <count>   <count> live events reached the process (a Live Tail update, a backfill page)
 *     p <ms>           the dashboard was told of a snapshot holding every event that arrived before it
 *     f <ms> <chars>   a frame was written to the terminal
 *     r <ms> <took>    Ink turned the tree into text, in <took> ms (a frame unchanged
 *                      since the last one is rendered but not written)
 *
 * `<ms>` is wall time in epoch milliseconds taken from the monotonic clock
 * (performance.timeOrigin + performance.now()), so the bench can line the
 * marks up with what it did itself (a key sent, a process spawned).
 */
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Trace {
  readonly enabled: boolean;
  /** `count` live events reached the process. */
  arrived(count: number): void;
  /** Subscribers were told of a snapshot that holds every event arrived so far. */
  published(): void;
  /** A frame of `chars` characters was written to the terminal. */
  frame(chars: number): void;
  /** Ink rendered the tree to text in `ms` (written or not: an unchanged frame is not written). */
  rendered(ms: number): void;
  /** Appends what is buffered to the file now. */
  flush(): void;
}

/** What a trace does when DMS_LIVE_TRACE is not set: nothing. */
const OFF: Trace = Object.freeze({
  enabled: false,
  arrived: () => undefined,
  published: () => undefined,
  frame: () => undefined,
  rendered: () => undefined,
  flush: () => undefined,
});

/** Marks are appended at least this often while they keep coming, and at exit. */
const FLUSH_EVERY_MS = 1000;
const FLUSH_EVERY_LINES = 512;

export interface TraceOptions {
  /** Epoch ms on a monotonic clock. */
  readonly now?: () => number;
  /** Flush at process exit. @default true */
  readonly flushOnExit?: boolean;
}

/** A trace writing to `file`; the no-op trace when `file` is undefined or empty. */
export function createTrace(file: string | undefined, options: TraceOptions = {}): Trace {
  if (file === undefined || file === '') return OFF;
  const now = options.now ?? ((): number => performance.timeOrigin + performance.now());
  let lines: string[] = [`# dms-live trace pid=${process.pid}`];
  let lastFlush = now();
  const flush = (): void => {
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    lines = [];
    try {
      appendFileSync(file, text);
    } catch {
      // A trace is a measuring aid: a file it cannot write must not end the watch.
    }
  };
  const mark = (line: string, at: number): void => {
    lines.push(line);
    if (lines.length >= FLUSH_EVERY_LINES || at - lastFlush >= FLUSH_EVERY_MS) {
      lastFlush = at;
      flush();
    }
  };
  if (options.flushOnExit ?? true) process.on('exit', flush);
  return {
    enabled: true,
    arrived: (count) => {
      const at = now();
      mark(`a ${at.toFixed(1)} ${count}`, at);
    },
    published: () => {
      const at = now();
      mark(`p ${at.toFixed(1)}`, at);
    },
    frame: (chars) => {
      const at = now();
      mark(`f ${at.toFixed(1)} ${chars}`, at);
    },
    rendered: (ms) => {
      const at = now();
      mark(`r ${at.toFixed(1)} ${ms.toFixed(2)}`, at);
    },
    flush,
  };
}

/** The process's trace: on when DMS_LIVE_TRACE names a file. */
export const trace: Trace = createTrace(process.env.DMS_LIVE_TRACE);

// Escape sequences alone (cursor moves, hide/show, synchronized-update
// brackets) are not frames: Ink writes some of those around each frame.
// eslint-disable-next-line no-control-regex
const ESCAPES_ONLY = /^(?:\u001b\[[0-9;?]*[A-Za-z]|\u001b[78]|[\r\n])*$/;

const tracedStreams = new WeakSet<NodeJS.WritableStream>();

/**
 * Marks every write to `stream` that carries text as a frame. Does nothing
 * when the trace is off, so the stream stays untouched.
 */
export function traceTerminalWrites(stream: NodeJS.WritableStream, t: Trace = trace): void {
  // Once per stream: a second launch in one process must not count each frame twice.
  if (!t.enabled || tracedStreams.has(stream)) return;
  tracedStreams.add(stream);
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  const traced = (...args: unknown[]): boolean => {
    const chunk = args[0];
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : '';
    if (text !== '' && !ESCAPES_ONLY.test(text)) t.frame(text.length);
    return write(...args);
  };
  stream.write = traced;
}

/**
 * Ink's `onRender` option marking each render and its time, for the
 * launcher's render options; nothing when the trace is off.
 */
export function traceInkRenders(t: Trace = trace): { onRender?: (metrics: { renderTime: number }) => void } {
  if (!t.enabled) return {};
  return {
    onRender: ({ renderTime }) => {
      t.rendered(renderTime);
    },
  };
}
