import { describe, expect, it } from 'vitest';
import { FailureCard } from '../../../components/panes/failures/failure-card.js';
import { failureCardReducer, initialFailureCard } from '../../../components/panes/failures/failure-card-state.js';
import { toSafeLine } from '../../../src/parse/safe-text.js';
import type { FailureHighlight } from '../../../src/select/failures.js';
import { renderAt } from '../render-at.js';
import { expectFits, HOSTILE, screenLines } from './support.js';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

function failure(key: string, lastTime: number, extra: Partial<FailureHighlight> = {}): FailureHighlight {
  return { key, time: lastTime, lastTime, count: 1, source: 'dms', title: 'Replication failed', text: key, hint: 'check', eventId: key, ...extra };
}

const failures = [
  failure('a', T0, { title: 'PostgreSQL refused login', text: 'password authentication failed for user "dms_user"', hint: 'Check the DMS endpoint password.', count: 3 }),
  failure('b', T0 + 60_000, { title: 'Replication failed', text: 'Test connection for the source endpoint failed.', hint: 'PostgreSQL refused the login: check the user and password.' }),
  failure('c', T0 + 30_000, { title: 'Replication stopped abnormally', text: 'Stop Reason FATAL_ERROR', hint: 'Look at the task log.' }),
];

describe('failure card', () => {
  it('shows every failure newest first with its message and what to check, inside a border', () => {
    const r = renderAt(<FailureCard failures={failures} width={80} height={20} utc dismissHint="d dismiss" />, { columns: 80, rows: 20 });
    const lines = screenLines(r);
    expect(lines[0]).toMatch(/^╔═+╗$/);
    expect(lines[1]).toMatch(/^║ ✗ 3 failures +d dismiss ║$/);
    expect(lines[2]).toMatch(/^║ 12:01:00 Replication failed +║$/);
    expect(lines[3]).toMatch(/^║ Test connection for the source endpoint failed\. +║$/);
    expect(lines[4]).toMatch(/^║ → PostgreSQL refused the login: check the user and password\. +║$/);
    expect(lines[5]).toMatch(/12:00:30 Replication stopped abnormally/);
    expect(lines[8]).toMatch(/12:00:00 PostgreSQL refused login ×3/);
    expect(lines[11]).toMatch(/^╚═+╝$/);
    expect(lines).toHaveLength(12);
  });

  it('shows what fits, newest first, and how many more there are', () => {
    const r = renderAt(<FailureCard failures={failures} width={60} height={9} utc />, { columns: 60, rows: 9 });
    const lines = screenLines(r);
    expect(lines).toHaveLength(9);
    expect(lines[2]).toMatch(/Replication failed/);
    expect(lines[5]).toMatch(/Replication stopped abnormally/);
    expect(lines[1]).toMatch(/^║ ✗ 3 failures, 1 older not shown +║$/);
    expect(lines[7]).toMatch(/Look at the task log/);
  });

  it('scrolls to older failures, counting the newer ones above', () => {
    const r = renderAt(<FailureCard failures={failures} width={60} height={9} utc skip={1} />, { columns: 60, rows: 9 });
    const lines = screenLines(r);
    expect(lines[1]).toMatch(/^║ ✗ 3 failures, 1 newer not shown +║$/);
    expect(lines[2]).toMatch(/Replication stopped abnormally/);
    expect(lines[5]).toMatch(/PostgreSQL refused login ×3/);
  });

  it('disappears when dismissed, and comes back for a new failure', () => {
    const dismissed = failureCardReducer(initialFailureCard, { type: 'dismiss', failures });
    const r = renderAt(<FailureCard failures={failures} state={dismissed} width={60} height={9} />, { columns: 60, rows: 9 });
    expect(r.plainFrame().trim()).toBe('');
    r.rerender(<FailureCard failures={[...failures, failure('d', T0 + 120_000, { text: 'no pg_hba.conf entry' })]} state={dismissed} width={60} height={9} utc />);
    expect(screenLines(r)[1]).toMatch(/✗ 1 failure\b/);
    expect(screenLines(r)[3]).toMatch(/no pg_hba\.conf entry/);
  });

  it('is drawn in the error colour and a double border without colour, so it cannot be missed', () => {
    const plain = screenLines(renderAt(<FailureCard failures={failures} width={40} height={6} />, { columns: 40, rows: 6 }));
    expect(plain[0]).toMatch(/^╔/);
    const coloured = screenLines(renderAt(<FailureCard failures={failures} width={40} height={6} />, { columns: 40, rows: 6, color: true }));
    expect(coloured[0]).toMatch(/^╭/);
  });

  it('keeps hostile text within its size, with colour on and off', () => {
    const hostile = HOSTILE.map((text, i) => failure(String(i), T0 + i, { text: toSafeLine(text), hint: toSafeLine(text), title: toSafeLine(text) }));
    for (const color of [true, false]) {
      for (const [w, h] of [[100, 12], [30, 7], [8, 4]] as const) {
        const r = renderAt(<FailureCard failures={hostile} width={w} height={h} />, { columns: w, rows: h, color });
        expectFits(r, w, h);
        r.unmount();
      }
    }
  });
});
