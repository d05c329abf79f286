import { describe, expect, it } from 'vitest';
import { Header, pollAgeText, statusToken } from '../../../components/panes/header/header.js';
import { snapshot } from '../../support/events.js';
import { renderAt } from '../render-at.js';
import { expectFits, HOSTILE, screenLines } from './support.js';

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const running = snapshot({ status: 'running', replicationType: 'full-load-and-cdc', provisionedCapacityUnits: 4, stats: { fullLoadProgressPercent: 42 } });

describe('header', () => {
  it('shows name, region, status badge, type, DCUs, full-load progress, Live Tail and the poll age', () => {
    const r = renderAt(<Header name="orders-cdc" region="eu-central-1" snapshot={running} liveTail={{ state: 'live', eventsPerSecond: 12.34 }} lastPollAt={NOW - 3000} now={NOW} width={100} />, { columns: 100, rows: 2 });
    expect(screenLines(r)).toEqual([
      'orders-cdc eu-central-1   RUNNING   full-load-and-cdc · 4 DCU  full load ████░░░░░░ 42%',
      'Live Tail ● live  12.3 events/s   polled <1m ago',
    ]);
  });

  it('gives the poll age in seconds while the replication is on its way or an action is out, and in whole minutes at rest', () => {
    const line = (over: Partial<Parameters<typeof Header>[0]>): string =>
      screenLines(renderAt(<Header name="r" region="us-east-1" snapshot={running} liveTail={{ state: 'live' }} lastPollAt={NOW - 3000} now={NOW} width={100} {...over} />, { columns: 100, rows: 2 }))[1] ?? '';
    expect(line({})).toBe('Live Tail ● live   polled <1m ago');
    expect(line({ now: NOW + 50_000 })).toBe('Live Tail ● live   polled <1m ago');
    expect(line({ now: NOW + 200_000 })).toBe('Live Tail ● live   polled 3m ago');
    expect(line({ snapshot: snapshot({ status: 'provisioning_capacity' }) })).toBe('Live Tail ● live   polled 3s ago');
    expect(line({ action: { name: 'stop', phase: 'sending', message: 'stop sent', at: NOW } })).toBe('Live Tail ● live   polled 3s ago   ◌ stop sending');
    expect(pollAgeText(3_725_000, true)).toBe('1h 02m ago');
  });

  it('says each Live Tail state in words, and when no poll answered yet', () => {
    const line = (state: 'connecting' | 'reconnecting' | 'sampled' | 'paused'): string =>
      screenLines(renderAt(<Header name="r" region="us-east-1" liveTail={{ state }} now={NOW} width={80} />, { columns: 80, rows: 2 }))[1] ?? '';
    expect(line('reconnecting')).toBe('Live Tail ◌ reconnecting   polled not yet');
    expect(line('sampled')).toMatch(/◐ sampled/);
    expect(line('paused')).toMatch(/‖ paused for cost/);
    expect(line('connecting')).toMatch(/◌ connecting/);
  });

  it('says when Live Tail failed or is off, and why', () => {
    const line = (liveTail: { state: 'failed' | 'off'; reason?: string }): string =>
      screenLines(renderAt(<Header name="r" region="us-east-1" liveTail={liveTail} lastPollAt={NOW} now={NOW} width={120} />, { columns: 120, rows: 2 }))[1] ?? '';
    expect(line({ state: 'failed', reason: 'not allowed to call logs:StartLiveTail' })).toBe('Live Tail ✗ failed  not allowed to call logs:StartLiveTail   polled 0ms ago');
    expect(line({ state: 'off' })).toBe('Live Tail ○ off   polled 0ms ago');
  });

  it('shows the newest action by its phase, stale polls and the clock in use', () => {
    const line = (over: Partial<Parameters<typeof Header>[0]>): string =>
      screenLines(renderAt(<Header name="r" region="us-east-1" liveTail={{ state: 'live' }} lastPollAt={NOW - 5000} now={NOW} width={120} {...over} />, { columns: 120, rows: 2 }))[1] ?? '';
    expect(line({ action: { name: 'stop', phase: 'sending', message: 'stop sent', at: NOW } })).toBe('Live Tail ● live   polled 5s ago   ◌ stop sending');
    expect(line({ action: { name: 'start', startType: 'resume-processing', phase: 'failed', message: 'x', at: NOW }, utc: true })).toBe(
      'Live Tail ● live   polled 5s ago   ✗ start resume-processing failed   times UTC',
    );
    expect(line({ pollStale: true, utc: false })).toBe('Live Tail ● live   polled 5s ago (polls failing)   times local');
  });

  it('gives each status its token: ok, error, warning, in between', () => {
    expect(statusToken('running')).toBe('status.ok');
    expect(statusToken('failed')).toBe('status.error');
    expect(statusToken('stopped')).toBe('status.warning');
    expect(statusToken('provisioning_capacity')).toBe('status.transitional');
    expect(statusToken(undefined)).toBe('status.info');
  });

  it('shows an unknown status before the first poll, and one line at height 1', () => {
    const lines = screenLines(renderAt(<Header name="r" region="us-east-1" liveTail={{ state: 'live' }} now={NOW} width={60} height={1} />, { columns: 60, rows: 1 }));
    expect(lines).toEqual(['r us-east-1   UNKNOWN']);
  });

  it('fits any width, with colour on or off, even with a hostile name', () => {
    for (const color of [true, false]) {
      for (const w of [200, 40, 7, 1]) {
        for (const name of HOSTILE) {
          const r = renderAt(<Header name={name} region="eu-west-1" snapshot={running} liveTail={{ state: 'sampled', eventsPerSecond: 512 }} lastPollAt={NOW - 90_000} now={NOW} width={w} />, { columns: w, rows: 2, color });
          expectFits(r, w, 2);
          expect(r.lastFrame()).not.toContain('\u001b]0;');
          r.unmount();
        }
      }
    }
  });
});
