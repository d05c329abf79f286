import { describe, expect, it } from 'vitest';
import { StringPool } from '../../src/replay/string-pool.js';

describe('StringPool', () => {
  it('returns the first copy for every equal string', () => {
    const pool = new StringPool();
    const first = pool.intern(['dms-serverless', 'replication'].join('-'));
    const again = pool.intern(['dms-serverless', 'replication'].join('-'));
    expect(again).toBe(first);
    expect(pool.intern('other')).toBe('other');
  });

  it('stays bounded and keeps answering correctly once full', () => {
    const pool = new StringPool(3);
    for (let i = 0; i < 100; i++) expect(pool.intern(`s${String(i)}`)).toBe(`s${String(i)}`);
  });
});
