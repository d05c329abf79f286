import type { RawLogRecord } from '../events/types.js';
import { detectInputFormat, type InputFormat } from './input-format.js';
import { JsonEventsScanner, type ScannedEvent } from './json-events-scanner.js';
import { LineSplitter } from './line-splitter.js';
import { PlainTextEntries } from './plain-text-entries.js';
import { recordFromJson } from '../parse/record-from-json.js';

export interface ReadStats {
  format: InputFormat | undefined;
  bytes: number;
  records: number;
  /** Records that were not the JSON they looked like and were kept as plain text. */
  malformed: number;
  /** The input ended inside a JSON document. */
  truncated: boolean;
}

const DETECT_BYTES = 64 * 1024;

/**
 * Reads log records from a byte stream in any of the replay formats, in
 * batches, holding no more than one batch and one partial event at a time.
 * Bad records never stop it: anything that does not parse is kept as a
 * plain-text record with its text.
 */
export async function* readRecords(input: AsyncIterable<Buffer | string>, stats: ReadStats): AsyncGenerator<RawLogRecord[]> {
  const head: Buffer[] = [];
  let headBytes = 0;
  let reader: FormatReader | undefined;
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    stats.bytes += chunk.length;
    if (reader === undefined) {
      head.push(chunk);
      headBytes += chunk.length;
      const start = Buffer.concat(head).toString('utf8', 0, Math.min(headBytes, DETECT_BYTES));
      if (start.trim() === '' || (!start.includes('\n') && headBytes < DETECT_BYTES)) continue;
      stats.format = detectInputFormat(start);
      reader = makeReader(stats.format, stats);
      const batch = reader.push(Buffer.concat(head));
      head.length = 0;
      if (batch.length > 0) yield batch;
      continue;
    }
    const batch = reader.push(chunk);
    if (batch.length > 0) yield batch;
  }
  if (reader === undefined) {
    const start = Buffer.concat(head).toString('utf8');
    if (start.trim() === '') return;
    stats.format = detectInputFormat(start);
    reader = makeReader(stats.format, stats);
    const batch = reader.push(Buffer.concat(head));
    if (batch.length > 0) yield batch;
  }
  const rest = reader.end();
  if (rest.length > 0) yield rest;
}

interface FormatReader {
  push(chunk: Buffer): RawLogRecord[];
  end(): RawLogRecord[];
}

function makeReader(format: InputFormat, stats: ReadStats): FormatReader {
  switch (format) {
    case 'aws-json':
      return awsJsonReader(stats);
    case 'ndjson':
      return ndjsonReader(stats);
    case 'text':
      return textReader(stats);
  }
}

function awsJsonReader(stats: ReadStats): FormatReader {
  const scanner = new JsonEventsScanner();
  // Chunks are decoded with a StringDecoder-like split guard: a multi-byte
  // character cut between chunks is carried over.
  let carry = Buffer.alloc(0);
  const toRecords = (found: ScannedEvent[]): RawLogRecord[] =>
    found.map((e) => ('value' in e ? valueToRecord(e.value, stats) : plain(e.malformed, stats)));
  return {
    push(chunk) {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const cut = completeUtf8Length(bytes);
      carry = Buffer.from(bytes.subarray(cut));
      return toRecords(scanner.push(bytes.toString('utf8', 0, cut)));
    },
    end() {
      const out = carry.length > 0 ? toRecords(scanner.push(carry.toString('utf8'))) : [];
      if (scanner.incomplete) {
        stats.truncated = true;
        const left = scanner.leftover();
        if (left !== undefined) out.push(plain(left, stats));
      }
      return out;
    },
  };
}

function ndjsonReader(stats: ReadStats): FormatReader {
  const lines = new LineSplitter();
  const toRecords = (batch: string[]): RawLogRecord[] => {
    const out: RawLogRecord[] = [];
    for (const line of batch) {
      if (line.trim() === '') continue;
      out.push(jsonTextToRecord(line, stats));
    }
    return out;
  };
  return { push: (chunk) => toRecords(lines.push(chunk)), end: () => toRecords(lines.end()) };
}

function textReader(stats: ReadStats): FormatReader {
  const lines = new LineSplitter();
  const entries = new PlainTextEntries();
  const count = (records: RawLogRecord[]): RawLogRecord[] => {
    stats.records += records.length;
    return records;
  };
  return {
    push: (chunk) => count(entries.push(lines.push(chunk))),
    end: () => count([...entries.push(lines.end()), ...entries.end()]),
  };
}

function jsonTextToRecord(text: string, stats: ReadStats): RawLogRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return plain(text, stats);
  }
  return valueToRecord(value, stats, text);
}

/** A JSON event as a record; one that carries no message is kept as plain text. */
function valueToRecord(value: unknown, stats: ReadStats, text?: string): RawLogRecord {
  const record = recordFromJson(value);
  if (record === undefined) return plain(text ?? JSON.stringify(value), stats);
  stats.records += 1;
  return record;
}

function plain(text: string, stats: ReadStats): RawLogRecord {
  stats.records += 1;
  stats.malformed += 1;
  return { message: text };
}

/** The length of the prefix of `bytes` that ends on a whole UTF-8 character. */
function completeUtf8Length(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
