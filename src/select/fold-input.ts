import type { DmsEvent } from '../events/types.js';

/**
 * The events LiveSummary's builders read, in time order with stable ties
 * (the store's order: each event after every one with a time <= its own),
 * addressed by absolute position (events dropped from the front still
 * count), so a copy of the builders can say where it stands. Events in
 * order are appended; a batch with late events is merged in at once, in
 * time proportional to the events after the first late one (one insert at
 * a time would move the whole tail once per event).
 */
export class FoldInput {
  private items: DmsEvent[] = [];
  private head = 0;
  /** Absolute position of `items[head]`. */
  private start = 0;

  /** Absolute position of the first event held. */
  get first(): number {
    return this.start;
  }

  /** Absolute position after the last event held. */
  get end(): number {
    return this.start + this.items.length - this.head;
  }

  last(): DmsEvent | undefined {
    return this.items.length > this.head ? this.items[this.items.length - 1] : undefined;
  }

  /** The event at absolute position `pos`. */
  at(pos: number): DmsEvent | undefined {
    return pos < this.start ? undefined : this.items[this.head + pos - this.start];
  }

  /** Adds an event no older than the last one. */
  append(event: DmsEvent): void {
    this.items.push(event);
  }

  /**
   * Puts `late` where inserting them one by one, in arrival order, would:
   * among the held events by time (after those with an equal time), and in
   * arrival order among themselves at equal times. An event older than all
   * held goes first. Returns the absolute position of the first event that
   * moved or arrived: everything before it is as it was.
   */
  merge(late: readonly DmsEvent[]): number {
    // Array.prototype.sort is stable: equal times keep arrival order.
    const sorted = [...late].sort((a, b) => a.time - b.time);
    const earliest = sorted[0];
    if (earliest === undefined) return this.end;
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid]?.time ?? Infinity) <= earliest.time) lo = mid + 1;
      else hi = mid;
    }
    const tail = this.items.slice(lo);
    this.items.length = lo;
    let i = 0;
    let j = 0;
    while (i < tail.length || j < sorted.length) {
      const held = tail[i];
      const added = sorted[j];
      if (held !== undefined && (added === undefined || held.time <= added.time)) {
        this.items.push(held);
        i++;
      } else if (added !== undefined) {
        this.items.push(added);
        j++;
      }
    }
    return this.start + lo - this.head;
  }

  /** Drops the events before absolute position `pos`. */
  dropBefore(pos: number): void {
    const n = Math.min(pos - this.start, this.items.length - this.head);
    if (n <= 0) return;
    this.head += n;
    this.start += n;
    // Compact once the dead prefix outgrows the live part: amortised O(1) per event.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
