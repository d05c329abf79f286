import type { ConnectionAttempt, ConnectionCounts, ConnectionOutcome } from './connections.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type MutableAttempt = Mutable<ConnectionAttempt>;

/**
 * An attempt as the list holds it: with its place among all attempts ever
 * held (`dropped` + index), the same in every clone, so an attempt is found
 * in O(1) without a WeakMap (whose entries cost the garbage collector at
 * each of the 10,000s of attempts). Not enumerable: a spread (list()'s
 * copies) leaves it out.
 */
type Held = MutableAttempt & { readonly position?: number };

function place(attempt: MutableAttempt, position: number): void {
  Object.defineProperty(attempt, 'position', { value: position });
}

/** Tells clones apart: an attempt a list made or copied in its current generation is its own to change. */
let generations = 0;

/**
 * The connection attempts of a ConnectionsBuilder, oldest first, kept so
 * that asking for them on every live update costs what changed, not what
 * is held (the dashboard lists up to 10,000 attempts ten times a second):
 * - the copy `list()` gave of an attempt is given again until it changes;
 * - counts by outcome are kept up as outcomes change, not counted again;
 * - a clone (LiveSummary keeps clones to fold again from after a late
 *   event) shares every attempt, and each list copies an attempt only when
 *   it is about to change one the other may still hold (copy on write).
 */
export class AttemptList {
  private items: MutableAttempt[] = [];
  /** `listed[i]`: the copy list() gave of `items[i]`, until it changes. */
  private listed: (ConnectionAttempt | undefined)[] = [];
  /** `gens[i]`: the generation that made or copied `items[i]`; only the current one may change it in place. */
  private gens: number[] = [];
  private gen = ++generations;
  private cut = 0;
  private byOutcome: Record<ConnectionOutcome, number> = emptyCounts();
  private droppedByOutcome: Record<ConnectionOutcome, number> = emptyCounts();

  get length(): number {
    return this.items.length;
  }

  /** Attempts dropped to stay within the limit. */
  get dropped(): number {
    return this.cut;
  }

  push(attempt: MutableAttempt): void {
    place(attempt, this.cut + this.items.length);
    this.items.push(attempt);
    this.listed.push(undefined);
    this.gens.push(this.gen);
    this.byOutcome[attempt.outcome] += 1;
  }

  /** Beyond twice `limit`, drops the oldest down to `limit` (counted by the outcome they had then). */
  bound(limit: number): void {
    if (this.items.length <= limit * 2) return;
    const cut = this.items.length - limit;
    for (let i = 0; i < cut; i++) {
      const outcome = this.items[i]?.outcome;
      if (outcome === undefined) continue;
      this.byOutcome[outcome] -= 1;
      this.droppedByOutcome[outcome] += 1;
    }
    this.cut += cut;
    this.items = this.items.slice(cut);
    this.listed = this.listed.slice(cut);
    this.gens = this.gens.slice(cut);
  }

  /**
   * `attempt`, ready to change: itself when this list may change it in
   * place, else a copy that takes its place here. The caller replaces its
   * own references when the result differs. Its listed copy is dropped.
   */
  edit(attempt: MutableAttempt): MutableAttempt {
    const index = this.indexOf(attempt);
    if (index !== undefined) this.listed[index] = undefined;
    if (index !== undefined && this.gens[index] === this.gen) return attempt;
    // Shared with a clone, or dropped from the list (then nobody lists it, but it may still change).
    const copy = { ...attempt };
    const position = (attempt as Held).position;
    if (position !== undefined) place(copy, position);
    if (index !== undefined) {
      this.items[index] = copy;
      this.gens[index] = this.gen;
    }
    return copy;
  }

  /** Counts an outcome change `edit` allowed; an attempt dropped already keeps the count it had. */
  recount(attempt: MutableAttempt, before: ConnectionOutcome): void {
    if (attempt.outcome === before || this.indexOf(attempt) === undefined) return;
    this.byOutcome[before] -= 1;
    this.byOutcome[attempt.outcome] += 1;
  }

  /** The newest `limit` attempts, oldest first, each the same copy as last time unless it changed. */
  list(limit: number): ConnectionAttempt[] {
    const from = Math.max(0, this.items.length - limit);
    for (let i = from; i < this.items.length; i++) {
      const item = this.items[i];
      if (this.listed[i] === undefined && item !== undefined) this.listed[i] = { ...item };
    }
    return this.listed.slice(from) as ConnectionAttempt[];
  }

  /** Attempts that began at or after `since`, oldest first, at most `max`. */
  since(since: number, max: number): ConnectionAttempt[] {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid]?.start ?? Infinity) < since) lo = mid + 1;
      else hi = mid;
    }
    return this.items.slice(lo, lo + max);
  }

  /** Counts over every attempt seen, including those dropped. */
  counts(): ConnectionCounts {
    const byOutcome = { ...this.droppedByOutcome };
    for (const [outcome, n] of Object.entries(this.byOutcome) as [ConnectionOutcome, number][]) byOutcome[outcome] += n;
    return { total: this.items.length + this.cut, byOutcome };
  }

  /** A list that changes on by itself; both share the attempts until one changes them. */
  clone(): AttemptList {
    const copy = new AttemptList();
    copy.items = this.items.slice();
    copy.listed = this.listed.slice();
    copy.gens = this.gens.slice();
    copy.cut = this.cut;
    copy.byOutcome = { ...this.byOutcome };
    copy.droppedByOutcome = { ...this.droppedByOutcome };
    // Shared from now on: neither may change them in place.
    this.gen = ++generations;
    return copy;
  }

  private indexOf(attempt: MutableAttempt): number | undefined {
    const position = (attempt as Held).position;
    if (position === undefined) return undefined;
    const index = position - this.cut;
    return this.items[index] === attempt ? index : undefined;
  }
}

function emptyCounts(): Record<ConnectionOutcome, number> {
  return { pending: 0, authenticated: 0, connected: 0, closed: 0, auth_failed: 0, failed: 0 };
}
