/**
 * Two log events can be identical: the same group, stream, timestamp and
 * message (a statement failing in a loop logs the same line several times a
 * second; Live Tail results carry no event id). Their content hash is the
 * same, so the store would keep only one. This numbers repeats within one
 * run of equal timestamps from one source, `id`, `id#1`, `id#2`, ..., so
 * real repeats stay. The same event delivered again later (a reconnect, a
 * backfill, overlapping saves) comes after time has moved on, gets its
 * plain id again, and the store drops it as a duplicate.
 *
 * Identical events share their timestamp, so only the current timestamp's
 * ids are remembered: memory stays tiny and the cost per event is a lookup
 * in a map of a few entries.
 */
export class OccurrenceIds {
  private time = Number.NaN;
  /** The first id at the current time: most timestamps have just one event, and need no map. */
  private firstId = '';
  private counts: Map<string, number> | undefined;

  next(id: string, time: number): string {
    if (time !== this.time) {
      this.time = time;
      this.firstId = id;
      this.counts = undefined;
      return id;
    }
    this.counts ??= new Map([[this.firstId, 1]]);
    const seen = this.counts.get(id) ?? 0;
    this.counts.set(id, seen + 1);
    return seen === 0 ? id : `${id}#${String(seen)}`;
  }
}
