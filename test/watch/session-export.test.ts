import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DmsEvent } from '../../src/events/types.js';
import { toNdjsonLine } from '../../src/output/ndjson.js';
import { fileSafe, utcStamp, writeSessionExport } from '../../src/watch/session-export.js';
import { logEvent, stateEvent, T0 } from '../support/events.js';

/** writeSessionExport (src/watch/session-export.ts): the dashboard's `e` key. */

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dms-live-export-'));
  dirs.push(dir);
  return dir;
}

describe('writeSessionExport', () => {
  it('writes one watch --json record per event, owner-only, named for the replication and the UTC time', async () => {
    const dir = await tempDir();
    const events: DmsEvent[] = [stateEvent(T0, 'initializing'), logEvent(T0 + 1, 'a line with "quotes" and \u001b[31mescapes\u001b[0m')];
    const done = await writeSessionExport({ dir, name: 'orders-cdc', time: T0, events });
    expect(done).toEqual({ path: join(dir, 'dms-live-orders-cdc-20240803T144400Z.ndjson'), count: 2 });
    expect(await readFile(done.path, 'utf8')).toBe(events.map(toNdjsonLine).join(''));
    expect((await stat(done.path)).mode & 0o777).toBe(0o600);
  });

  it('never replaces a file: the next name gets -1, -2...', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'dms-live-r-20240803T144400Z.ndjson'), 'mine');
    const a = await writeSessionExport({ dir, name: 'r', time: T0, events: [] });
    const b = await writeSessionExport({ dir, name: 'r', time: T0, events: [] });
    expect([a.path, b.path]).toEqual([join(dir, 'dms-live-r-20240803T144400Z-1.ndjson'), join(dir, 'dms-live-r-20240803T144400Z-2.ndjson')]);
    expect(await readFile(join(dir, 'dms-live-r-20240803T144400Z.ndjson'), 'utf8')).toBe('mine');
  });

  it('writes a full store (50,000 events) through the stream, in order', async () => {
    const dir = await tempDir();
    const events = Array.from({ length: 50_000 }, (_, i) => logEvent(T0 + i, `line ${String(i)} ${'x'.repeat(100)}`));
    const done = await writeSessionExport({ dir, name: 'big', time: T0, events });
    const lines = (await readFile(done.path, 'utf8')).split('\n');
    expect(lines).toHaveLength(50_001);
    expect((JSON.parse(lines[49_999] ?? '') as { text: string }).text).toBe(`line 49999 ${'x'.repeat(100)}`);
  });

  it('rejects with one line naming the path and what to do, and leaves nothing behind', async () => {
    const dir = await tempDir();
    const file = join(dir, 'not-a-dir');
    await writeFile(file, '');
    await expect(writeSessionExport({ dir: file, name: 'r', time: T0, events: [] })).rejects.toThrow(
      `cannot export to ${join(file, 'dms-live-r-20240803T144400Z.ndjson')}: part of the path is not a directory; start dms-live in a directory you can write to`,
    );
    await expect(writeSessionExport({ dir: join(dir, 'missing'), name: 'r', time: T0, events: [] })).rejects.toThrow(/: the directory does not exist; start dms-live in one that does$/);
    expect(await readdir(dir)).toEqual(['not-a-dir']);
  });

  it('makes the name file-safe and the time compact UTC', () => {
    expect(fileSafe('orders cdc/../x')).toBe('orders-cdc-..-x');
    expect(fileSafe('../..')).toBe('replication');
    expect(fileSafe('\u001b[31mred')).toBe('31mred');
    expect(fileSafe('a'.repeat(300))).toHaveLength(100);
    expect(utcStamp(Date.UTC(2024, 0, 2, 3, 4, 5, 678))).toBe('20240102T030405Z');
  });
});
