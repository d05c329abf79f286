import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { continuesPgEntry, parsePgLinePrefix } from '../../src/parse/postgres-entry.js';

export function readFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8');
}

export interface FixtureEntry {
  /** 1-based line number of the entry's first line in the file. */
  readonly line: number;
  /** The entry's lines joined by `\n`, as one CloudWatch event carries it. */
  readonly text: string;
}

/** Splits a PostgreSQL log file into entries the way CloudWatch delivers them: continuation lines stay with their entry. */
export function pgEntries(name: string): FixtureEntry[] {
  const entries: { line: number; lines: string[]; pid: number | undefined }[] = [];
  readFixture(name)
    .split('\n')
    .forEach((text, index) => {
      if (text === '') return;
      const last = entries.at(-1);
      if (last !== undefined && continuesPgEntry(text, last.pid)) last.lines.push(text);
      else entries.push({ line: index + 1, lines: [text], pid: parsePgLinePrefix(text)?.pid });
    });
  return entries.map((entry) => ({ line: entry.line, text: entry.lines.join('\n') }));
}
