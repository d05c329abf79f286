/**
 * Two log events can be identical: the same group, stream, timestamp and
 * message (PostgreSQL repeats a STATEMENT line within one second; Live Tail
 * results carry no event id). Their content hash is the same, so the store
 * would keep only one. This numbers repeats within one source, `id`, `id#1`,
 * `id#2`, ..., so that real repeats stay while the same event delivered by
 * two sources (a reconnect, a backfill) still gets the same id. Memory is
 * bounded: counts are kept for the last `capacity` distinct ids or more.
 */
export class OccurrenceIds {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();

  constructor(private readonly capacity = 50_000) {}

  next(id: string): string {
    const seen = this.current.get(id) ?? this.previous.get(id) ?? 0;
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Map<string, number>();
    }
    this.current.set(id, seen + 1);
    return seen === 0 ? id : `${id}#${String(seen)}`;
  }
}
