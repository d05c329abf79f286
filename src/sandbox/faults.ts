import { FieldReader, ScenarioError } from './scenarios/field-reader.js';
import { RANGES } from './scenarios/ranges.js';

/**
 * Faults the sandbox can inject, per scenario (`faults:`) or per flag
 * (`--fault name=value`). All times are virtual (scaled by `--speed`).
 * Live Tail times count from each session's start; `serverErrors` from the
 * sandbox's start. Documented in scenarios/README.md.
 */
export interface FaultSpec {
  /** Live Tail: end the HTTP body cleanly after N seconds. */
  readonly endAfterSeconds?: number;
  /** Live Tail: write half of a frame, then end the body, after N seconds. */
  readonly cutMidFrameAfterSeconds?: number;
  /** Live Tail: reset the TCP connection after N seconds. */
  readonly resetAfterSeconds?: number;
  /** Live Tail: send a `SessionStreamingException` frame, then end, after N seconds. */
  readonly streamingExceptionAfterSeconds?: number;
  /** Live Tail: stop sending frames after N seconds, keeping the connection open (a dead stream only a heartbeat watchdog notices). */
  readonly stallAfterSeconds?: number;
  /**
   * Live Tail: per-session faults in turn: the n-th session (from 0) takes
   * entry n mod length, layered over the faults above. A storm of different
   * disconnects in one run.
   */
  readonly liveTailRotation?: readonly LiveTailFaults[];
  /** Live Tail: the session's maximum length; then `SessionTimeoutException`. AWS: 3 hours. */
  readonly maxSessionSeconds: number;
  /** Live Tail: concurrent sessions allowed before `LimitExceededException`. */
  readonly maxLiveTailSessions: number;
  /** DMS: every k-th DMS call is answered `ThrottlingException`. */
  readonly throttleEvery?: number;
  /** Every call is answered HTTP 500 `InternalFailure` from `afterSeconds` for `forSeconds`. */
  readonly serverErrors?: { readonly afterSeconds: number; readonly forSeconds: number };
  /** Every answer is delayed by this many (virtual) milliseconds. */
  readonly delayMs?: number;
  /** Operations answered `AccessDeniedException`, e.g. `StartReplication`. */
  readonly denyActions?: readonly string[];
}

/** The faults one Live Tail session can take from `liveTailRotation`. */
export type LiveTailFaults = Partial<Pick<FaultSpec, (typeof SECONDS_KEYS)[number]>>;

export const DEFAULT_FAULTS: FaultSpec = {
  maxSessionSeconds: 3 * 60 * 60,
  // The CloudWatch Logs quota for concurrent Live Tail sessions.
  maxLiveTailSessions: 15,
};

const SECONDS_KEYS = [
  'endAfterSeconds',
  'cutMidFrameAfterSeconds',
  'resetAfterSeconds',
  'streamingExceptionAfterSeconds',
  'stallAfterSeconds',
  'maxSessionSeconds',
] as const;

export const FAULT_NAMES = [...SECONDS_KEYS, 'liveTailRotation', 'maxLiveTailSessions', 'throttleEvery', 'serverErrors', 'delayMs', 'denyActions'] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Reads a scenario's `faults:` mapping. */
export function readFaults(value: unknown, path: string): Partial<FaultSpec> {
  const r = new FieldReader(value, path, FAULT_NAMES);
  const out: Partial<Mutable<FaultSpec>> = {};
  for (const key of SECONDS_KEYS) {
    const v = r.number(key, RANGES.seconds);
    if (v !== undefined) out[key] = v;
  }
  const sessions = r.number('maxLiveTailSessions', RANGES.liveTailSessions);
  if (sessions !== undefined) out.maxLiveTailSessions = sessions;
  const every = r.number('throttleEvery', RANGES.throttleEvery);
  if (every !== undefined) out.throttleEvery = every;
  const delay = r.number('delayMs', RANGES.delayMs);
  if (delay !== undefined) out.delayMs = delay;
  const errors = r.child('serverErrors', ['afterSeconds', 'forSeconds']);
  if (errors !== undefined) {
    out.serverErrors = { afterSeconds: errors.number('afterSeconds', RANGES.seconds) ?? 0, forSeconds: errors.number('forSeconds', RANGES.seconds) ?? 0 };
  }
  const deny = r.stringList('denyActions');
  if (deny !== undefined) out.denyActions = deny;
  const rotation = r.list('liveTailRotation', readLiveTailFaults);
  if (rotation !== undefined) out.liveTailRotation = rotation;
  return out;
}

