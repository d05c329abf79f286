/**
 * Finds the log events inside JSON documents as the AWS CLI prints them
 * (`{"events": [ {...}, ... ], "nextToken": ...}`, pretty-printed, possibly
 * several documents one after another) or inside a bare JSON array
 * (`jq .events`), without holding the whole document: text is pushed in
 * chunks and each event object comes out as its own JSON text as soon as it
 * is complete. Memory is bounded by the largest single event.
 *
 * A hand-written scanner rather than a streaming JSON library: it only has to
 * find object boundaries (strings, escapes, nesting), and it keeps `replay`
 * near 100,000 events/s where a token-by-token parser would not. Events come
 * out parsed: a flat event object is handed to JSON.parse straight from its
 * `{` to the next `}`, which is right whenever it parses (a cut inside a
 * string or a nested object can never be valid JSON); otherwise the scanner
 * walks it.
 *
 * Memory is bounded even when an event is not: past MAX_JSON_EVENT_CHARS
 * (src/parse/event-size.ts) an event's text is skipped as it streams by and
 * counted, and its start comes out as a `cut` event.
 */
import { MAX_JSON_EVENT_CHARS } from '../parse/event-size.js';

/**
 * An event found in the input: its parsed value, its text when that is not
 * valid JSON, or the start of an event longer than the cap (its text up to
 * the cap, and how many bytes of it were skipped).
 */
export type ScannedEvent = { readonly value: unknown } | { readonly malformed: string } | { readonly cut: string; readonly cutBytes: number };

/** The longest top-level key kept: only `events` matters. */
const MAX_KEY_CHARS = 16;

