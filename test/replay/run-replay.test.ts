import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ReplayInputError } from '../../src/replay/replay-error.js';
import { runReplay, type ReplayInput } from '../../src/replay/run-replay.js';

async function* bytesOf(text: string): AsyncGenerator<Buffer> {
  await Promise.resolve();
  yield Buffer.from(text);
}

const input = (name: string, text: string): ReplayInput => ({ name, bytes: bytesOf(text) });

async function replay(inputs: readonly ReplayInput[], json = true): Promise<{ out: string; warnings: readonly string[] }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const result = await runReplay(inputs, out, { json });
  return { out: Buffer.concat(chunks).toString('utf8'), warnings: result.warnings };
}

describe('runReplay: notices are return values, errors its own', () => {
  it('returns the warnings about its inputs instead of writing them anywhere', async () => {
    const { out, warnings } = await replay([
      input('mixed.ndjson', '{"message":"ok","timestamp":1722696245000}\n{"message": nope\n'),
      input('cut.json', '{"events": [{"message": "a", "timestamp": 1}, {"message": "b'),
      input('blank.txt', '\n'),
    ]);
    expect(out.trim().split('\n')).toHaveLength(4);
    expect(warnings).toEqual([
      '1 record(s) in mixed.ndjson were not the JSON they looked like and were kept as plain text',
      'cut.json ended in the middle of a JSON document; the events before the cut were read',
      '1 record(s) in cut.json were not the JSON they looked like and were kept as plain text',
      'no log events found in blank.txt',
    ]);
  });

  it('returns no warnings for clean input', async () => {
    expect((await replay([input('ok.txt', 'hello\n')], false)).warnings).toEqual([]);
  });

  it.each([
    ['empty input', [input('empty.txt', '')], 'empty.txt is empty: nothing to replay'],
    ['inputs without events', [input('a.json', '{"events": []}'), input('b.txt', ' \n')], 'no log events found in a.json, b.txt'],
  ])('throws a ReplayInputError for %s', async (_name, inputs, message) => {
    const failure = replay(inputs);
    await expect(failure).rejects.toBeInstanceOf(ReplayInputError);
    await expect(failure).rejects.toThrow(message);
  });
});
