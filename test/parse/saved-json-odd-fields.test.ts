import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../src/parse/event-size.js';
import { recordFromJson } from '../../src/parse/record-from-json.js';

describe('recordFromJson: fields of hand-made files that are not what they claim', () => {
  it.each([
    ['a list', [5]],
    ['an object', { ms: 5 }],
    ['a boolean', true],
  ])('takes no time from a timestamp that is %s', (_name, timestamp) => {
    expect(recordFromJson({ message: 'm', timestamp })?.timestamp).toBeUndefined();
  });

  it('ignores a negative count of bytes cut before, counting only its own cut', () => {
    const long = 'x'.repeat(MAX_MESSAGE_BYTES + 10);
    expect(recordFromJson({ raw: long, cutBytes: -5 })?.cutBytes).toBe(10);
  });
});
