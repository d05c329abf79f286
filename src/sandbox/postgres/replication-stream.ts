import type { Client } from 'pg';

/** What the streaming replication protocol needs of a pg connection, which its types leave out. */
interface CopyBothConnection {
  on(event: 'copyData', listener: (message: { readonly chunk: Buffer }) => void): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** A stream that is running. */
export interface SlotStream {
  /** Ends it as a client ends streaming (CopyDone), so the walsender finishes cleanly before the session closes. */
  stop(): Promise<void>;
}

/** How long a stop waits for the server to end the stream before the session is just closed. */
const STOP_WAIT_MS = 2000;

/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01). */
const PG_EPOCH_MICROS = 946_684_800_000_000n;

/**
 * Streams a logical replication slot as DMS's CDC does: on a connection
 * opened with `replication=database`, `START_REPLICATION SLOT ... LOGICAL`,
 * then answers the server's keepalives with standby status updates
 * (PostgreSQL docs, "Streaming Replication Protocol"), so the walsender is
 * never cut off by `wal_sender_timeout`. Changes are read and dropped.
 * Resolves when the stream has started; it runs until stopped.
 */
export async function streamSlot(client: Client, slot: string): Promise<SlotStream> {
  const connection = client.connection as unknown as CopyBothConnection;
  let received = 0n;
  connection.on('copyData', ({ chunk }) => {
    const kind = chunk[0];
    if (kind === 0x77 && chunk.length >= 17) {
      // XLogData: 'w', start LSN, end of WAL on the server, ...
      received = maxLsn(received, chunk.readBigUInt64BE(9));
    } else if (kind === 0x6b && chunk.length >= 18) {
      // Primary keepalive: 'k', end of WAL, server time, reply requested.
      received = maxLsn(received, chunk.readBigUInt64BE(1));
      if (chunk[17] === 1) connection.sendCopyFromChunk(statusUpdate(received));
    }
  });
  const started = new Promise<void>((resolve) => {
    client.connection.once('replicationStart', () => {
      resolve();
    });
  });
  // The query ends only with the stream: after a CopyDone, or rejected when the session or the server goes.
  const streaming = client.query(`START_REPLICATION SLOT ${client.escapeIdentifier(slot)} LOGICAL 0/0`).then(
    () => undefined,
    () => undefined,
  );
  const how = await Promise.race([started.then(() => 'started' as const), streaming.then(() => 'refused' as const)]);
  // Refused (no such slot, no REPLICATION): the server has logged why, and there is nothing to stop.
  if (how === 'refused') return { stop: () => Promise.resolve() };
  return {
    stop: async () => {
      connection.endCopyFrom();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([streaming, new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
      clearTimeout(timer);
    },
  };
}

/** Standby status update: 'r', written, flushed and applied up to `lsn`, the client's clock, no reply wanted. */
function statusUpdate(lsn: bigint): Buffer {
  const message = Buffer.alloc(34);
  message[0] = 0x72;
  message.writeBigUInt64BE(lsn, 1);
  message.writeBigUInt64BE(lsn, 9);
  message.writeBigUInt64BE(lsn, 17);
  message.writeBigInt64BE(BigInt(Date.now()) * 1000n - PG_EPOCH_MICROS, 25);
  message[33] = 0;
  return message;
}

function maxLsn(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
