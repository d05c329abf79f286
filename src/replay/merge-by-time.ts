import type { DmsEvent } from '../events/types.js';

const OUT_BATCH = 4096;
/** A batch also ends at this many characters of raw text: one event may be a megabyte. */
const OUT_BATCH_CHARS = 4 * 1024 * 1024;

/**
 * Merges several time-ordered event streams (one per replayed file) into
 * one, always taking the earliest head. Streams that are only roughly in
 * order still come out roughly in order; the store's window sorts the rest.
 */
export async function* mergeByTime(streams: AsyncIterator<DmsEvent[]>[]): AsyncGenerator<DmsEvent[]> {
  if (streams.length === 1 && streams[0] !== undefined) {
    const only = streams[0];
    for (let r = await only.next(); r.done !== true; r = await only.next()) yield r.value;
    return;
  }
  const heads: { batch: DmsEvent[]; i: number; it: AsyncIterator<DmsEvent[]> }[] = [];
  for (const it of streams) {
    const first = await nextNonEmpty(it);
    if (first !== undefined) heads.push({ batch: first, i: 0, it });
  }
  let out: DmsEvent[] = [];
  let outChars = 0;
  while (heads.length > 0) {
    let best = 0;
    for (let h = 1; h < heads.length; h++) {
      const a = heads[h];
      const b = heads[best];
      if (a !== undefined && b !== undefined && (a.batch[a.i]?.time ?? Infinity) < (b.batch[b.i]?.time ?? Infinity)) best = h;
    }
    const head = heads[best];
    if (head === undefined) break;
    const event = head.batch[head.i];
    if (event !== undefined) {
      out.push(event);
      outChars += event.raw.length;
    }
    head.i += 1;
    if (head.i >= head.batch.length) {
      const next = await nextNonEmpty(head.it);
      if (next === undefined) heads.splice(best, 1);
      else {
        head.batch = next;
        head.i = 0;
      }
    }
    if (out.length >= OUT_BATCH || outChars >= OUT_BATCH_CHARS) {
      yield out;
      out = [];
      outChars = 0;
    }
  }
  if (out.length > 0) yield out;
}

async function nextNonEmpty(it: AsyncIterator<DmsEvent[]>): Promise<DmsEvent[] | undefined> {
  for (;;) {
    const r = await it.next();
    if (r.done === true) return undefined;
    if (r.value.length > 0) return r.value;
  }
}
