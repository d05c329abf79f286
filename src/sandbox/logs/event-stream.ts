import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/**
 * AWS event-stream frames (`application/vnd.amazon.eventstream`) as Live
 * Tail sends them (src/FACTS.md): events carry `:message-type event`,
 * `:event-type <member>` and `:content-type application/json` with the member
 * structure as payload; exceptions carry `:message-type exception` and
 * `:exception-type <Name>`.
 */

const codec = new EventStreamCodec(toUtf8, fromUtf8);

const JSON_CONTENT = { type: 'string', value: 'application/json' } as const;

export function eventFrame(eventType: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: eventType },
      ':content-type': JSON_CONTENT,
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

export function exceptionFrame(exceptionType: string, payload: { message: string }): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'exception' },
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': JSON_CONTENT,
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** Decodes a whole stream of frames (for tests and tools reading a raw stream); each frame starts with its total length. */
export function decodeFrames(bytes: Uint8Array): { headers: Record<string, string>; body: string }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { headers: Record<string, string>; body: string }[] = [];
  for (let offset = 0; offset + 4 <= bytes.byteLength; ) {
    const length = view.getUint32(offset);
    const message = codec.decode(bytes.subarray(offset, offset + length));
    const headers: Record<string, string> = {};
    for (const [name, header] of Object.entries(message.headers)) headers[name] = String(header.value);
    out.push({ headers, body: toUtf8(message.body) });
    offset += length;
  }
  return out;
}
