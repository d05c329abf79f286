import { describe, expect, it } from 'vitest';
import { routeArgv } from '../../src/cli/route.js';
import { isInCi, wantsDashboard } from '../../src/cli/terminal-mode.js';
import type { CliIo } from '../../src/cli/io.js';

const COMMANDS = ['replay', 'sandbox', 'list', 'start', 'stop', 'watch', 'demo', 'help'];

describe('dms-live <replication>', () => {
  it('watches a replication named as the first word', () => {
    expect(routeArgv(['my-replication'], COMMANDS)).toEqual({ kind: 'watch', argv: ['watch', 'my-replication'] });
    expect(routeArgv(['arn:aws:dms:eu-central-1:123456789012:replication-config:ABC'], COMMANDS).kind).toBe('watch');
  });

  it('keeps options and their values where they were', () => {
    expect(routeArgv(['--region', 'eu-west-1', 'orders-cdc', '--since', '1h'], COMMANDS)).toEqual({
      kind: 'watch',
      argv: ['--region', 'eu-west-1', 'watch', 'orders-cdc', '--since', '1h'],
    });
    expect(routeArgv(['--profile', 'list', 'orders-cdc'], COMMANDS)).toEqual({ kind: 'watch', argv: ['--profile', 'list', 'watch', 'orders-cdc'] });
  });

  it('leaves commands, bare options and no words alone', () => {
    expect(routeArgv(['list', '--json'], COMMANDS).kind).toBe('as-is');
    expect(routeArgv(['--read-only', 'demo'], COMMANDS).kind).toBe('as-is');
    expect(routeArgv(['--help'], COMMANDS).kind).toBe('as-is');
    expect(routeArgv([], COMMANDS).kind).toBe('as-is');
  });

  it('takes a word a typo or two from a command for that command, not a replication', () => {
    expect(routeArgv(['lsit'], COMMANDS)).toEqual({ kind: 'typo', word: 'lsit', command: 'list' });
    expect(routeArgv(['wacth', 'x'], COMMANDS)).toEqual({ kind: 'typo', word: 'wacth', command: 'watch' });
    expect(routeArgv(['no-such-command'], COMMANDS).kind).toBe('watch');
  });
});

describe('whether the dashboard opens', () => {
  const tty = { isTTY: true } as unknown as NodeJS.WritableStream;
  const pipe = {} as unknown as NodeJS.WritableStream;
  const io = (stdout: NodeJS.WritableStream, stdin: unknown = { isTTY: true }): CliIo => ({ stdout, stderr: pipe, stdin: stdin as NodeJS.ReadableStream });

  it('opens for a person at a terminal', () => {
    expect(wantsDashboard(io(tty), {})).toBe(true);
  });

  it('never opens into a pipe, from a pipe, with --json or --until, or in CI', () => {
    expect(wantsDashboard(io(pipe), {})).toBe(false);
    expect(wantsDashboard(io(tty, {}), {})).toBe(false);
    expect(wantsDashboard(io(tty), {}, { json: true })).toBe(false);
    expect(wantsDashboard(io(tty), {}, { until: 'running' })).toBe(false);
    expect(wantsDashboard(io(tty), { CI: 'true' })).toBe(false);
    expect(wantsDashboard(io(tty), { CONTINUOUS_INTEGRATION: '1' })).toBe(false);
  });

  it('reads CI as Ink does: set to 0 or false is not CI', () => {
    expect(isInCi({ CI: 'false' })).toBe(false);
    expect(isInCi({ CI: '0' })).toBe(false);
    expect(isInCi({ CI: '' })).toBe(true);
  });
});
