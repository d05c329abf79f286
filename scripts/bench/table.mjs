// The printed table: each figure (median, with min-max of the runs) next to
// its goal from issue 9, and PASS or MISS where the goal is a bound.

const fmt = (v, digits) => (v === undefined || v === null ? '' : v >= 10_000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(digits));

/** "median (min-max)" of a { min, median, max }, or a plain number. */
export function figure(s, digits = 1) {
  if (s === undefined || s === null) return undefined;
  if (typeof s === 'number') return fmt(s, digits);
  if (s.min === s.max) return fmt(s.median, digits);
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}-${fmt(s.max, digits)})`;
}

const get = (obj, path) => path.split('.').reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);

/**
 * Rows: [label, key in results (or a function of results and details), goal text, pass(value) or undefined, digits, steady key in details].
 * A bound is judged on the median.
 */
export const ROWS = [
  { section: 'Live ingest, 500 events/s (CPU from process start, start-up included; steady state after the first 5 s beside it)' },
  { label: 'dashboard CPU, % of a core', key: 'live.dashboard.cpuPct', steady: 'live.dashboard.steadyCpuPct', goal: '<= 5', pass: (v) => v <= 5 },
  { label: 'dashboard peak RSS, MB', key: 'live.dashboard.rssMb', digits: 0 },
  { label: 'dashboard frames per second', key: 'live.dashboard.fps', goal: 'one per update is enough' },
  { label: 'Ink renders per second', key: 'live.dashboard.rendersPerSec', detail: true },
  { label: 'Ink render to text p50, ms', key: 'live.dashboard.renderP50Ms', detail: true },
  { label: 'Ink render to text p99, ms', key: 'live.dashboard.renderP99Ms', detail: true },
  { label: 'event to frame p50, ms', key: 'live.dashboard.eventToFrameP50Ms', digits: 0 },
  { label: 'event to frame p99, ms', key: 'live.dashboard.eventToFrameP99Ms', goal: '<= 150', pass: (v) => v <= 150, digits: 0 },
  { label: 'watch --json to a file, CPU %', key: 'live.watchJson.cpuPct', steady: 'live.watchJson.steadyCpuPct' },
  { label: 'AWS CLI start-live-tail, CPU %', key: 'live.awsCli.cpuPct', steady: 'live.awsCli.steadyCpuPct', goal: 'reference (steady ~0.7)' },
  { label: 'AWS CLI peak RSS, MB', key: 'live.awsCli.rssMb', digits: 0 },
  { label: 'dashboard CPU / AWS CLI CPU', key: 'live.cpuRatioToAwsCli', steady: 'live.steadyCpuRatioToAwsCli', goal: '<= 2.5', pass: (v) => v <= 2.5, digits: 2 },
  { label: 'watch in tmux, plain lines, CPU %', key: 'live.terminalLines.cpuPct', steady: 'live.terminalLines.steadyCpuPct', detail: true },
  { section: 'Idle: settled replication, no log traffic' },
  { label: 'dashboard CPU after start-up, %', key: 'idle.cpuPct', goal: '< 0.5', pass: (v) => v < 0.5, digits: 2 },
  { label: 'dashboard CPU, start-up included, %', key: 'idle.cpuPctWithStartup', detail: true, digits: 2 },
  { label: 'Ink renders per second', key: 'idle.rendersPerSec', detail: true, digits: 2 },
  { section: 'Keys under load (flood + 100,000 backfilled events)' },
  { label: 'key to frame p99, ms (j, /, ?)', key: 'keys.p99Ms', goal: '<= 100', pass: (v) => v <= 100, digits: 0 },
  { section: 'Memory: events through store, LiveSummary and the log window' },
  { label: 'RSS at the last point, MB', key: (r) => r.memory?.rssMbAfter?.at(-1)?.[1], goal: '< 250', pass: (v) => v < 250, digits: 0 },
  { label: 'RSS growth once full (2nd half / 1st half)', key: 'memory.growthAfterCap', detail: true, goal: '<= 1.15 (flat)', pass: (v) => v <= 1.15, digits: 2 },
  { section: 'Start-up' },
  { label: 'demo: spawn to first frame with header, ms', key: 'startup.demoFirstFrameMs', goal: '<= 600', pass: (v) => v <= 600, digits: 0 },
  { label: 'dms-live --help to exit, ms', key: 'startup.helpMs', goal: '<= 300', pass: (v) => v <= 300, digits: 0 },
  { label: 'node -e 0 to exit, ms', key: 'startup.nodeMs', detail: true, goal: 'reference', digits: 0 },
  { label: 'aws --version to exit, ms', key: 'startup.awsVersionMs', goal: 'reference (~500)', digits: 0 },
  { label: 'sandbox: spawn to listening, ms', key: 'startup.sandboxListeningMs', detail: true, goal: 'reference', digits: 0 },
  { label: 'sandbox: spawn to its real PostgreSQL ready, ms', key: 'startup.sandboxPostgresReadyMs', detail: true, goal: 'reference', digits: 0 },
  { section: 'Replay of a filter-log-events file' },
  { label: 'dms-live replay --json, events/s', key: 'replay.eventsPerSec', goal: '>= 100,000', pass: (v) => v >= 100_000, digits: 0 },
  { label: 'replay peak RSS, MB', key: 'replay.rssMb', goal: '< 200', pass: (v) => v < 200, digits: 0 },
  { label: "jq -c '.events[]', events/s", key: 'replay.jqEventsPerSec', goal: 'reference', digits: 0 },
  { label: 'jq peak RSS, MB', key: 'replay.jqRssMb', detail: true, digits: 0 },
  { label: 'replay / jq, events/s', key: 'replay.ratioToJq', goal: '> 1', pass: (v) => v > 1, digits: 2 },
];

/** The table as lines. `pending` maps a key to why it has no figure. */
export function renderTable(results, details, pending = {}) {
  const lines = [];
  const cols = [46, 24, 16, 24];
  const row = (a, b, c, d, e) => `  ${a.padEnd(cols[0])} ${b.padStart(cols[1])} ${c.padStart(cols[2])}  ${d.padEnd(cols[3])} ${e}`.trimEnd();
  lines.push(row('', 'median (min-max)', 'steady state', 'goal', ''));
  for (const r of ROWS) {
    if (r.section !== undefined) {
      lines.push('', r.section);
      continue;
    }
    const source = r.detail ? details : results;
    const value = typeof r.key === 'function' ? r.key(results, details) : get(source, r.key);
    const steady = r.steady === undefined ? undefined : get(details, r.steady);
    const median = typeof value === 'number' ? value : value?.median;
    const why = typeof r.key === 'string' ? pending[r.key] ?? pending[r.key.split('.')[0]] : undefined;
    if (median === undefined || median === null) {
      if (r.detail && why === undefined) continue;
      lines.push(row(r.label, why ?? 'not measured', '', r.goal ?? '', ''));
      continue;
    }
    const verdict = r.pass === undefined ? '' : r.pass(median) ? 'PASS' : 'MISS';
    lines.push(row(r.label, figure(value, r.digits ?? 1), figure(steady, r.digits ?? 1) ?? '', r.goal ?? '', verdict));
  }
  return lines;
}
