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
 */

/** An event found in the input: its parsed value, or its text when that is not valid JSON. */
export type ScannedEvent = { readonly value: unknown } | { readonly malformed: string };
export class JsonEventsScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The most recent string at depth 1 (a key of the top-level object). */
  private lastKey = '';
  private keyParts: string[] | undefined;
  /** Depth of the array whose elements are events; 0 when not inside one. */
  private eventsDepth = 0;
  private capture: string[] | undefined;
  private captureStart = 0;
  private rootIsArray = false;

  /** Pushes text; returns each event completed in it. */
  push(text: string): ScannedEvent[] {
    const out: ScannedEvent[] = [];
    const n = text.length;
    this.captureStart = 0;
    // The next backslash at or after i, found once per stretch: searching
    // afresh at every string would rescan the whole chunk each time.
    let backslash = -1;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i += 1;
          continue;
        }
        if (backslash !== n && backslash < i) {
          backslash = text.indexOf('\\', i);
          if (backslash < 0) backslash = n;
        }
        const quote = text.indexOf('"', i);
        if (quote < 0 && backslash === n) {
          if (this.keyParts !== undefined) this.keyParts.push(text.slice(i));
          break;
        }
        if (quote < 0 || backslash < quote) {
          if (this.keyParts !== undefined) this.keyParts.push(text.slice(i, backslash + 2));
          this.escaped = true;
          i = backslash + 1;
          continue;
        }
        if (this.keyParts !== undefined) {
          this.keyParts.push(text.slice(i, quote));
          this.lastKey = this.keyParts.join('');
          this.keyParts = undefined;
        }
        this.inString = false;
        i = quote + 1;
        continue;
      }
      if (c === 34) {
        this.inString = true;
        if (this.depth === 1 && !this.rootIsArray) this.keyParts = [];
      } else if (c === 123 || c === 91) {
        if (this.depth === 0) this.rootIsArray = c === 91;
        this.depth += 1;
        if (c === 91 && this.eventsDepth === 0 && ((this.depth === 2 && this.lastKey === 'events') || (this.depth === 1 && this.rootIsArray))) {
          this.eventsDepth = this.depth;
        } else if (c === 123 && this.eventsDepth !== 0 && this.depth === this.eventsDepth + 1) {
          const quick = readFlatObject(text, i);
          if (quick !== undefined) {
            out.push({ value: quick.value });
            this.depth -= 1;
            i = quick.end;
            continue;
          }
          this.capture = [];
          this.captureStart = i;
        }
      } else if (c === 125 || c === 93) {
        if (this.capture !== undefined && c === 125 && this.depth === this.eventsDepth + 1) {
          this.capture.push(text.slice(this.captureStart, i + 1));
          out.push(parsed(this.capture.join('')));
          this.capture = undefined;
        }
        this.depth = Math.max(0, this.depth - 1);
        if (this.eventsDepth !== 0 && this.depth < this.eventsDepth) this.eventsDepth = 0;
        if (this.depth === 0) this.lastKey = '';
      }
      i += 1;
    }
    if (this.capture !== undefined) {
      this.capture.push(text.slice(this.captureStart));
    }
    return out;
  }

  /** True when the input ended in the middle of a document. */
  get incomplete(): boolean {
    return this.depth !== 0 || this.inString;
  }

  /** The text of an event cut short by the end of input, if any. */
  leftover(): string | undefined {
    const text = this.capture?.join('');
    this.capture = undefined;
    return text === undefined || text.trim() === '' ? undefined : text;
  }
}

/**
 * The object starting at `start`, when the text up to the first `}` parses
 * as JSON; `end` is the index after that `}`. If it parses, it is the whole
 * object: a cut inside a string or a nested object is never valid JSON.
 */
function readFlatObject(text: string, start: number): { value: unknown; end: number } | undefined {
  const close = text.indexOf('}', start);
  if (close < 0) return undefined;
  const candidate = text.slice(start, close + 1);
  try {
    return { value: JSON.parse(candidate) as unknown, end: close + 1 };
  } catch {
    return undefined;
  }
}

function parsed(text: string): ScannedEvent {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { malformed: text };
  }
}
