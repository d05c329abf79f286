import { StringDecoder } from 'node:string_decoder';
import type { RawLogRecord } from '../events/types.js';
import { detectInputFormat, type InputFormat } from './input-format.js';
import { JsonEventsScanner, type ScannedEvent } from './json-events-scanner.js';
import { LineSplitter } from './line-splitter.js';
import { PlainTextEntries } from './plain-text-entries.js';
import { parseCutJsonObject } from '../parse/cut-json.js';
import { capMessage, MAX_JSON_EVENT_CHARS, MAX_MESSAGE_BYTES } from '../parse/event-size.js';
import { recordFromJson } from '../parse/record-from-json.js';
import { completeUtf8Length } from './utf8.js';

export interface ReadStats {
  format: InputFormat | undefined;
  bytes: number;
  records: number;
  /** Records that were not the JSON they looked like and were kept as plain text. */
  malformed: number;
  /** The input ended inside a JSON document. */
  truncated: boolean;
}

const DETECT_CHARS = 64 * 1024;

/**
 * Reads log records from a byte stream in any of the replay formats, in
 * batches, holding no more than one batch and one partial event at a time
 * (an event is kept up to the caps of src/parse/event-size.ts, the rest
 * skipped and counted). Bad records never stop it: anything that does not
 * parse is kept as a plain-text record with its text.
 */
export async function* readRecords(input: AsyncIterable<Buffer | string>, stats: ReadStats): AsyncGenerator<RawLogRecord[]> {
  let head: Buffer[] = [];
  // The start of the input, decoded, to tell its format: flags are kept as
  // chunks arrive, so many small chunks cost no more than one large one.
  let decoder = new StringDecoder('utf8');
  let headText = '';
  let sawText = false;
  let sawNewline = false;
  let reader: FormatReader | undefined;
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    stats.bytes += chunk.length;
    if (reader !== undefined) {
      const batch = reader.push(chunk);
      if (batch.length > 0) yield batch;
      continue;
    }
    head.push(chunk);
    const text = decoder.write(chunk);
    sawText ||= /\S/.test(text);
    sawNewline ||= text.includes('\n');
    if (headText.length < DETECT_CHARS) headText += text.slice(0, DETECT_CHARS - headText.length);
    if (!sawText) {
      // Only blank so far: nothing to keep (blank lines are skipped, JSON ignores white space).
      if (headText.length >= DETECT_CHARS) {
        head = [];
        headText = '';
        decoder = new StringDecoder('utf8');
      }
      continue;
    }
    if (!sawNewline && headText.length < DETECT_CHARS) continue;
    stats.format = detectInputFormat(headText);
    reader = makeReader(stats.format, stats);
    const batch = reader.push(Buffer.concat(head));
    head = [];
    if (batch.length > 0) yield batch;
  }
  if (reader === undefined) {
    if (!sawText) return;
    stats.format = detectInputFormat(headText + decoder.end());
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
    found.map((e) => ('value' in e ? valueToRecord(e.value, stats) : 'cut' in e ? cutJsonToRecord(e.cut, e.cutBytes, stats) : plain(e.malformed, stats)));
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
        if (left !== undefined) out.push(plain(left.text, stats, left.cutBytes));
      }
      return out;
    },
  };
}

function ndjsonReader(stats: ReadStats): FormatReader {
  const lines = new LineSplitter(MAX_JSON_EVENT_CHARS);
  const toRecords = (batch: string[]): RawLogRecord[] => {
    const out: RawLogRecord[] = [];
    for (let i = 0; i < batch.length; i++) {
      const line = batch[i] ?? '';
      const cutBytes = lines.cuts.size === 0 ? 0 : (lines.cuts.get(i) ?? 0);
      if (cutBytes > 0) out.push(cutJsonToRecord(line, cutBytes, stats));
      else if (line.trim() !== '') out.push(jsonTextToRecord(line, stats));
    }
    return out;
  };
  return { push: (chunk) => toRecords(lines.push(chunk)), end: () => toRecords(lines.end()) };
}

function textReader(stats: ReadStats): FormatReader {
  const lines = new LineSplitter(MAX_MESSAGE_BYTES);
  const entries = new PlainTextEntries(MAX_MESSAGE_BYTES);
  const count = (records: RawLogRecord[]): RawLogRecord[] => {
    stats.records += records.length;
    return records;
  };
  return {
    push: (chunk) => count(entries.push(lines.push(chunk), lines.cuts)),
    end: () => count([...entries.push(lines.end(), lines.cuts), ...entries.end()]),
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

/**
 * The start of a JSON event longer than the cap: the members that arrived
 * (time, stream, the message as far as it goes), read as JSON cut short;
 * its text as plain text when even that fails. Either way it says how many
 * bytes were left out.
 */
function cutJsonToRecord(text: string, cutBytes: number, stats: ReadStats): RawLogRecord {
  const partial = parseCutJsonObject(text);
  const record = partial === undefined ? undefined : recordFromJson(partial.value);
  if (record === undefined) return plain(text, stats, cutBytes);
  stats.records += 1;
  return { ...record, cutBytes: (record.cutBytes ?? 0) + cutBytes };
}

/** Text that is not the JSON it looked like, kept up to the message cap as any message is. */
function plain(text: string, stats: ReadStats, cutBytes = 0): RawLogRecord {
  stats.records += 1;
  stats.malformed += 1;
  const kept = capMessage(text);
  const cut = cutBytes + kept.cutBytes;
  return cut === 0 ? { message: text } : { message: kept.message, cutBytes: cut };
}
