import type { NumberRange } from './ranges.js';
import { MAX_LIST_ITEMS, describeRange, inRange } from './ranges.js';

/**
 * Reads untrusted scenario data field by field. Every problem is a
 * `ScenarioError` whose one-line message names the field's path, e.g.
 * `replications[2].onStart[0].at: must be a number >= 0`.
 */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

export class FieldReader {
  private readonly value: Readonly<Record<string, unknown>>;

  constructor(
    value: unknown,
    readonly path: string,
    allowed?: readonly string[],
  ) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ScenarioError(`${path || 'scenario'}: must be a mapping (an object)`);
    }
    this.value = value as Readonly<Record<string, unknown>>;
    if (allowed !== undefined) {
      for (const key of Object.keys(this.value)) {
        if (!allowed.includes(key)) throw new ScenarioError(`${this.at(key)}: unknown field (expected one of ${allowed.join(', ')})`);
      }
    }
  }

  at(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  raw(key: string): unknown {
    const v = this.value[key];
    return v === null ? undefined : v;
  }

  string(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new ScenarioError(`${this.at(key)}: must be a string`);
    return v;
  }

  requiredString(key: string): string {
    const v = this.string(key);
    if (v === undefined || v === '') throw new ScenarioError(`${this.at(key)}: is required (a non-empty string)`);
    return v;
  }

  /** A number within `range` (every number a scenario holds has one: ranges.ts). */
  number(key: string, range: NumberRange): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !inRange(v, range)) {
      throw new ScenarioError(`${this.at(key)}: must be ${describeRange(range)}, got ${shown(v)}`);
    }
    return v;
  }

  boolean(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw new ScenarioError(`${this.at(key)}: must be true or false`);
    return v;
  }

  oneOf<T extends string>(key: string, options: readonly T[]): T | undefined {
    const v = this.string(key);
    if (v === undefined) return undefined;
    const found = options.find((o) => o === v);
    if (found === undefined) throw new ScenarioError(`${this.at(key)}: must be one of ${options.join(', ')} (got "${v}")`);
    return found;
  }

  stringList(key: string, max = MAX_LIST_ITEMS): string[] | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((item) => typeof item === 'string')) {
      throw new ScenarioError(`${this.at(key)}: must be a list of strings`);
    }
    this.checkLength(key, v, max);
    return v;
  }

  /** A list whose items are read by `read(item, path)`. A single item is accepted as a list of one. */
  list<T>(key: string, read: (item: unknown, path: string) => T, single = false): T[] | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) {
      if (single) return [read(v, this.at(key))];
      throw new ScenarioError(`${this.at(key)}: must be a list`);
    }
    this.checkLength(key, v, MAX_LIST_ITEMS);
    return v.map((item, i) => read(item, `${this.at(key)}[${i}]`));
  }

  /** Names of a mapping's fields (e.g. `scripts`), at most `MAX_LIST_ITEMS`. */
  keys(): string[] {
    const keys = Object.keys(this.value);
    if (keys.length > MAX_LIST_ITEMS) throw new ScenarioError(`${this.path || 'scenario'}: at most ${MAX_LIST_ITEMS} items, got ${keys.length}`);
    return keys;
  }

  private checkLength(key: string, list: readonly unknown[], max: number): void {
    if (list.length > max) throw new ScenarioError(`${this.at(key)}: at most ${max} items, got ${list.length}`);
  }

  child(key: string, allowed?: readonly string[]): FieldReader | undefined {
    const v = this.raw(key);
    return v === undefined ? undefined : new FieldReader(v, this.at(key), allowed);
  }
}

/** A bad value as the message quotes it: numbers as written, anything else by its kind. */
function shown(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.length > 40 ? `${JSON.stringify(v.slice(0, 40))}…` : JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' && v !== null ? 'a mapping' : typeof v;
}