export class JsonEventsScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The most recent string at depth 1 (a key of the top-level object), up to MAX_KEY_CHARS. */
  private lastKey = '';
  /** The key being read, while in a string at depth 1 of an object. */
  private key: string | undefined;
  /** Depth of the array whose elements are events; 0 when not inside one. */
  private eventsDepth = 0;
  private capture: string[] | undefined;
  private captureChars = 0;
  private captureStart = 0;
  /** Bytes of the captured event skipped past the cap; 0 while it fits. */
  private skippedBytes = 0;
  private rootIsArray = false;
  /**
   * Characters covered by the scanner's searches (`indexOf`) so far. Each
   * search starts past the end of the one before it for the same character,
   * so this stays within a small multiple of the input's length: the tests
   * check that it does (a search afresh per escape once made 8 MB of `\\`
   * take 8 s).
   */
  searched = 0;

  constructor(private readonly maxEventChars = MAX_JSON_EVENT_CHARS) {}

  /** Pushes text; returns each event completed in it. */
  push(text: string): ScannedEvent[] {
    const out: ScannedEvent[] = [];
    const n = text.length;
    this.captureStart = 0;
    // The next backslash and the next quote at or after i, each found once
    // per stretch: searching afresh at every escape or every string would
    // rescan the rest of the chunk each time.
    let backslash = -1;
    let quote = -1;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i += 1;
          continue;
        }
        if (backslash < i) backslash = this.find(text, '\\', i);
        if (quote < i) quote = this.find(text, '"', i);
        if (backslash < quote) {
          // An escape first (or no quote in this chunk): skip the escaped character.
          if (backslash === n) {
            this.readKey(text, i, n);
            break;
          }
          this.readKey(text, i, backslash + 2);
          this.escaped = true;
          i = backslash + 1;
          continue;
        }
        if (quote === n) {
          this.readKey(text, i, n);
          break;
        }
        this.readKey(text, i, quote);
        if (this.key !== undefined) {
          this.lastKey = this.key;
          this.key = undefined;
        }
        this.inString = false;
        i = quote + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 34) {
        this.inString = true;
        if (this.depth === 1 && !this.rootIsArray) this.key = '';
      } else if (c === 123 || c === 91) {
        if (this.depth === 0) this.rootIsArray = c === 91;
        this.depth += 1;
        if (c === 91 && this.eventsDepth === 0 && ((this.depth === 2 && this.lastKey === 'events') || (this.depth === 1 && this.rootIsArray))) {
          this.eventsDepth = this.depth;
        } else if (c === 123 && this.eventsDepth !== 0 && this.depth === this.eventsDepth + 1) {
          const quick = this.readFlatObject(text, i);
          if (quick !== undefined) {
            out.push({ value: quick.value });
            this.depth -= 1;
            i = quick.end;
            continue;
          }
          this.capture = [];
          this.captureChars = 0;
          this.skippedBytes = 0;
          this.captureStart = i;
        }
      } else if (c === 125 || c === 93) {
        if (this.capture !== undefined && c === 125 && this.depth === this.eventsDepth + 1) {
          this.keep(text, i + 1);
          out.push(this.captured());
        }
        this.depth = Math.max(0, this.depth - 1);
        if (this.eventsDepth !== 0 && this.depth < this.eventsDepth) this.eventsDepth = 0;
        if (this.depth === 0) this.lastKey = '';
      }
      i += 1;
    }
    if (this.capture !== undefined) this.keep(text, n);
    return out;
  }

  /** True when the input ended in the middle of a document. */
  get incomplete(): boolean {
    return this.depth !== 0 || this.inString;
  }

  /** The text of an event cut short by the end of input, if any, and the bytes of it skipped past the cap. */
  leftover(): { readonly text: string; readonly cutBytes: number } | undefined {
    const text = this.capture?.join('');
    const cutBytes = this.skippedBytes;
    this.capture = undefined;
    this.skippedBytes = 0;
    return text === undefined || text.trim() === '' ? undefined : { text, cutBytes };
  }

  /** The index of `search` at or after `from`, or `text.length`; counts what it covered. */
  private find(text: string, search: string, from: number): number {
    const at = text.indexOf(search, from);
    const found = at < 0 ? text.length : at;
    this.searched += found - from + 1;
    return found;
  }

  /** Adds `text[from, to)` to the top-level key being read, up to MAX_KEY_CHARS. */
  private readKey(text: string, from: number, to: number): void {
    if (this.key === undefined || this.key.length > MAX_KEY_CHARS) return;
    this.key += text.slice(from, Math.min(to, from + MAX_KEY_CHARS + 1));
  }

  /** Keeps the captured event's text up to `end` of this chunk, within the cap; counts the rest. */
  private keep(text: string, end: number): void {
    if (this.capture === undefined || end <= this.captureStart) return;
    const room = this.maxEventChars - this.captureChars;
    const take = Math.min(room, end - this.captureStart);
    if (take > 0) {
      this.capture.push(text.slice(this.captureStart, this.captureStart + take));
      this.captureChars += take;
    }
    if (take < end - this.captureStart) this.skippedBytes += Buffer.byteLength(text.slice(this.captureStart + Math.max(take, 0), end));
    this.captureStart = end;
  }

  private captured(): ScannedEvent {
    const text = (this.capture ?? []).join('');
    const skipped = this.skippedBytes;
    this.capture = undefined;
    this.captureChars = 0;
    this.skippedBytes = 0;
    return skipped > 0 ? { cut: text, cutBytes: skipped } : parsed(text);
  }

  /**
   * The object starting at `start`, when the text up to the first `}` parses
   * as JSON; `end` is the index after that `}`. If it parses, it is the whole
   * object: a cut inside a string or a nested object is never valid JSON.
   */
  private readFlatObject(text: string, start: number): { value: unknown; end: number } | undefined {
    const close = this.find(text, '}', start);
    if (close === text.length) return undefined;
    const candidate = text.slice(start, close + 1);
    try {
      return { value: JSON.parse(candidate) as unknown, end: close + 1 };
    } catch {
      return undefined;
    }
  }
}

function parsed(text: string): ScannedEvent {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { malformed: text };
  }
}
