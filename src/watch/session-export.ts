import { open, unlink, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DmsEvent } from '../events/types.js';
import { toNdjsonLine } from '../output/ndjson.js';
import { toSafeLine } from '../parse/safe-text.js';
import type { SessionExport } from './dashboard-source.js';

export interface SessionExportOptions {
  /** Where the file goes (made absolute). */
  readonly dir: string;
  /** The replication's name: part of the file name, made file-safe. */
  readonly name: string;
  /** Epoch ms for the file name's UTC time. */
  readonly time: number;
  readonly events: readonly DmsEvent[];
}

/** Names tried after the first one is taken: `-1` to `-999`. */
const MAX_SUFFIX = 999;
/** Lines are written in chunks of about this many characters: one write per line would cost a syscall each. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Writes `events` as NDJSON, one `watch --json` record per line
 * (src/output/ndjson.ts), to `dms-live-<name>-<yyyymmddThhmmssZ>.ndjson` in
 * `dir`. The file is created exclusively, readable by its owner only (it
 * may hold hosts, users and database names from the logs), and never
 * replaces one that exists: `-1`, `-2`... are added instead. Writing waits
 * for the disk (back-pressure), and a failure removes what was written and
 * rejects with one line naming the path and what to do.
 */
export async function writeSessionExport(options: SessionExportOptions): Promise<SessionExport> {
  const base = `dms-live-${fileSafe(options.name)}-${utcStamp(options.time)}`;
  const { path, handle } = await createExclusive(resolve(options.dir), base);
  try {
    await pipeline(Readable.from(chunks(options.events)), handle.createWriteStream());
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw exportError(path, err);
  }
  return { path, count: options.events.length };
}

async function createExclusive(dir: string, base: string): Promise<{ path: string; handle: FileHandle }> {
  for (let n = 0; n <= MAX_SUFFIX; n++) {
    const path = resolve(dir, n === 0 ? `${base}.ndjson` : `${base}-${String(n)}.ndjson`);
    try {
      return { path, handle: await open(path, 'wx', 0o600) };
    } catch (err) {
      if (codeOf(err) !== 'EEXIST') throw exportError(path, err);
    }
  }
  throw new Error(`cannot export to ${toSafeLine(resolve(dir, `${base}.ndjson`))}: ${String(MAX_SUFFIX)} files of that name exist; move some away`);
}

function* chunks(events: readonly DmsEvent[]): Generator<string> {
  let chunk = '';
  for (const event of events) {
    chunk += toNdjsonLine(event);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** The replication's name as a file name part: letters, digits, `.`, `_` and `-` only. */
export function fileSafe(name: string): string {
  const safe = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+/, '')
    .slice(0, 100);
  return safe === '' ? 'replication' : safe;
}

/** `20240501T071600Z`. */
export function utcStamp(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');
}

function exportError(path: string, err: unknown): Error {
  const code = codeOf(err);
  const what = WHAT_TO_DO[code ?? ''] ?? (err instanceof Error ? err.message : String(err));
  return new Error(toSafeLine(`cannot export to ${path}: ${what}`));
}

const WHAT_TO_DO: Readonly<Record<string, string>> = {
  EACCES: 'permission denied; start dms-live in a directory you can write to',
  EPERM: 'permission denied; start dms-live in a directory you can write to',
  EROFS: 'the file system is read-only; start dms-live in a directory you can write to',
  ENOENT: 'the directory does not exist; start dms-live in one that does',
  ENOTDIR: 'part of the path is not a directory; start dms-live in a directory you can write to',
  ENOSPC: 'the disk is full; free some space and export again',
  EDQUOT: 'the disk quota is used up; free some space and export again',
  EMFILE: 'too many files are open; close some and export again',
  ENFILE: 'too many files are open on this system; export again later',
  EIO: 'the disk reported an input/output error; export to another disk',
};

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
