/**
 * The terminal's size, redrawn on resize.
 *
 * Ink 6 has no `useWindowSize` (Ink 7 does, but needs Node 22), so this
 * hook reads Ink's own stdout (`useStdout()`) and follows its `resize`
 * event. Reading the stream Ink renders to, not `process.stdout`, is what
 * lets a test set the size (test/components/render-at.tsx). Ink skips its
 * own resize handling when `CI` is set; this hook does not, so a resize
 * still re-lays out the panes that read it.
 */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/*
 * A stream that is not a terminal has no size (undefined, or 0 on some
 * platforms); 80x24 is the size terminals have always opened at.
 */
const FALLBACK: TerminalSize = { columns: 80, rows: 24 };

function sizeOf(stream: NodeJS.WriteStream): TerminalSize {
  return {
    columns: stream.columns > 0 ? stream.columns : FALLBACK.columns,
    rows: stream.rows > 0 ? stream.rows : FALLBACK.rows,
  };
}

/**
 * `{ columns, rows }` of the stream Ink renders to, updated on every
 * `resize`. The same object is returned until the size changes, so it can
 * sit in a dependency list.
 */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));

  useEffect(() => {
    const update = (): void => {
      const next = sizeOf(stdout);
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
    };
    stdout.on('resize', update);
    // The size may have changed between the first render and this effect.
    update();
    return () => {
      stdout.off('resize', update);
    };
  }, [stdout]);

  return size;
}
