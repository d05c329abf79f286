/**
 * Hands out one shared string for each distinct value: JSON.parse makes a
 * new copy of a log group ARN and stream name for every event, and events
 * held in the store would each keep their own. Bounded: once full it starts
 * over, which costs a little sharing and never correctness.
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  constructor(private readonly capacity = 1024) {}

  intern(value: string): string {
    const known = this.pool.get(value);
    if (known !== undefined) return known;
    if (this.pool.size >= this.capacity) this.pool.clear();
    this.pool.set(value, value);
    return value;
  }
}
