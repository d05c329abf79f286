// The sandbox for the key measurement, in its own process: the `flood`
// scenario as `dms-live sandbox --scenario flood` runs it, with PREFILL
// events already in its log groups, so the watch's start-up backfill
// (FilterLogEvents) brings them all at once while the flood goes on.
// Prints what `dms-live sandbox` prints. Bundled by scripts/bench/sandbox.mjs.
//
//   node .bench/sandbox-host.bundle.mjs <rate> <prefill>
import { describeSandbox } from '../../src/cli/commands/sandbox.ts';
import { startSandbox } from '../../src/sandbox/index.ts';
import { createEventGenerator, PG_GROUP, RID } from './event-gen.mjs';

const rate = Number(process.argv[2] ?? 500);
const prefill = Number(process.argv[3] ?? 0);
const sandbox = await startSandbox({ scenario: 'flood', port: 0, rate });
const replication = sandbox.replications()[0];
const next = createEventGenerator(7);
const t0 = sandbox.now();
for (let i = 0; i < prefill; i++) {
  const e = next(i, t0);
  // The generator's groups belong to another replication: put its events in this one's.
  const toSource = e.group === PG_GROUP && replication.sourceLogGroup !== undefined;
  const group = toSource ? replication.sourceLogGroup : replication.logGroup;
  const stream = toSource ? e.stream : e.stream.replaceAll(RID, replication.resourceId);
  sandbox.putLogEvent({ group, stream, message: e.message, createGroup: true });
}
process.stdout.write(describeSandbox(sandbox));
const stop = () => {
  void sandbox.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
