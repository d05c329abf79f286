// Generates a file of mixed DMS Serverless log events for benchmarks (the
// mix of scripts/bench/event-gen.mjs) in one of the formats `dms-live replay` reads.
//
//   node scripts/gen-events.mjs --count 1000000 --format aws-json --out FILE
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { createEventGenerator } from './bench/event-gen.mjs';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    format: { type: 'string', default: 'aws-json' },
    out: { type: 'string' },
    seed: { type: 'string', default: '42' },
  },
});
if (values.out === undefined) throw new Error('--out FILE is required');
const count = Number(values.count);
const format = values.format;

const event = createEventGenerator(values.seed);

const out = createWriteStream(values.out, { highWaterMark: 1 << 20 });
const write = async (s) => {
  if (!out.write(s)) await once(out, 'drain');
};

const t0 = Date.UTC(2024, 7, 3, 14, 0, 0);
if (format === 'aws-json') await write('{\n    "events": [\n');
if (format === 'json-array') await write('[\n');
let chunk = [];
for (let i = 0; i < count; i++) {
  const t = t0 + Math.floor(i * 3.7);
  const e = event(i, t);
  let s;
  if (format === 'aws-json' || format === 'json-array') {
    const body = JSON.stringify({ logStreamName: e.stream, timestamp: t, message: e.message, ingestionTime: t + 120, eventId: `${String(t).padStart(20, '0')}${String(i).padStart(36, '0')}` }, null, 4)
      .split('\n')
      .map((l) => `        ${l}`)
      .join('\n');
    s = `${body}${i + 1 < count ? ',' : ''}\n`;
  } else if (format === 'ndjson') {
    s = `${JSON.stringify({ logGroupIdentifier: `arn:aws:logs:eu-central-1:123456789012:log-group:${e.group}`, logStreamName: e.stream, timestamp: t, message: e.message, ingestionTime: t + 120 })}\n`;
  } else {
    s = `${e.message}\n`;
  }
  chunk.push(s);
  if (chunk.length >= 2000) {
    await write(chunk.join(''));
    chunk = [];
  }
}
await write(chunk.join(''));
if (format === 'aws-json') await write('    ],\n    "searchedLogStreams": []\n}\n');
if (format === 'json-array') await write(']\n');
out.end();
await once(out, 'finish');
