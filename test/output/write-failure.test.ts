import { describe, expect, it } from 'vitest';
import { describeWriteFailure } from '../../src/output/write-failure.js';

const failure = (code: string | undefined, message = `${code ?? 'E'}: something, write`): Error => Object.assign(new Error(message), code === undefined ? {} : { code });

describe('describeWriteFailure', () => {
  it('has nothing to say about a reader that went away (| head), or a stream already closed by a failure', () => {
    expect(describeWriteFailure(failure('EPIPE'))).toBeUndefined();
    expect(describeWriteFailure(failure('ERR_STREAM_DESTROYED'))).toBeUndefined();
  });

  it.each([
    ['ENOSPC', 'cannot write the output: no space left on device (ENOSPC)'],
    ['EDQUOT', 'cannot write the output: disk quota exceeded (EDQUOT)'],
    ['EIO', 'cannot write the output: input/output error (EIO)'],
    ['ENOBUFS', 'cannot write the output: the system ran out of buffer space (ENOBUFS)'],
    ['EWHATEVER', 'cannot write the output: something, write (EWHATEVER)'],
  ])('names %s in one line', (code, line) => {
    expect(describeWriteFailure(failure(code))).toBe(line);
  });

  it('falls back to the message of an error without a code', () => {
    expect(describeWriteFailure(failure(undefined, 'the stream broke'), 'stdout')).toBe('cannot write stdout: the stream broke');
  });
});
