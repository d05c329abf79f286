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

  number(key: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new ScenarioError(`${this.at(key)}: must be a number between ${min} and ${max}`);
    }
    return v;
  }

  integer(key: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const v = this.number(key, min, max);
    if (v !== undefined && !Number.isInteger(v)) throw new ScenarioError(`${this.at(key)}: must be a whole number`);
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

  stringList(key: string): string[] | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((item) => typeof item === 'string')) {
      throw new ScenarioError(`${this.at(key)}: must be a list of strings`);
    }
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
    return v.map((item, i) => read(item, `${this.at(key)}[${i}]`));
  }

  child(key: string, allowed?: readonly string[]): FieldReader | undefined {
    const v = this.raw(key);
    return v === undefined ? undefined : new FieldReader(v, this.at(key), allowed);
  }
}
