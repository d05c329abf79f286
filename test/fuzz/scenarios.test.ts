import { StartReplicationCommand, DescribeReplicationsCommand, DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIO_NAMES, ScenarioError, startSandbox } from '../../src/sandbox/index.js';
import type { ScenarioSpec } from '../../src/sandbox/index.js';
import { builtInScenario } from '../../src/sandbox/scenarios/builtins.js';
import { parseScenarioText } from '../../src/sandbox/scenarios/load-scenario.js';
import { readScenario } from '../../src/sandbox/scenarios/read-scenario.js';
import { nastyText } from './arbitraries.js';
import { fuzzParams, fuzzTimeout } from './settings.js';

/**
 * Properties of scenario files: whatever a file holds, the sandbox either
 * refuses it with a ScenarioError naming the field, or plays it: every
 * replication started, an hour of virtual time, and no internal error.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The documented scenarios, as the data a file would hold. */
const BASES: readonly Json[] = [
  ...BUILT_IN_SCENARIO_NAMES.map((name) => JSON.parse(JSON.stringify(builtInScenario(name))) as Json),
  parseYaml(readFileSync('src/sandbox/scenarios/examples/orders-example.yaml', 'utf8')) as Json,
];

/** Every path to a value in `value`, as keys and indices. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return here;
}

/** `value` with the thing at `path` replaced (or removed, for undefined). */
function replaced(value: Json, path: readonly (string | number)[], by: Json | undefined): Json | undefined {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === 'number') {
    const copy = [...value];
    const inner = replaced(copy[head] ?? null, rest, by);
    if (inner === undefined) copy.splice(head, 1);
    else copy[head] = inner;
    return copy;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof head === 'string') {
    const inner = replaced(value[head] ?? null, rest, by);
    return Object.fromEntries([...Object.entries(value).filter(([k]) => k !== head), ...(inner === undefined ? [] : [[head, inner] as const])]);
  }
  return value;
}

/** Values of a leaf's own type (most files stay valid and play), or anything at all (they are refused). */
const replacement = fc.record({
  number: fc.oneof(fc.nat(400), fc.double({ min: 0, max: 400, noNaN: true }), fc.constantFrom(0, -1, 1e-9, 0.001, 1e6, 1e15, 1e300)),
  string: fc.oneof(fc.constantFrom('start', 'stop', 'resume', 'happy-start', 'password-failure', 'failed', 'running', 'x', '${configId} ${nope}', 'cdc', 'full-load', 'LOG', 'FATAL'), nastyText(15)),
  boolean: fc.boolean(),
  any: fc.oneof(fc.constantFrom<Json | undefined>(undefined, null, '', [], {}), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>),
  sameType: fc.nat(7),
  leafOnly: fc.nat(3),
});

function leafAt(value: Json, path: readonly (string | number)[]): Json | undefined {
  let v: Json | undefined = value;
  for (const k of path) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string | number, Json>)[k];
  return v;
}

/** A documented scenario with one to three of its values replaced, and now and then an unknown field. */
const mutatedScenario = fc
  .tuple(
    fc.nat(BASES.length - 1),
    fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 3 }),
    fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.nat(), nastyText(10)) }),
  )
  .map(([which, changes, extra]) => {
    let value: Json = BASES[which] ?? null;
    for (const [at, r] of changes) {
      // Mostly a leaf (a number, a string, a flag): replacing a whole list or mapping is nearly always refused.
      const all = paths(value).filter((p) => r.leafOnly === 0 || typeof leafAt(value, p) !== 'object');
      const path = all[at % all.length] ?? [];
      const old = leafAt(value, path);
      const by = r.sameType === 0 ? r.any : typeof old === 'number' ? r.number : typeof old === 'string' ? r.string : typeof old === 'boolean' ? r.boolean : r.any;
      value = replaced(value, path, by) ?? null;
    }
    if (extra !== null) {
      const objects = paths(value).filter((p) => {
        const v = leafAt(value, p);
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      value = replaced(value, [...(objects[extra[0] % Math.max(1, objects.length)] ?? []), extra[1]], 1) ?? null;
    }
    return value;
  });

function readOrRefuse(value: unknown): ScenarioSpec | undefined {
  try {
    return readScenario(value);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message.length).toBeGreaterThan(0);
    return undefined;
  }
}

/** Plays an accepted scenario: every replication started, an hour of virtual time in steps; no internal error. */
async function play(spec: ScenarioSpec): Promise<void> {
  const errors: unknown[] = [];
  const sandbox = await startSandbox({ scenario: spec, port: 0, manualClock: true, startTime: Date.UTC(2024, 4, 1), onError: (err) => errors.push(err) });
  const client = new DatabaseMigrationServiceClient({ endpoint: sandbox.url, region: sandbox.region, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
  try {
    for (const r of sandbox.replications()) {
      await client.send(new StartReplicationCommand({ ReplicationConfigArn: r.arn, StartReplicationType: 'start-replication' })).catch((err: unknown) => {
        // Refusals are DMS's rules (already running, denied by a fault, throttled): answers, not failures.
        expect((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBeLessThan(600);
      });
    }
    // A flood writes rate x seconds lines: keep its share small.
    const step = spec.flood === undefined ? 60_000 : 100;
    for (let i = 0; i < 60; i++) await sandbox.advance(step);
    await client.send(new DescribeReplicationsCommand({})).catch((err: unknown) => {
      expect((err as { name?: string }).name).toMatch(/Throttling|InternalFailure|AccessDenied/);
    });
    expect(errors).toEqual([]);
  } finally {
    client.destroy();
    await sandbox.stop();
  }
}

describe('scenario files, for any content', () => {
  it('any JSON value is a scenario or a ScenarioError, nothing else', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        readOrRefuse(value);
      }),
      fuzzParams(300),
    );
  });

  it('any text is JSON or YAML data, or a ScenarioError that names the file', () => {
    fc.assert(
      fc.property(fc.oneof(nastyText(200), fc.string({ unit: fc.constantFrom(...':-[]{}#&*!|>\'"%@` \n\tabc01'.split('')), maxLength: 200 })), fc.constantFrom('x.yaml', 'x.json', 'x'), (text, name) => {
        try {
          parseScenarioText(text, name);
        } catch (err) {
          expect(err).toBeInstanceOf(ScenarioError);
          expect((err as Error).message.startsWith(`${name}: not valid`)).toBe(true);
        }
      }),
      fuzzParams(300),
    );
  });

  it('a documented scenario with values replaced is refused with a ScenarioError, or plays an hour without an internal error', { timeout: fuzzTimeout(20_000) }, async () => {
    let played = 0;
    await fc.assert(
      fc.asyncProperty(mutatedScenario, async (value) => {
        const spec = readOrRefuse(value);
        if (spec === undefined) return;
        played++;
        await play(spec);
      }),
      fuzzParams(60),
    );
    // Many changes keep a scenario valid: the property must have played some.
    expect(played).toBeGreaterThan(5);
  });
});
