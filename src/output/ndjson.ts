import type { DmsEvent } from '../events/types.js';
import { isValidTime } from './format.js';

/**
 * One event as one NDJSON line (the `--json` output of every command).
 * Fields that do not apply are left out; the order is fixed so output diffs
 * and greps well. Built by hand rather than through an intermediate object
 * and one `JSON.stringify`: this runs once per event, and `replay --json`
 * must keep above 100,000 events/s.
 */
export function toNdjsonLine(event: DmsEvent): string {
  let s = `{"time":"${isoTime(event.time)}","id":${str(event.id)},"source":"${event.source}","kind":"${event.kind}","severity":"${event.severity}","text":${str(event.text)}`;
  switch (event.kind) {
    case 'state':
      s += `,"state":${str(event.state)}${opt('message', event.message)}${opt('failureMessage', event.failureMessage)}`;
      if (event.extra !== undefined) s += `,"extra":${record(event.extra)}`;
      if (event.truncated === true) s += ',"truncated":true';
      break;
    case 'status':
      s += `,"state":${str(event.state)}${opt('message', event.message)}${opt('failureMessage', event.failureMessage)}`;
      s += `${opt('stopReason', event.snapshot.stopReason)},"replicationConfigArn":${str(event.snapshot.configArn)},"changes":${JSON.stringify(event.changes)}`;
      break;
    case 'connection': {
      const c = event.connection;
      const pg = event.pg;
      s += `,"connection":{"event":"${c.event}"${opt('user', c.user ?? pg.user)}${opt('database', c.database ?? pg.database)}${opt('host', c.host ?? pg.host)}`;
      s += `${num('port', c.port ?? pg.port)}${num('pid', c.pid ?? pg.pid)}${opt('method', c.method)}${bool('replication', c.replication)}`;
      s += `${bool('ssl', c.ssl)}${opt('application', c.application)}${num('sessionMs', c.sessionMs)}${opt('reason', c.reason)}}`;
      break;
    }
    case 'task':
      s += `,"component":${str(event.component)}`;
      break;
    case 'log':
      break;
    case 'session': {
      const x = event.session;
      s += `,"session":{"event":"${x.event}"${opt('reason', x.reason)}${x.groups === undefined ? '' : `,"groups":[${x.groups.map(str).join(',')}]`}`;
      s += `${num('count', x.count)}${num('cut', x.cut)}${bool('sampled', x.sampled)}${num('eventsPerSecond', x.eventsPerSecond)}`;
      s += `${num('billedMinutes', x.billedMinutes)}${num('attempt', x.attempt)}${num('retryInMs', x.retryInMs)}${opt('action', x.action)}}`;
      break;
    }
    case 'action': {
      const a = event.action;
      s += `,"action":{"name":"${a.name}","outcome":"${a.outcome}","replicationConfigArn":${str(a.replicationConfigArn)}`;
      s += `${opt('startType', a.startType)}${opt('status', a.status)}${opt('error', a.error)}}`;
      break;
    }
  }
  s += `,"raw":${str(event.raw)}${num('cutBytes', event.cutBytes)}${opt('logGroup', event.logGroup)}${opt('logStream', event.logStream)}}\n`;
  return s;
}

/**
 * Characters JSON.stringify leaves raw that a terminal would still act on:
 * DEL, C1 controls (0x9b is a one-byte CSI), bidi overrides and isolates,
 * and the line/paragraph separators. Escaping them keeps valid JSON with
 * the same value, so `raw` and the exact fields (`message`,
 * `failureMessage`, `extra`, `connection.reason`) decode to the text as
 * the log wrote it, while the NDJSON itself stays safe to look at.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_IN_JSON_ALL = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function safeJsonString(text: string): string {
  const json = JSON.stringify(text);
  if (!UNSAFE_IN_JSON.test(json)) return json;
  return json.replace(UNSAFE_IN_JSON_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Anything that needs escaping in JSON or for a terminal. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Most fields need no escaping at all: one test, then a plain quote. */
function str(text: string): string {
  return NEEDS_ESCAPE.test(text) ? safeJsonString(text) : `"${text}"`;
}

function opt(name: string, value: string | undefined): string {
  return value === undefined ? '' : `,"${name}":${str(value)}`;
}

function record(values: Readonly<Record<string, string>>): string {
  let s = '';
  for (const [key, value] of Object.entries(values)) s += `${s === '' ? '' : ','}${str(key)}:${str(value)}`;
  return `{${s}}`;
}

function num(name: string, value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '' : `,"${name}":${String(value)}`;
}

function bool(name: string, value: boolean | undefined): string {
  return value === undefined ? '' : `,"${name}":${String(value)}`;
}

/** ISO 8601 UTC; the date-time part is cached per second, as consecutive events share it. */
let cachedSecond = Number.NaN;
let cachedPrefix = '';
function isoTime(raw: number): string {
  if (!isValidTime(raw)) return new Date(0).toISOString();
  const time = Math.floor(raw);
  const second = Math.floor(time / 1000);
  if (second !== cachedSecond) {
    const iso = new Date(second * 1000).toISOString();
    if (!iso.endsWith('.000Z')) return new Date(time).toISOString();
    cachedSecond = second;
    cachedPrefix = iso.slice(0, -4);
  }
  return `${cachedPrefix}${String(time - second * 1000).padStart(3, '0')}Z`;
}
