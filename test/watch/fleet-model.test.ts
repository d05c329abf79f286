import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/sources/backoff.js';
import { FleetModel } from '../../src/watch/fleet-model.js';
import { onCleanup, runFor, sandboxApis, sandboxClock, sandboxFor } from '../live/support.js';
import { ManualClock } from '../support/manual-clock.js';
import { countDms } from './live-model-harness.js';

/** FleetModel (src/watch/fleet-model.ts): every replication of a region for the picker, against the sandbox. */

async function fleetModel(faults: Parameters<typeof sandboxFor>[0] = {}) {
  const sandbox = await sandboxFor({ scenario: 'fleet', autoStart: false, ...faults });
  const base = sandboxApis(sandbox);
  const dms = countDms(base.dms);
  const clock = sandboxClock(sandbox);
  const frames = new ManualClock(0);
  const model = new FleetModel({
    apis: { ...base, dms },
    clock,
    frameClock: frames,
    region: sandbox.region,
    pageSize: 20,
    backoff: new Backoff({ baseMs: 2_000, maxMs: 60_000, random: () => 0.5 }),
  });
  onCleanup(() => model.close());
  let heard = 0;
  model.subscribe(() => heard++);
  model.open();
  const advance = async (ms: number): Promise<void> => {
    await runFor(sandbox, ms, () => dms.inFlight === 0);
    await frames.advance(100);
  };
  return { sandbox, model, dms, clock, frames, advance, heard: () => heard };
}

describe('FleetModel', () => {
  it("lists every replication in DMS's order, with when it was polled, announced once per answer", async () => {
    const { model, advance, heard, dms, frames } = await fleetModel();
    expect(model.getSnapshot()).toMatchObject({ version: 0, region: 'eu-central-1', stale: false });
    expect(model.getSnapshot().replications).toBeUndefined();
    await advance(0);
    const listed = model.getSnapshot();
    expect(listed.replications).toHaveLength(25);
    expect(listed.replications?.[0]?.configId).toBe('orders-to-lake');
    expect(listed.lastPollAt).toBe(listed.now);
    expect(listed.error).toBeUndefined();
    expect(heard()).toBe(1);
    expect(model.getSnapshot()).toBe(listed);
    // Nothing changes until the next poll (15 s at rest) or the 10 s tick.
    await frames.advance(5000);
    expect(heard()).toBe(1);
    model.refresh();
    await advance(0);
    expect(dms.calls.describeReplications).toBe(4);
    expect(heard()).toBe(2);
    expect(model.getSnapshot().lastPollAt).toBe(listed.lastPollAt);
  });

  it('shows the last poll error as one line naming the IAM action, until a poll succeeds again', async () => {
    const { sandbox, model, advance } = await fleetModel({ faults: { denyActions: ['DescribeReplications'] } });
    await advance(0);
    const denied = model.getSnapshot();
    expect(denied.replications).toBeUndefined();
    expect(denied.error).toMatch(/dms:DescribeReplications/);
    expect(denied.error).not.toMatch(/\n/);
    sandbox.setFaults({ denyActions: [] });
    for (let t = 0; t < 120_000 && model.getSnapshot().replications === undefined; t += 1000) await advance(1000);
    const recovered = model.getSnapshot();
    expect(recovered.replications).toHaveLength(25);
    expect(recovered.error).toBeUndefined();
    expect(recovered.stale).toBe(false);
  });

  it('leaves no timer when closed', async () => {
    const { model, advance, clock, frames } = await fleetModel();
    await advance(0);
    await model.close();
    expect(clock.pending()).toBe(0);
    expect(frames.pending()).toBe(0);
  });
});
