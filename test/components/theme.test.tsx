import { describe, expect, it } from 'vitest';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { THEME_TOKENS, ThemeProvider, createTheme, useTheme } from '../../components/theme.js';

describe('createTheme', () => {
  it('gives colours when NO_COLOR is not set', () => {
    const theme = createTheme({});
    expect(theme.noColor).toBe(false);
    expect(theme.color('status.error')).toBe('red');
    expect(theme.color('status.ok')).toBe('green');
  });

  it('treats an empty NO_COLOR as not set (no-color.org)', () => {
    expect(createTheme({ NO_COLOR: '' }).noColor).toBe(false);
  });

  it.each(['1', 'true', '0'])('turns every colour off when NO_COLOR=%s', (value) => {
    const theme = createTheme({ NO_COLOR: value });
    expect(theme.noColor).toBe(true);
    for (const token of THEME_TOKENS) expect(theme.color(token)).toBeUndefined();
  });

  it('gives each status a different colour', () => {
    const theme = createTheme({});
    const statuses = ['status.ok', 'status.warning', 'status.error', 'status.info', 'status.transitional'] as const;
    expect(new Set(statuses.map((t) => theme.color(t))).size).toBe(statuses.length);
  });
});

function Probe() {
  const theme = useTheme();
  return <Text color={theme.color('status.error')}>{theme.noColor ? 'plain' : 'coloured'}</Text>;
}

describe('ThemeProvider', () => {
  it('gives components the theme it holds', () => {
    const { lastFrame, unmount } = render(
      <ThemeProvider theme={createTheme({ NO_COLOR: '1' })}>
        <Probe />
      </ThemeProvider>,
    );
    expect(lastFrame()).toBe('plain');
    unmount();
  });

  it('writes no escape sequence when colour is off', () => {
    const { lastFrame, unmount } = render(
      <ThemeProvider theme={createTheme({ NO_COLOR: '1' })}>
        <Probe />
      </ThemeProvider>,
    );
    expect(lastFrame()).not.toContain('\x1b[');
    unmount();
  });

  it('uses the coloured theme without a provider', () => {
    const { lastFrame, unmount } = render(<Probe />);
    expect(lastFrame()).toContain('coloured');
    unmount();
  });
});
