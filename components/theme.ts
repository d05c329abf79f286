/**
 * Colours as named tokens. Components ask the theme for `status.error`,
 * never for `red`: one place decides the palette, and `NO_COLOR` turns it
 * off everywhere at once.
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';

/** What a colour means on screen. Components name these, never a colour. */
export type ThemeToken =
  | 'status.ok'
  | 'status.warning'
  | 'status.error'
  | 'status.info'
  | 'status.transitional'
  | 'text.dim'
  | 'text.accent'
  | 'text.normal'
  | 'source.dms'
  | 'source.dms-task'
  | 'source.postgres'
  | 'source.api'
  | 'source.live'
  | 'source.other'
  | 'border.focused'
  | 'border.idle'
  | 'badge.text';

export interface Theme {
  /**
   * The colour for a token, as Ink's `color`/`backgroundColor`/`borderColor`
   * props take it, or undefined for the terminal's own colour (always so
   * when colour is off). Passing undefined to those props is fine.
   */
  color(token: ThemeToken): string | undefined;
  /**
   * True when colour is off. Views that say something only by colour (a
   * status badge) must then say it another way too: inverse, brackets, a
   * word.
   */
  readonly noColor: boolean;
}

/*
 * The 16 named ANSI colours only: the user's terminal scheme maps them, so
 * they stay readable on dark and light backgrounds alike, and they work on
 * terminals without 256 or true colour.
 */
const PALETTE: Readonly<Record<ThemeToken, string | undefined>> = {
  'status.ok': 'green',
  'status.warning': 'yellow',
  'status.error': 'red',
  'status.info': 'cyan',
  'status.transitional': 'blue',
  'text.dim': 'gray',
  'text.accent': 'cyan',
  'text.normal': undefined,
  'source.dms': 'cyan',
  'source.dms-task': 'blue',
  'source.postgres': 'magenta',
  'source.api': 'yellow',
  'source.live': 'gray',
  'source.other': undefined,
  'border.focused': 'cyan',
  'border.idle': 'gray',
  'badge.text': 'black',
};

/** Every token, in declaration order (for tests and theme previews). */
export const THEME_TOKENS: readonly ThemeToken[] = Object.keys(PALETTE) as ThemeToken[];

/**
 * The theme for an environment. `NO_COLOR` present and not empty turns every
 * colour off (https://no-color.org: "when present and not an empty string,
 * prevents the addition of ANSI color"). Ink's colour library does not read
 * `NO_COLOR` itself, so this is where it is honoured.
 */
export function createTheme(env: NodeJS.ProcessEnv): Theme {
  const noColor = (env['NO_COLOR'] ?? '') !== '';
  return {
    noColor,
    color: noColor ? () => undefined : (token) => PALETTE[token],
  };
}

/*
 * Without a provider, components get the coloured theme: the app must wrap
 * its tree in ThemeProvider with createTheme(process.env) for NO_COLOR to
 * count.
 */
const ThemeContext = createContext<Theme>(createTheme({}));

export interface ThemeProviderProps {
  /** The theme every component below uses. */
  readonly theme: Theme;
  readonly children?: ReactNode;
}

/** Gives `theme` to every component below it. */
export function ThemeProvider({ theme, children }: ThemeProviderProps): ReactNode {
  return createElement(ThemeContext.Provider, { value: theme }, children);
}

/** The theme of the nearest ThemeProvider (colour on when there is none). */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
