import { describe, expect, it } from 'vitest';
import { StringPool } from '../../src/parse/string-pool.js';

describe('StringPool', () => {
  // Sharing itself cannot be observed from JavaScript; what must hold is that
  // pooling never changes a value, before or after the pool starts over.
  it('always answers with an equal string, also once full', () => {
    const pool = new StringPool(3);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 50; i++) expect(pool.intern(`s${String(i % 7)}`)).toBe(`s${String(i % 7)}`);
    }
  });
});
