/**
 * Renders an Ink tree at a fixed terminal size and colour setting, the way
 * Ink's own tests fake stdout (a stream with `columns`, `rows`, `isTTY` and a
 * recorded `write`), and fails the test when React or a component writes to
 * console.error: an act() warning, a missing key, a failed prop type. Such
 * writes would tear a full-screen frame, so they count as failures.
 */
import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';
import type { ReactNode } from 'react';
import chalk from 'chalk';
import { render, type Instance } from 'ink';
import { onTestFinished, vi } from 'vitest';
import { ThemeProvider, createTheme } from '../../components/theme.js';

class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
}

class FakeStderr extends EventEmitter {
  readonly writes: string[] = [];
  write = (text: string): boolean => {
    this.writes.push(text);
    return true;
  };
}

/* Ink reads stdin through 'readable' and read(), as ink-testing-library's Stdin does. */
class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;
  write = (data: string): void => {
    this.pending = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const data = this.pending;
    this.pending = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/*
 * Ink colours through chalk, which decides once, from process.stdout, whether
 * the terminal takes colour: under a test runner it does not, so a test
 * asking for colour sets chalk's level (16 colours, the theme's palette) for
 * its own duration. chalk is Ink's dependency, and the one copy Ink uses.
 */
function setChalkLevel(color: boolean): () => void {
  const before = chalk.level;
  chalk.level = color ? 1 : 0;
  return () => {
    chalk.level = before;
  };
}

export interface RenderAtOptions {
  /** @default 100 */
  readonly columns?: number;
  /** @default 30 */
  readonly rows?: number;
  /** Colour on (the default palette) or off (as with NO_COLOR). @default false */
  readonly color?: boolean;
}

export interface Rendered {
  /** The last frame as written, escape sequences included. */
  lastFrame(): string;
  /** The last frame with colour and style sequences removed. */
  plainFrame(): string;
  readonly frames: readonly string[];
  /** What Ink wrote to stderr (an error boundary's output, for one). */
  readonly stderr: readonly string[];
  /** Types into the app; a multi-character string arrives as one input, as in a terminal paste. */
  type(data: string): void;
  /** Changes the terminal size and emits `resize`, as a terminal does. */
  resize(columns: number, rows: number): void;
  rerender(tree: ReactNode): void;
  unmount(): void;
}

/** Lets Ink write the frames that follow a state change (they land after a macrotask). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Renders `tree` at `columns` x `rows` inside a ThemeProvider. The test
 * fails if anything is written to console.error while it runs; the app is
 * unmounted when the test ends.
 */
export function renderAt(tree: ReactNode, options: RenderAtOptions = {}): Rendered {
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const restoreChalk = setChalkLevel(options.color === true);
  const stdout = new FakeStdout(options.columns ?? 100, options.rows ?? 30);
  const stderr = new FakeStderr();
  const stdin = new FakeStdin();
  const theme = createTheme(options.color === true ? {} : { NO_COLOR: '1' });
  const wrap = (node: ReactNode): ReactNode => <ThemeProvider theme={theme}>{node}</ThemeProvider>;

  const instance: Instance = render(wrap(tree), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });

  let mounted = true;
  const unmount = (): void => {
    if (!mounted) return;
    mounted = false;
    instance.unmount();
    instance.cleanup();
  };

  onTestFinished(() => {
    unmount();
    restoreChalk();
    const calls = consoleError.mock.calls.map((args) => args.map(String).join(' '));
    consoleError.mockRestore();
    if (calls.length > 0) {
      const act = calls.some((c) => c.includes('act('));
      throw new Error(
        `${act ? 'React act() warning' : 'console.error'} during the test:\n${calls.join('\n')}`,
      );
    }
  });

  const lastFrame = (): string => stdout.frames.at(-1) ?? '';
  return {
    lastFrame,
    plainFrame: () => stripVTControlCharacters(lastFrame()),
    frames: stdout.frames,
    stderr: stderr.writes,
    type: (data) => {
      stdin.write(data);
    },
    resize: (columns, rows) => {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
    },
    rerender: (node) => {
      instance.rerender(wrap(node));
    },
    unmount,
  };
}
