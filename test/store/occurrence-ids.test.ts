import { describe, expect, it } from 'vitest';
import { OccurrenceIds } from '../../src/store/occurrence-ids.js';

describe('OccurrenceIds', () => {
  it('numbers identical events within one timestamp', () => {
    const ids = new OccurrenceIds();
    expect([ids.next('a', 1), ids.next('a', 1), ids.next('b', 1), ids.next('a', 1)]).toEqual(['a', 'a#1', 'b', 'a#2']);
  });

  it('gives an event seen again after time moved on its plain id, so the store can drop it', () => {
    const ids = new OccurrenceIds();
    ids.next('a', 1);
    ids.next('b', 2);
    expect(ids.next('a', 1)).toBe('a');
  });
});
