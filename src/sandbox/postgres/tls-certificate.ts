import { execFile } from 'node:child_process';
import { chmod, chown, stat } from 'node:fs/promises';
import { join } from 'node:path';

const CERT = 'server.crt';
const KEY = 'server.key';

/**
 * A throwaway self-signed certificate in the data directory, so DMS's
 * connections use TLS as they do on RDS (`sslmode=require`: the log's
 * `SSL enabled (protocol=TLSv1.3, ...)`). Made with the `openssl` command;
 * where there is none, the server runs without TLS and says so in no line
 * (its connections then read `no encryption`). Returns the server's flags.
 */
export async function writeCertificate(dataDir: string): Promise<string[]> {
  const cert = join(dataDir, CERT);
  const key = join(dataDir, KEY);
  const made = await new Promise<boolean>((resolve) => {
    execFile(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=localhost', '-days', '30', '-keyout', key, '-out', cert],
      { timeout: 10_000 },
      (err) => {
        resolve(err === null);
      },
    );
  });
  if (!made) return [];
  // PostgreSQL wants its key private to the user it runs as (`postgres` when the sandbox is root).
  await chmod(key, 0o600);
  if (process.getuid?.() === 0) {
    const { uid, gid } = await stat(dataDir);
    await chown(key, uid, gid);
    await chown(cert, uid, gid);
  }
  return ['-c', 'ssl=on', '-c', `ssl_cert_file=${CERT}`, '-c', `ssl_key_file=${KEY}`];
}
