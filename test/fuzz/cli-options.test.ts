import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFaultFlag } from '../../src/sandbox/faults.js';
import { ScenarioError } from '../../src/sandbox/index.js';
import { parseDuration, parseSince } from '../../src/watch/durations.js';
import { runCliCaptured } from '../support/cli.js';
import { isInertLine, nastyText } from './arbitraries.js';
import { fuzzParams, fuzzTimeout } from './settings.js';

/**
 * Properties of the command line: whatever the arguments, dms-live answers
 * with an exit code it documents (0, or 2 for bad usage) and at most one
 * terminal-safe line on stderr, never a stack trace. Only commands that
 * stay off the network are run: `replay` on stdin, and `sandbox` with a
 * scenario that cannot load, so it never starts listening.
 */

/** A path under a directory that does not exist: nothing is ever read or written. */
const NO_DIR = '/nonexistent-dms-live-fuzz';

const number = fc.oneof(
  fc.integer({ min: -10, max: 100_000 }).map(String),
  fc.constantFrom('0', '1e9', '1e300', '1e-6', '-0', 'NaN', 'Infinity', '0x10', '1_000', ' 5', '5 ', '', '.5', '2e6', '65536', '-1'),
  nastyText(8),
);

/** What a user could type after `replay`: its flags, file names, and junk. */
const replayArg = fc.oneof(
  fc.constantFrom('--json', '-', '--', '--help', '-h', '--bogus', '-x', '--json=yes', '--capacity'),
  number,
  fc.constant('--capacity').chain((flag) => number.map((n) => `${flag}=${n}`)),
  nastyText(20).map((name) => `${NO_DIR}/${name}`),
);

const sandboxArg = fc.oneof(
  fc.constantFrom('--speed', '--port', '--rate', '--host', '--fault', '--no-auto-start', '--scenario', '--bogus', '--help'),
  number,
  fc.tuple(fc.constantFrom('endAfterSeconds', 'throttleEvery', 'serverErrors', 'delayMs', 'denyActions', 'liveTailRotation', 'maxLiveTailSessions', 'nope'), fc.oneof(number, fc.constantFrom('30:20', 'a:b', 'StartReplication,', 'endAfterSeconds:7+resetAfterSeconds:9,none'))).map(([k, v]) => `${k}=${v}`),
  nastyText(12),
);

/** Stderr: lines that each start `dms-live:` (or commander's help pointer) and hold nothing a terminal acts on. */
function checkStderr(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  for (const line of stderr.split('\n').slice(0, -1)) expect(isInertLine(line), JSON.stringify(line)).toBe(true);
}

describe('dms-live replay, for any arguments', () => {
  it('exits 0 or 2 with safe output and at most one error line', { timeout: fuzzTimeout(20_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(replayArg, { maxLength: 6 }), fc.constantFrom('', 'a line of text\n', '{"events":[{"timestamp":1,"message":"m"}]}'), async (args, stdin) => {
        const run = await runCliCaptured(['replay', ...args], stdin);
        expect([0, 2]).toContain(run.code);
        checkStderr(run.stderr);
        if (run.code === 2) {
          const lines = run.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('(run dms-live --help'));
          expect(lines.length).toBeLessThanOrEqual(1);
        }
        for (const line of run.stdout.split('\n')) expect(isInertLine(line)).toBe(true);
      }),
      fuzzParams(80),
    );
  });
});

describe('dms-live sandbox, for any arguments', () => {
  it('refuses what it cannot use with exit code 2 and one safe line, before listening', { timeout: fuzzTimeout(20_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sandboxArg, { maxLength: 6 }), async (args) => {
        const run = await runCliCaptured(['sandbox', ...args, '--port', '0', '--scenario', `${NO_DIR}/scenario.yaml`]);
        // --help and --version print and exit 0; everything else ends at the scenario that cannot load, or earlier.
        expect([0, 2]).toContain(run.code);
        checkStderr(run.stderr);
        if (run.code === 2) expect(run.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('(run dms-live --help'))).toHaveLength(1);
      }),
      fuzzParams(80),
    );
  });

  it('--fault values are a fault or a ScenarioError naming the flag (the command prints it as one safe line)', () => {
    fc.assert(
      fc.property(sandboxArg, (text) => {
        try {
          const faults = parseFaultFlag(text);
          expect(Object.keys(faults)).toHaveLength(1);
        } catch (err) {
          expect(err).toBeInstanceOf(ScenarioError);
          expect((err as Error).message).toMatch(/^--fault /);
        }
      }),
      fuzzParams(300),
    );
  });
});

describe('--since and --timeout durations, for any text', () => {
  const durationText = fc.oneof(
    fc.tuple(fc.array(fc.tuple(fc.oneof(fc.nat(10_000).map(String), fc.constantFrom('1.5', '0', '1e3', '99999999999999')), fc.constantFrom('ms', 's', 'm', 'h', 'd', 'w', 'y', '')), { maxLength: 3 }), fc.constantFrom('', ' ', 'x'))
      .map(([parts, tail]) => `${parts.map(([n, u]) => `${n}${u}`).join('')}${tail}`),
    fc.constantFrom('2024-08-03T14:00:00Z', '2024-08-03 14:00', '2024-13-45', '0000-01-01', '9999-12-31T23:59:59+14:00', '275760-09-13'),
    nastyText(20),
  );

  it('are never an exception: a positive whole number of ms at most 100 years, or undefined', () => {
    fc.assert(
      fc.property(durationText, (text) => {
        const ms = parseDuration(text);
        if (ms !== undefined) {
          expect(Number.isInteger(ms) && ms > 0 && ms <= 100 * 365 * 86_400_000).toBe(true);
        }
        const now = Date.UTC(2024, 7, 3);
        const since = parseSince(text, now);
        if (since !== undefined) {
          expect(Number.isFinite(since)).toBe(true);
          expect(Number.isNaN(new Date(since).getTime())).toBe(false);
        }
      }),
      fuzzParams(500),
    );
  });
});
