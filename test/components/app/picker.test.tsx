import { describe, expect, it, vi } from 'vitest';
import { Picker } from '../../../components/app/picker/picker.js';
import { pickerRows } from '../../../components/app/picker/picker-rows.js';
import { initialPicker, pickerReducer, type PickerAction } from '../../../components/app/picker/picker-state.js';
import { createKeymap } from '../../../components/keys/keymap.js';
import { flush, renderAt } from '../render-at.js';
import { expectFits, HOSTILE, screenLines } from '../panes/support.js';
import { FakeFleetSource, listed, T0 } from './fake-sources.js';

const FLEET = [
  listed('orders-cdc', 'running', { replicationType: 'cdc', provisionedCapacityUnits: 4, updateTime: T0 - 3 * 60_000 }),
  listed('billing-load', 'stopped', { replicationType: 'full-load', provisionedCapacityUnits: 2, stats: { fullLoadProgressPercent: 100 }, updateTime: T0 - 2 * 3600_000 }),
  listed('audit-sync', 'failed', { replicationType: 'full-load-and-cdc', provisionedCapacityUnits: 8, failureMessages: ['Test connection failed'], updateTime: T0 - 30_000 }),
  listed('archive', 'provisioning_capacity', { replicationType: 'full-load-and-cdc', stats: { fullLoadProgressPercent: 0 } }),
];

function picker(fleet: FakeFleetSource, over: { opening?: string; openError?: string; onOpen?: (arn: string) => void; onQuit?: () => void } = {}) {
  return (
    <Picker
      fleet={fleet}
      keymap={createKeymap()}
      width={100}
      height={14}
      {...(over.opening === undefined ? {} : { opening: over.opening })}
      {...(over.openError === undefined ? {} : { openError: over.openError })}
      onOpen={(row) => over.onOpen?.(row.arn)}
      onQuit={over.onQuit ?? (() => undefined)}
    />
  );
}

const arn = (name: string): string => listed(name, 'running').configArn;

describe('picker rows', () => {
  it('lists failed first, then moving, running, stopped, by name within each', () => {
    expect(pickerRows(FLEET, '').map((r) => r.name)).toEqual(['audit-sync', 'archive', 'orders-cdc', 'billing-load']);
  });

  it('filters by name, status or type, ignoring case', () => {
    expect(pickerRows(FLEET, 'ORDERS').map((r) => r.name)).toEqual(['orders-cdc']);
    expect(pickerRows(FLEET, 'stopped').map((r) => r.name)).toEqual(['billing-load']);
    expect(pickerRows(FLEET, 'full-load-and').map((r) => r.name)).toEqual(['audit-sync', 'archive']);
    expect(pickerRows(FLEET, 'nothing')).toEqual([]);
  });
});

describe('picker state', () => {
  const rows = ['a', 'b', 'c'];
  const run = (...actions: PickerAction[]) => actions.reduce(pickerReducer, initialPicker);

  it('moves the cursor within the rows and keeps it on the same replication when the list reorders', () => {
    expect(run({ type: 'move', by: 1, rows }).selected).toBe('b');
    expect(run({ type: 'move', by: 10, rows }).selected).toBe('c');
    expect(run({ type: 'move', by: -1, rows }).selected).toBe('a');
    expect(run({ type: 'last', rows }, { type: 'first', rows }).selected).toBe('a');
    expect(run({ type: 'move', by: 1, rows }, { type: 'move', by: 1, rows: ['b', 'x', 'a'] }).selected).toBe('x');
  });

  it('follows the prompt as it is typed, keeps it on Enter and forgets it on Esc', () => {
    const typed = run({ type: 'filterOpen' }, { type: 'filterKey', key: 'a' }, { type: 'filterKey', key: 'b' }, { type: 'filterKey', key: 'backspace' });
    expect(typed.prompt).toBe('a');
    expect(pickerReducer(typed, { type: 'filterApply' })).toMatchObject({ query: 'a', prompt: undefined });
    expect(pickerReducer(typed, { type: 'filterCancel' })).toMatchObject({ query: '', prompt: undefined });
  });
});

