import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createTrace, traceInkRenders, traceTerminalWrites } from '../../src/watch/trace.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function traceFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dms-live-trace-'));
  dirs.push(dir);
  return join(dir, 'trace.txt');
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').trim().split('\n');
}

describe('DMS_LIVE_TRACE', () => {
  it('is off without a file: marks write nothing and terminal writes stay as they were', () => {
    const trace = createTrace(undefined);
    expect(trace.enabled).toBe(false);
    trace.arrived(5);
    trace.frame(10);
    trace.flush();
    const stream = new PassThrough();
    const before = Object.hasOwn(stream, 'write');
    traceTerminalWrites(stream, trace);
    expect(Object.hasOwn(stream, 'write')).toBe(before);
    expect(traceInkRenders(trace)).toEqual({});
  });

  it("marks each of Ink's renders with the time it took, through the onRender option", () => {
    const file = traceFile();
    const trace = createTrace(file, { now: () => 7, flushOnExit: false });
    traceInkRenders(trace).onRender?.({ renderTime: 12.345 });
    trace.flush();
    expect(lines(file).slice(1)).toEqual(['r 7.0 12.35']);
  });

  it('appends one line per mark, with its time and count, once a second and on flush', () => {
    const file = traceFile();
    let now = 1_000;
    const trace = createTrace(file, { now: () => now, flushOnExit: false });
    trace.arrived(500);
    now = 1_040.25;
    trace.published();
    expect(existsSync(file)).toBe(false);
    now = 2_000;
    trace.frame(3_000);
    expect(lines(file)).toEqual([`# dms-live trace pid=${process.pid}`, 'a 1000.0 500', 'p 1040.3', 'f 2000.0 3000']);
    now = 2_100;
    trace.arrived(1);
    trace.flush();
    expect(lines(file).at(-1)).toBe('a 2100.0 1');
  });

  it('counts a terminal write as a frame only when it carries text, not escape sequences alone', () => {
    const file = traceFile();
    const trace = createTrace(file, { now: () => 5, flushOnExit: false });
    const stream = new PassThrough();
    const written: string[] = [];
    stream.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    traceTerminalWrites(stream, trace);
    traceTerminalWrites(stream, trace);
    stream.write('\u001b[?2026h');
    stream.write('\u001b[2K\u001b[1A\u001b[Gheader\nlog line');
    stream.write(Buffer.from('\u001b[?25l'));
    stream.write(Buffer.from('frame two'));
    trace.flush();
    expect(lines(file).slice(1)).toEqual(['f 5.0 26', 'f 5.0 9']);
    expect(written.join('')).toBe('\u001b[?2026h\u001b[2K\u001b[1A\u001b[Gheader\nlog line\u001b[?25lframe two');
  });
});
