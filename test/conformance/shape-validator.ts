import type { MemberRef, ServiceModel, ShapeDef } from './service-model.js';

/** What is wrong, so a test can tell a known deviation (an enum's case) from a real mismatch. */
export type ProblemKind = 'type' | 'required' | 'unknown-member' | 'enum' | 'range' | 'union' | 'event-stream';

export interface ShapeProblem {
  /** Where in the value: `$.Replications[0].Status`. */
  readonly path: string;
  /** The shape the value was checked against. */
  readonly shape: string;
  readonly kind: ProblemKind;
  readonly message: string;
}

// Plausible epoch times (2000-01-01 to 2100-01-01): a seconds/milliseconds
// mix-up lands a factor of 1000 outside this range.
const EPOCH_SECONDS_MIN = 946_684_800;
const EPOCH_SECONDS_MAX = 4_102_444_800;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Walks a JSON value (as a JSON 1.1 body carries it) against a botocore shape
 * and returns every mismatch: structure members (unknown members are
 * errors), `required`, `union`, types (integer/long must be integers,
 * timestamps epoch-second numbers, the Logs `Timestamp` long epoch
 * milliseconds), enums, and `min`/`max` on lengths and numbers. String
 * `pattern`s are not checked: they are written for Java regexes and only
 * constrain requests in practice.
 */
export function validateShape(model: ServiceModel, shapeName: string, value: unknown, path = '$'): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  walk(model, shapeName, value, path, problems);
  return problems;
}

function walk(model: ServiceModel, shapeName: string, value: unknown, path: string, problems: ShapeProblem[]): void {
  const shape = model.shape(shapeName);
  const report = (kind: ProblemKind, message: string): void => {
    problems.push({ path, shape: shapeName, kind, message });
  };
  if (value === null) {
    // Botocore and the JS SDK read a null member as absent, but AWS omits absent members.
    report('type', `null where a ${shape.type} belongs (AWS leaves absent members out)`);
    return;
  }
  switch (shape.type) {
    case 'structure':
      walkStructure(model, shapeName, shape, value, path, problems);
      return;
    case 'list':
      if (!Array.isArray(value)) {
        report('type', `${describeValue(value)} where a list belongs`);
        return;
      }
      checkLength(shape, value.length, report);
      value.forEach((item: unknown, i) => {
        walk(model, requireRef(shape.member, shapeName).shape, item, `${path}[${i}]`, problems);
      });
      return;
    case 'map':
      if (!isRecord(value)) {
        report('type', `${describeValue(value)} where a map belongs`);
        return;
      }
      checkLength(shape, Object.keys(value).length, report);
      for (const [key, item] of Object.entries(value)) {
        walk(model, requireRef(shape.key, shapeName).shape, key, `${path}{key ${JSON.stringify(key)}}`, problems);
        walk(model, requireRef(shape.value, shapeName).shape, item, `${path}[${JSON.stringify(key)}]`, problems);
      }
      return;
    case 'string':
      if (typeof value !== 'string') {
        report('type', `${describeValue(value)} where a string belongs`);
        return;
      }
      checkLength(shape, value.length, report);
      if (shape.enum !== undefined && !shape.enum.includes(value)) {
        report('enum', `${JSON.stringify(value)} is not one of ${shape.enum.map((e) => JSON.stringify(e)).join(', ')}`);
      }
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        report('type', `${describeValue(value)} where an ${shape.type} belongs`);
        return;
      }
      if (shape.type === 'integer' && (value < INT32_MIN || value > INT32_MAX)) report('range', `${value} does not fit a 32-bit integer`);
      if (shape.type === 'long' && !Number.isSafeInteger(value)) report('range', `${value} is not exactly representable`);
      checkNumber(shape, value, report);
      if (model.isEpochMillis(shapeName) && !isEpoch(value / 1000)) report('range', `${value} is not epoch milliseconds (years 2000-2100)`);
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        report('type', `${describeValue(value)} where a ${shape.type} belongs`);
        return;
      }
      checkNumber(shape, value, report);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') report('type', `${describeValue(value)} where a boolean belongs`);
      return;
    case 'timestamp':
      checkTimestamp(shape, value, report);
      return;
    case 'blob':
      if (typeof value !== 'string' || !BASE64.test(value)) report('type', `${describeValue(value)} where a base64 blob belongs`);
      return;
  }
}

function walkStructure(model: ServiceModel, shapeName: string, shape: ShapeDef, value: unknown, path: string, problems: ShapeProblem[]): void {
  const report = (kind: ProblemKind, message: string, at = path): void => {
    problems.push({ path: at, shape: shapeName, kind, message });
  };
  if (!isRecord(value)) {
    report('type', `${describeValue(value)} where a structure belongs`);
    return;
  }
  const members = shape.members ?? {};
  for (const [name, item] of Object.entries(value)) {
    const member = members[name];
    const at = `${path}.${name}`;
    if (member === undefined) {
      report('unknown-member', `${name} is not a member of ${shapeName}`, at);
    } else if (member.location !== undefined) {
      report('unknown-member', `${name} is bound to the HTTP ${member.location}, not the JSON body`, at);
    } else if (model.shape(member.shape).eventstream === true) {
      report('event-stream', `${name} is an event stream; it travels as frames, never inside a JSON body`, at);
    } else {
      walk(model, member.shape, item, at, problems);
    }
  }
  for (const name of shape.required ?? []) {
    if (value[name] === undefined) report('required', `required member ${name} is missing`, `${path}.${name}`);
  }
  if (shape.union === true) {
    const set = Object.keys(value).filter((k) => value[k] !== undefined);
    if (set.length !== 1) report('union', `a union sets exactly one member, this sets ${set.length}`);
  }
}

/**
 * JSON 1.1 sends timestamps as epoch seconds (a number, fraction allowed)
 * unless the shape says `iso8601`; an ISO string where a number belongs makes
 * the JS SDK throw `Expected real number` (src/FACTS.md).
 */
function checkTimestamp(shape: ShapeDef, value: unknown, report: (kind: ProblemKind, message: string) => void): void {
  if (shape.timestampFormat === 'iso8601' || shape.timestampFormat === 'rfc822') {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) report('type', `${describeValue(value)} where an ${shape.timestampFormat} date string belongs`);
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    report('type', `${describeValue(value)} where a timestamp (epoch seconds as a number) belongs`);
    return;
  }
  if (!isEpoch(value)) report('range', `${value} is not epoch seconds (years 2000-2100)`);
}

function checkLength(shape: ShapeDef, length: number, report: (kind: ProblemKind, message: string) => void): void {
  if (shape.min !== undefined && length < shape.min) report('range', `length ${length} is below the minimum ${shape.min}`);
  if (shape.max !== undefined && length > shape.max) report('range', `length ${length} is above the maximum ${shape.max}`);
}

function checkNumber(shape: ShapeDef, value: number, report: (kind: ProblemKind, message: string) => void): void {
  if (shape.min !== undefined && value < shape.min) report('range', `${value} is below the minimum ${shape.min}`);
  if (shape.max !== undefined && value > shape.max) report('range', `${value} is above the maximum ${shape.max}`);
}

function isEpoch(seconds: number): boolean {
  return seconds >= EPOCH_SECONDS_MIN && seconds <= EPOCH_SECONDS_MAX;
}

function requireRef(ref: MemberRef | undefined, shapeName: string): MemberRef {
  if (ref === undefined) throw new Error(`shape ${shapeName} lacks its member/key/value reference`);
  return ref;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
