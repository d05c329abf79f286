/**
 * Remembers ids that recently left the store, so an event delivered again
 * after it was evicted (a Live Tail reconnect plus backfill, a replay of
 * overlapping files) is still recognised as a duplicate. Two generations of
 * at most `capacity` ids each: memory stays bounded, and at least the last
 * `capacity` evicted ids are always remembered.
 */
export class RecentIds {
  private current = new Set<string>();
  private previous = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(id: string): boolean {
    return this.current.has(id) || this.previous.has(id);
  }

  add(id: string): void {
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Set<string>();
    }
    this.current.add(id);
  }
}
