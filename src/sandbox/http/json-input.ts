import { AwsError, serializationError } from './aws-error.js';

/** A DMS/Logs `Filter`: `{ Name, Values }`. */
export interface NameValuesFilter {
  readonly name: string;
  readonly values: readonly string[];
}

/**
 * Typed access to a JSON 1.1 request body. A member of the wrong JSON type is
 * a `SerializationException` (what AWS's JSON services answer); a missing
 * required member or a value out of range is the service's own validation
 * error, made by `invalid`.
 */
export class JsonInput {
  constructor(
    private readonly body: Readonly<Record<string, unknown>>,
    private readonly invalid: (message: string) => AwsError,
  ) {}

  /** Parses a raw body: empty means `{}`; anything but a JSON object is a `SerializationException`. */
  static parse(raw: string, invalid: (message: string) => AwsError): JsonInput {
    if (raw.trim() === '') return new JsonInput({}, invalid);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw serializationError('The request body is not valid JSON.');
    }
    if (!isRecord(value)) throw serializationError('Start of structure or map found where not expected.');
    return new JsonInput(value, invalid);
  }

  has(name: string): boolean {
    return this.body[name] !== undefined && this.body[name] !== null;
  }

  string(name: string): string | undefined {
    const value = this.present(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw wrongType(name, 'a string', value);
    return value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw this.invalid(mustNotBeNull(name));
    return value;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.present(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(name, 'an integer', value);
    if (value < min || value > max) {
      throw this.invalid(
        `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
      );
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.present(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw wrongType(name, 'a boolean', value);
    return value;
  }

  stringList(name: string): readonly string[] | undefined {
    const value = this.present(name);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw wrongType(name, 'a list', value);
    return value.map((item: unknown, i) => {
      if (typeof item !== 'string') throw wrongType(`${name}.${i + 1}`, 'a string', item);
      return item;
    });
  }

  /** DMS `Filters`: a list of `{ Name, Values }`. */
  filters(name: string): readonly NameValuesFilter[] {
    const value = this.present(name);
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw wrongType(name, 'a list', value);
    return value.map((item: unknown, i) => {
      if (!isRecord(item)) throw wrongType(`${name}.${i + 1}`, 'a structure', item);
      const filter = new JsonInput(item, this.invalid);
      return {
        name: filter.requiredString('Name'),
        values: filter.stringList('Values') ?? [],
      };
    });
  }

  private present(name: string): unknown {
    const value = this.body[name];
    return value === null ? undefined : value;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mustNotBeNull(name: string): string {
  return `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`;
}

function wrongType(name: string, expected: string, value: unknown): AwsError {
  const got = Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value;
  return serializationError(`Member '${name}' must be ${expected}, not ${got}.`);
}
