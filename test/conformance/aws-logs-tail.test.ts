import { describe, expect, it } from 'vitest';
import type { SandboxResponseRecord } from '../../src/sandbox/index.js';
import { sandboxFor, T0 } from '../sandbox/support.js';
import { DEBIAN_AWS_CLI, probeDebianAwsCli } from './client-probes.js';
import { gateOnClient } from './client-gate.js';
import { clientEnv, endpointArgs, FollowedProcess } from './client-process.js';

const cli = probeDebianAwsCli();
// Best effort: Debian's awscli is the only AWS CLI v2 an image can install without AWS's own installer.
gateOnClient('the `aws logs tail --follow` conformance test (an AWS CLI v2 command)', cli, 'best-effort');

const DMS_GROUP = 'dms-serverless-replication-EAM3JEHXGBGZBPN5PLON7NPDEE';
const ORCHESTRATOR_STREAM = 'dms-serverless-replication-orchestrator-EAM3JEHXGBGZBPN5PLON7NPDEE';

/** The CLI sleeps 5 s between polls (awscli/customizations/logs/tail.py); one poll plus slack. */
const POLL_DEADLINE_MS = 15_000;

interface FilterPage {
  readonly eventIds: string[];
}

describe.skipIf(!cli.available)(`AWS CLI v2 (${cli.detail}) against the sandbox: aws logs tail --follow`, () => {
  it('prints the group\'s events, then new ones on the next poll, each exactly once', { timeout: 40_000 }, async () => {
    const pages: FilterPage[] = [];
    const sandbox = await sandboxFor({
      scenario: 'happy-path',
      onResponse: (r: SandboxResponseRecord) => {
        if (r.kind === 'output' && r.operation === 'FilterLogEvents' && Array.isArray(r.body.events)) {
          pages.push({ eventIds: r.body.events.map((e: { eventId: string }) => e.eventId) });
        }
      },
    });
    // Auto-start at 20 s: initializing (20 s) and preparing_metadata_resources (26 s).
    await sandbox.advance(30_000);
    // Two events in the same millisecond as the newest: the next poll's inclusive
    // startTime returns them again, and the CLI must tell them apart by eventId.
    sandbox.putLogEvent({ group: DMS_GROUP, stream: 'probe', message: 'same millisecond 1' });
    sandbox.putLogEvent({ group: DMS_GROUP, stream: 'probe', message: 'same millisecond 2' });

    // `--since` is absolute: the sandbox's virtual clock is not the CLI's wall clock.
    const tail = FollowedProcess.start(
      DEBIAN_AWS_CLI,
      ['logs', 'tail', DMS_GROUP, '--follow', '--since', new Date(T0).toISOString(), '--format', 'detailed', ...endpointArgs(sandbox)],
      clientEnv(),
    );
    try {
      await tail.waitForOutput('the first poll', (out) => out.includes('same millisecond 2'), POLL_DEADLINE_MS);
      expect(tail.lines()).toEqual([
        `2024-05-01T07:16:20.000000+00:00 ${ORCHESTRATOR_STREAM} {'replication_state':'initializing', 'message': 'Initializing the replication workflow.'}`,
        expect.stringMatching(/^2024-05-01T07:16:26\.000000\+00:00 dms-serverless-replication-orchestrator-\S+ \{'replication_state':'preparing_metadata_resources'/),
        '2024-05-01T07:16:30.000000+00:00 probe same millisecond 1',
        '2024-05-01T07:16:30.000000+00:00 probe same millisecond 2',
      ]);

      // testing_connection at 60 s, and one more line of our own.
      await sandbox.advance(35_000);
      sandbox.putLogEvent({ group: DMS_GROUP, stream: 'probe', message: 'after the first poll' });
      await tail.waitForOutput('the second poll', (out) => out.includes('after the first poll'), POLL_DEADLINE_MS);
    } finally {
      await tail.kill();
    }

    const lines = tail.lines();
    expect(lines.slice(4).map((l) => l.replace(/^\S+ \S+ /, ''))).toEqual([
      expect.stringMatching(/^\{'replication_state':'testing_connection'/),
      'after the first poll',
    ]);
    expect(new Set(lines).size).toBe(lines.length);
    // The second poll did send the two boundary events again: the CLI's dedup, not luck, kept them single.
    const [first, second] = pages;
    expect(first?.eventIds).toHaveLength(4);
    expect(second?.eventIds.slice(0, 2)).toEqual(first?.eventIds.slice(2));
  });
});