function readLiveTailFaults(value: unknown, path: string): LiveTailFaults {
  const r = new FieldReader(value, path, SECONDS_KEYS);
  const out: Mutable<LiveTailFaults> = {};
  for (const key of SECONDS_KEYS) {
    const v = r.number(key, RANGES.seconds);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** `liveTailRotation=endAfterSeconds:7,stallAfterSeconds:5+maxSessionSeconds:60,none`: entries by commas, faults of one entry by `+`. */
function parseRotation(text: string, value: string): LiveTailFaults[] {
  return value.split(',').map((entry) => {
    const out: Record<string, number> = {};
    if (entry.trim() === 'none') return out;
    for (const part of entry.split('+')) {
      const m = /^\s*(\w+):(\d+(?:\.\d+)?)\s*$/.exec(part);
      if (m?.[1] === undefined || m[2] === undefined) {
        throw new ScenarioError(`--fault ${text}: expected entries like endAfterSeconds:7 or stallAfterSeconds:5+maxSessionSeconds:60 (or none), separated by commas`);
      }
      out[m[1]] = Number(m[2]);
    }
    return out;
  });
}

/**
 * Parses one `--fault name=value` flag: seconds and counts as numbers,
 * `serverErrors=AFTER:FOR` (seconds), `denyActions=StartReplication,StopReplication`.
 * Throws a `ScenarioError` with a one-line message.
 */
export function parseFaultFlag(text: string): Partial<FaultSpec> {
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  const value = eq < 0 ? '' : text.slice(eq + 1);
  if (!(FAULT_NAMES as readonly string[]).includes(name)) {
    throw new ScenarioError(`--fault ${text}: unknown fault "${name}" (expected one of ${FAULT_NAMES.join(', ')})`);
  }
  if (value === '') throw new ScenarioError(`--fault ${text}: needs a value, e.g. ${name}=${example(name)}`);
  let parsed: unknown;
  if (name === 'serverErrors') {
    const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(value);
    if (m === null) throw new ScenarioError(`--fault ${text}: expected serverErrors=AFTER:FOR in seconds, e.g. serverErrors=30:20`);
    parsed = { afterSeconds: Number(m[1]), forSeconds: Number(m[2]) };
  } else if (name === 'denyActions') {
    parsed = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  } else if (name === 'liveTailRotation') {
    parsed = parseRotation(text, value);
  } else {
    parsed = Number(value);
    if (value.trim() === '' || Number.isNaN(parsed)) throw new ScenarioError(`--fault ${text}: "${value}" is not a number`);
  }
  try {
    return readFaults({ [name]: parsed }, '--fault');
  } catch (err) {
    if (err instanceof ScenarioError) throw new ScenarioError(`--fault ${text}: ${err.message.replace(/^--fault\.\w+: /, '')}`);
    throw err;
  }
}

function example(name: string): string {
  if (name === 'serverErrors') return '30:20';
  if (name === 'denyActions') return 'StartReplication';
  if (name === 'liveTailRotation') return 'endAfterSeconds:7,stallAfterSeconds:5';
  return '10';
}

/** Layers fault settings: later ones win. */
export function mergeFaults(...layers: readonly (Partial<FaultSpec> | undefined)[]): FaultSpec {
  let out: FaultSpec = DEFAULT_FAULTS;
  for (const layer of layers) if (layer !== undefined) out = { ...out, ...stripUndefined(layer) };
  return out;
}

function stripUndefined(layer: Partial<FaultSpec>): Partial<FaultSpec> {
  const entries: [string, unknown][] = Object.entries(layer);
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}