describe('picker', () => {
  it('shows a loading line before the first answer, then the table', async () => {
    const fleet = new FakeFleetSource();
    const r = renderAt(picker(fleet), { columns: 100, rows: 15 });
    expect(r.plainFrame()).toContain('loading…');
    fleet.set({ replications: FLEET, lastPollAt: T0 - 2000 });
    await vi.waitFor(() => {
      expect(r.plainFrame()).toContain('audit-sync');
    });
    const lines = screenLines(r);
    expect(lines[0]).toMatch(/^DMS Serverless replications eu-central-1 {2}4 {3}polled 2s ago$/);
    expect(lines[2]).toMatch(/^ {2}NAME +STATUS +TYPE +DCU +FULL LOAD +CHANGED$/);
    expect(lines[3]).toMatch(/^▶ audit-sync +failed +full-load-and-cdc +8 +- +30s$/);
    expect(lines[4]).toMatch(/^ {2}archive +provisioning_capacity +full-load-and-cdc +- +░░░░░░ 0% +-$/);
    expect(lines[5]).toMatch(/^ {2}orders-cdc +running +cdc +4 +- +3m$/);
    expect(lines[6]).toMatch(/^ {2}billing-load +stopped +full-load +2 +██████ 100% +2h$/);
    expect(lines.at(-1)).toBe('q quit  ? help  Enter open  / filter');
    expectFits(r, 100, 14);
  });

  it('shows each status in its colour', () => {
    const fleet = new FakeFleetSource({ replications: FLEET });
    const r = renderAt(picker(fleet), { columns: 100, rows: 15, color: true });
    // Red (SGR 31) for failed, green (32) for running: the theme's status tokens.
    expect(r.lastFrame()).toContain('\u001b[31mfailed');
    expect(r.lastFrame()).toContain('\u001b[32mrunning');
  });

  it('says so when the region has no replication, and shows the fleet error as one line', async () => {
    const fleet = new FakeFleetSource({ replications: [] });
    const r = renderAt(picker(fleet), { columns: 100, rows: 15 });
    expect(r.plainFrame()).toContain('No replications in eu-central-1.');
    fleet.set({ error: 'not allowed to call dms:DescribeReplications: add it to the policy of profile default' });
    await vi.waitFor(() => {
      expect(screenLines(r)[1]).toBe('✗ not allowed to call dms:DescribeReplications: add it to the policy of profile default');
    });
  });

  it('moves with j, k, G and g, and opens the replication under the cursor with Enter', async () => {
    const fleet = new FakeFleetSource({ replications: FLEET });
    const onOpen = vi.fn();
    const r = renderAt(picker(fleet, { onOpen }), { columns: 100, rows: 15 });
    r.type('jj');
    await vi.waitFor(() => {
      expect(screenLines(r)[5]).toMatch(/^▶ orders-cdc/);
    });
    r.type('\r');
    await vi.waitFor(() => {
      expect(onOpen).toHaveBeenCalledWith(arn('orders-cdc'));
    });
    r.type('G');
    r.type('\r');
    r.type('gk');
    r.type('\r');
    await vi.waitFor(() => {
      expect(onOpen.mock.calls.map((c) => c[0] as string)).toEqual([arn('orders-cdc'), arn('billing-load'), arn('audit-sync')]);
    });
  });

  it('filters with /, as it is typed; Enter keeps the filter and Esc cancels it', async () => {
    const fleet = new FakeFleetSource({ replications: FLEET });
    const onOpen = vi.fn();
    const r = renderAt(picker(fleet, { onOpen }), { columns: 100, rows: 15 });
    r.type('/');
    r.type('cdc');
    await vi.waitFor(() => {
      expect(screenLines(r).at(-1)).toMatch(/^filter: cdc +Enter apply {2}Esc cancel$/);
    });
    expect(r.plainFrame()).not.toContain('billing-load');
    expect(r.plainFrame()).toContain('orders-cdc');
    r.type('\x1b');
    await vi.waitFor(() => {
      expect(r.plainFrame()).toContain('billing-load');
    });
    r.type('/stop');
    r.type('\r');
    await vi.waitFor(() => {
      expect(screenLines(r)[0]).toContain('1 of 4  filter stop');
    });
    expect(r.plainFrame()).not.toContain('orders-cdc');
    r.type('q');
    r.type('\r');
    await vi.waitFor(() => {
      expect(onOpen).toHaveBeenCalledWith(arn('billing-load'));
    });
  });

  it('says when nothing matches the filter', async () => {
    const r = renderAt(picker(new FakeFleetSource({ replications: FLEET })), { columns: 100, rows: 15 });
    r.type('/zzz');
    await vi.waitFor(() => {
      expect(r.plainFrame()).toContain('No replication matches "zzz".');
    });
  });

  it('refreshes with r and follows what the fleet announces', async () => {
    const fleet = new FakeFleetSource({ replications: FLEET });
    const r = renderAt(picker(fleet), { columns: 100, rows: 15 });
    r.type('r');
    await vi.waitFor(() => {
      expect(fleet.refreshes).toBe(1);
    });
    fleet.set({ replications: [...FLEET, listed('zeta', 'failed')] });
    await vi.waitFor(() => {
      expect(screenLines(r)[4]).toMatch(/zeta +failed/);
    });
  });

  it('shows what it opens, and why an open failed', () => {
    const fleet = new FakeFleetSource({ replications: FLEET });
    expect(screenLines(renderAt(picker(fleet, { opening: 'orders-cdc' }), { columns: 100, rows: 15 }))[1]).toMatch(/^. opening orders-cdc…$/);
    expect(screenLines(renderAt(picker(fleet, { openError: 'replication orders-cdc not found' }), { columns: 100, rows: 15 }))[1]).toBe('✗ replication orders-cdc not found');
  });

  it('quits with q and shows its keys with ?', async () => {
    const onQuit = vi.fn();
    const r = renderAt(picker(new FakeFleetSource({ replications: FLEET }), { onQuit }), { columns: 100, rows: 30 });
    r.type('?');
    await vi.waitFor(() => {
      expect(r.plainFrame()).toContain('Open the selected replication');
    });
    expect(r.plainFrame()).not.toContain('Stop the replication');
    r.type('\x1b');
    await flush();
    r.type('q');
    await vi.waitFor(() => {
      expect(onQuit).toHaveBeenCalledTimes(1);
    });
  });

  it('fits any size with hostile names, colour on and off, the cursor always in view', async () => {
    const many = Array.from({ length: 60 }, (_, i) => listed(`r${String(i).padStart(2, '0')}`, 'running', { updateTime: T0 }));
    const hostile = HOSTILE.map((name, i) => listed(name, i === 0 ? 'failed' : 'stopped', { replicationType: name }));
    for (const color of [true, false]) {
      for (const [w, h] of [[120, 20], [60, 10], [30, 6]] as const) {
        const fleet = new FakeFleetSource({ replications: [...hostile, ...many] });
        const r = renderAt(<Picker fleet={fleet} keymap={createKeymap()} width={w} height={h} onOpen={() => undefined} onQuit={() => undefined} />, { columns: w, rows: h + 1, color });
        r.type('G');
        await flush();
        expectFits(r, w, h);
        expect(r.plainFrame()).toContain('▶ ');
        expect(r.lastFrame()).not.toContain('\u001b]0;');
        r.unmount();
      }
    }
  });
});
