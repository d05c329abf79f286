import { describe, expect, it, vi } from 'vitest';
import { Text } from 'ink';
import { useTerminalSize } from '../../components/hooks/use-terminal-size.js';
import { flush, renderAt } from './render-at.js';

function Size() {
  const { columns, rows } = useTerminalSize();
  return <Text>{`${columns}x${rows}`}</Text>;
}

describe('useTerminalSize', () => {
  it('reads the size of the terminal Ink renders to', () => {
    const app = renderAt(<Size />, { columns: 120, rows: 40 });
    expect(app.plainFrame()).toBe('120x40');
  });

  it('follows a resize', async () => {
    const app = renderAt(<Size />, { columns: 120, rows: 40 });
    app.resize(60, 20);
    await vi.waitFor(() => {
      expect(app.plainFrame()).toBe('60x20');
    });
  });

  it('stops listening when the app is gone', async () => {
    const app = renderAt(<Size />, { columns: 80, rows: 24 });
    expect(app.plainFrame()).toBe('80x24');
    app.unmount();
    const written = app.frames.length;
    // A resize after unmount reaches no component and draws nothing.
    app.resize(50, 10);
    await flush();
    expect(app.frames.length).toBe(written);
  });
});

describe('renderAt', () => {
  /* eslint-disable no-console -- these tests are about console.error writes */
  function Noisy() {
    console.error('Warning: An update to Noisy inside a test was not wrapped in act(...)');
    return <Text>noisy</Text>;
  }

  // The check runs when the test ends, so this test must fail for the helper to work.
  it.fails('fails the test when a component writes an act() warning to console.error', () => {
    const app = renderAt(<Noisy />);
    expect(app.plainFrame()).toBe('noisy');
  });

  it('keeps the write off the real console', () => {
    const app = renderAt(<Noisy />);
    expect(app.plainFrame()).toBe('noisy');
    expect(vi.mocked(console.error)).toHaveBeenCalledWith(expect.stringContaining('act('));
    vi.mocked(console.error).mockClear(); // expected here: cleared so the end-of-test check passes
  });
  /* eslint-enable no-console */
});
