// Reads a DMS_LIVE_TRACE file (src/watch/trace.ts): when live events
// arrived, when the dashboard was told of them, when frames were written.
import { existsSync, readFileSync } from 'node:fs';
import { percentile } from './stats.mjs';

export function readTrace(file) {
  const trace = { arrivals: [], published: [], frames: [], renders: [] };
  if (!existsSync(file)) return trace;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [kind, at, n] = line.split(' ');
    const t = Number(at);
    if (kind === 'a') trace.arrivals.push({ t, n: Number(n) });
    else if (kind === 'p') trace.published.push(t);
    else if (kind === 'f') trace.frames.push({ t, chars: Number(n) });
    else if (kind === 'r') trace.renders.push({ t, ms: Number(n) });
  }
  for (const list of [trace.arrivals, trace.published, trace.frames, trace.renders]) list.sort((a, b) => (a.t ?? a) - (b.t ?? b));
  return trace;
}

/** Index of the first element of sorted `list` whose time is >= t. */
function firstAtOrAfter(list, t, time) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time(list[mid]) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Frames per second and the delay from each event's arrival to the first
 * frame that can show it, over the window [from, to] (epoch ms): the first
 * frame written after the dashboard was told of a snapshot holding the
 * event (frames before that draw the previous snapshot). Without `p`
 * marks, the first frame after the arrival. Each event counts once, so a
 * batch of 500 weighs 500 times one event. Also Ink's renders (`r`
 * marks): how many a second, and how long each took to turn into text.
 */
export function frameStats(trace, from, to) {
  const frames = trace.frames.filter((f) => f.t >= from && f.t <= to);
  const delays = [];
  let events = 0;
  let unshown = 0;
  for (const a of trace.arrivals) {
    if (a.t < from || a.t > to) continue;
    events += a.n;
    let after = a.t;
    if (trace.published.length > 0) {
      const p = trace.published[firstAtOrAfter(trace.published, a.t, (x) => x)];
      if (p === undefined) {
        unshown += a.n;
        continue;
      }
      after = p;
    }
    const f = trace.frames[firstAtOrAfter(trace.frames, after, (x) => x.t)];
    if (f === undefined) {
      unshown += a.n;
      continue;
    }
    delays.push({ ms: f.t - a.t, n: a.n });
  }
  const renders = trace.renders.filter((r) => r.t >= from && r.t <= to).map((r) => r.ms);
  const seconds = Math.max(0.001, (to - from) / 1000);
  return {
    fps: frames.length / seconds,
    rendersPerSec: renders.length / seconds,
    renderP50Ms: percentile(renders, 0.5),
    renderP99Ms: percentile(renders, 0.99),
    events,
    unshown,
    p50: weightedPercentile(delays, 0.5),
    p99: weightedPercentile(delays, 0.99),
  };
}

/** The q-quantile of { ms, n } delays, each counted n times. */
function weightedPercentile(delays, q) {
  const total = delays.reduce((s, d) => s + d.n, 0);
  if (total === 0) return undefined;
  const sorted = [...delays].sort((a, b) => a.ms - b.ms);
  const want = q * (total - 1);
  let seen = 0;
  for (const d of sorted) {
    seen += d.n;
    if (seen - 1 >= want) return d.ms;
  }
  return sorted[sorted.length - 1].ms;
}

/** The first frame's time, or undefined. */
export function firstFrameAt(trace) {
  return trace.frames[0]?.t;
}

export { percentile };
