import { describe, expect, it } from 'vitest';
import type { ConnectionAttempt } from '../../src/select/connections.js';
import { hintForTestConnection } from '../../src/select/hints.js';

/** What a failed test connection's hint says when PostgreSQL saw attempts that got to different steps (src/select/hints.ts). */

const attempt = (outcome: ConnectionAttempt['outcome'], n: number): ConnectionAttempt => ({ key: `k${String(n)}`, start: n, last: n, outcome });
const hint = (...outcomes: ConnectionAttempt['outcome'][]): string => hintForTestConnection(outcomes.map(attempt), true);

describe('hintForTestConnection with attempts at different steps', () => {
  it('says the login went through when one attempt authenticated and another is still pending', () => {
    expect(hint('pending', 'authenticated')).toMatch(/authenticated, but no session was authorized/);
  });

  it('sends the user to the target once any attempt got a session, whether still open or closed', () => {
    for (const outcomes of [['connected'], ['closed'], ['authenticated', 'connected'], ['pending', 'closed']] as const) {
      expect(hint(...outcomes), outcomes.join(', ')).toMatch(/check the other endpoint \(the target\)/);
    }
  });
});
