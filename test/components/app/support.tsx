import { vi } from 'vitest';
import { Dashboard } from '../../../components/app/dashboard/dashboard.js';
import { KeyRouter } from '../../../components/keys/key-router.js';
import { createKeymap } from '../../../components/keys/keymap.js';
import { renderAt, type Rendered } from '../render-at.js';
import type { FakeDashboardSource } from './fake-sources.js';

export interface DashboardOptions {
  readonly columns?: number;
  readonly rows?: number;
  readonly color?: boolean;
  readonly readOnly?: boolean;
  readonly canGoBack?: boolean;
  readonly hint?: string;
}

export interface RenderedDashboard {
  readonly app: Rendered;
  readonly onQuit: ReturnType<typeof vi.fn>;
  readonly onBack: ReturnType<typeof vi.fn>;
}

/** The dashboard alone at a fixed terminal size, its quit and back recorded. */
export function renderDashboard(source: FakeDashboardSource, options: DashboardOptions = {}): RenderedDashboard {
  const columns = options.columns ?? 140;
  const rows = options.rows ?? 40;
  const onQuit = vi.fn();
  const onBack = vi.fn();
  // Under the KeyRouter, as the app renders it.
  const app = renderAt(
    <KeyRouter>
      <Dashboard
        source={source}
        keymap={createKeymap({ readOnly: options.readOnly ?? false })}
        size={{ columns, rows }}
        canGoBack={options.canGoBack ?? false}
        {...(options.hint === undefined ? {} : { hint: options.hint })}
        onBack={onBack}
        onQuit={onQuit}
      />
    </KeyRouter>,
    { columns, rows, color: options.color ?? false },
  );
  return { app, onQuit, onBack };
}

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Presses keys one input at a time (as a person types), letting Ink draw
 * after each: a lone Esc waits one macrotask in Ink (it could start an
 * escape sequence), and the frame another.
 */
export async function press(app: Rendered, ...inputs: string[]): Promise<void> {
  for (const input of inputs) {
    app.type(input);
    await macrotask();
    await macrotask();
  }
  await macrotask();
}

export const ESC = '\x1b';
export const ENTER = '\r';
export const TAB = '\t';
export const SHIFT_TAB = '\x1b[Z';

/** The dashboard element at a size, for rerender after a resize. */
export function dashboardElement(source: FakeDashboardSource, size: { columns: number; rows: number }) {
  return (
    <KeyRouter>
      <Dashboard source={source} keymap={createKeymap()} size={size} canGoBack={false} onBack={() => undefined} onQuit={() => undefined} />
    </KeyRouter>
  );
}
