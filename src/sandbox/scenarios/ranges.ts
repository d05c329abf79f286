/**
 * One documented range for every number a sandbox flag or scenario field
 * takes (README: "Ranges"; `dms-live sandbox --help`). Values outside used
 * to hang the sandbox (`--speed 1e9`, `checkpointEverySeconds: 0.000001`),
 * flood it (`--rate 1e12`) or crash it (`historyEndedSecondsAgo: 1e15` is
 * not a date): now they are one line naming the flag or field, exit code 2.
 */

export interface NumberRange {
  readonly min: number;
  readonly max: number;
  /** Whole numbers only. */
  readonly integer?: boolean;
  /** 0 is allowed too, below `min`: it turns the feature off. */
  readonly zeroTurnsOff?: boolean;
  /** What the bounds are, in a few words, e.g. `10 years`. */
  readonly note?: string;
}

/** Ten years of 365 days: room for any history or timer, and every date it makes is a valid Date. */
const TEN_YEARS_SECONDS = 10 * 365 * 24 * 60 * 60;

/** The maximum DCU count of a DMS Serverless replication. */
const MAX_DCU = 384;

export const RANGES = {
  /** Virtual ms per wall ms. Slower than 0.1 is a frozen demo; faster than 1000 outruns any machine's timers. */
  speed: { min: 0.1, max: 1000 },
  /** Flood lines per virtual second: 20,000 is 40 times what one Live Tail update carries. */
  rate: { min: 1, max: 20_000, note: 'events per virtual second' },
  /** Any time in seconds: a step's `at`, a history's age, a fault's start or length. */
  seconds: { min: 0, max: TEN_YEARS_SECONDS, note: '10 years' },
  /** PostgreSQL's checkpoint_timeout runs from 30 s to 1 day; below 1 s the checkpointer would flood the log. */
  checkpointEverySeconds: { min: 1, max: 86_400, zeroTurnsOff: true, note: "1 day, PostgreSQL's longest checkpoint_timeout" },
  listenPort: { min: 0, max: 65_535, integer: true },
  endpointPort: { min: 1, max: 65_535, integer: true },
  rows: { min: 0, max: 1_000_000_000, integer: true },
  tableCount: { min: 0, max: 1_000_000_000, integer: true },
  capacity: { min: 1, max: MAX_DCU, integer: true },
  capacityUnits: { min: 0, max: MAX_DCU, integer: true },
  percent: { min: 0, max: 100, integer: true },
  /** The CloudWatch Logs quota is 15 by default; more than 100 open sessions is no test of anything. */
  liveTailSessions: { min: 0, max: 100, integer: true },
  throttleEvery: { min: 1, max: 1_000_000, integer: true },
  delayMs: { min: 0, max: 3_600_000, note: '1 hour' },
} as const satisfies Readonly<Record<string, NumberRange>>;

/** Lists in a scenario hold at most this many items. */
export const MAX_LIST_ITEMS = 1000;

/** A replication's `history` replays at most this many phases at start. */
export const MAX_HISTORY_PHASES = 10;

/** Scenario files larger than this are refused before they are read. */
export const MAX_SCENARIO_FILE_BYTES = 10 * 1024 * 1024;

export function inRange(value: number, range: NumberRange): boolean {
  if (!Number.isFinite(value)) return false;
  if (range.zeroTurnsOff === true && value === 0) return true;
  if (range.integer === true && !Number.isInteger(value)) return false;
  return value >= range.min && value <= range.max;
}

/** `a number between 0.1 and 1000`, `0 (off) or a number between 1 and 86400 (1 day, ...)`. */
export function describeRange(range: NumberRange): string {
  const kind = range.integer === true ? 'a whole number' : 'a number';
  const text = `${kind} between ${range.min} and ${range.max}${range.note === undefined ? '' : ` (${range.note})`}`;
  return range.zeroTurnsOff === true ? `0 (off) or ${text}` : text;
}

/** The short form for tables and help: `0.1 to 1000`, `0 (off), or 1 to 86400`. */
export function rangeSpan(range: NumberRange): string {
  const span = `${range.min} to ${range.max}${range.integer === true ? ', whole' : ''}`;
  return range.zeroTurnsOff === true ? `0 (off), or ${span}` : span;
}

/**
 * Every documented flag and field with its range, in the order the help and
 * the README list them. `--fault` values take the `faults.` ranges.
 */
export const DOCUMENTED_RANGES: readonly (readonly [string, NumberRange])[] = [
  ['--speed, speed', RANGES.speed],
  ['--rate, flood.rate', RANGES.rate],
  ['--port', RANGES.listenPort],
  ['endpoints[].port', RANGES.endpointPort],
  ['checkpointEverySeconds', RANGES.checkpointEverySeconds],
  ['tables[].rows', RANGES.rows],
  ['capacity.min, max, provisioned', RANGES.capacity],
  ['every time in seconds: at, historyEndedSecondsAgo, autoStartAfterSeconds, sessionSeconds, durationSeconds, the faults\' *Seconds, serverErrors', RANGES.seconds],
  ['view.capacityUnits', RANGES.capacityUnits],
  ['view.fullLoadProgressPercent', RANGES.percent],
  ['view.tablesLoaded, tablesLoading, tablesQueued, tablesErrored', RANGES.tableCount],
  ['faults.maxLiveTailSessions', RANGES.liveTailSessions],
  ['faults.throttleEvery', RANGES.throttleEvery],
  ['faults.delayMs', RANGES.delayMs],
];

/** The limits that are not numbers, said once for the help and the README. */
export const SIZE_LIMITS = `lists at most ${MAX_LIST_ITEMS} items, history at most ${MAX_HISTORY_PHASES} phases, scenario files at most ${MAX_SCENARIO_FILE_BYTES / 1024 / 1024} MB`;
