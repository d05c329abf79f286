import { Text } from 'ink';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { CommandId, KeyContext } from '../../../components/keys/commands.js';
import { displayKey } from '../../../components/keys/key-names.js';
import { createKeymap, type Keymap } from '../../../components/keys/keymap.js';
import { useCommands } from '../../../components/keys/use-commands.js';
import { flush, renderAt } from '../render-at.js';

const DASHBOARD: KeyContext = {
  view: 'dashboard',
  focus: 'log',
  overlay: 'none',
  canGoBack: true,
  hasFailures: false,
  canStart: true,
  canStop: true,
};

function Probe(props: {
  keymap: Keymap;
  context?: KeyContext;
  isActive?: boolean;
  onCommand: (id: CommandId) => void;
  onOtherKey?: (key: string) => void;
}) {
  const [last, setLast] = useState('none');
  useCommands(
    props.keymap,
    props.context ?? DASHBOARD,
    (id) => {
      setLast(id);
      props.onCommand(id);
    },
    { isActive: props.isActive ?? true, ...(props.onOtherKey ? { onOtherKey: props.onOtherKey } : {}) },
  );
  return <Text>last: {last}</Text>;
}

describe('useCommands', () => {
  it('runs the command of each key in an input, in order', async () => {
    const seen: CommandId[] = [];
    const app = renderAt(<Probe keymap={createKeymap()} onCommand={(id) => seen.push(id)} />);
    app.type('jj');
    app.type('G');
    await vi.waitFor(() => {
      expect(seen).toEqual(['cursor.down', 'cursor.down', 'cursor.last']);
    });
    await vi.waitFor(() => {
      expect(app.plainFrame()).toBe('last: cursor.last');
    });
  });

  it.each([
    ['\x1b[A', 'cursor.up'],
    ['\x1b[6~', 'page.down'],
    ['\t', 'focus.next'],
    ['\x1b[Z', 'focus.previous'],
    ['\x03', 'app.quit'],
    ['x', 'replication.stop'],
    ['\x1b', 'view.back'],
  ] as const)('reads the terminal bytes %j as %s', async (bytes, id) => {
    const onCommand = vi.fn();
    const app = renderAt(<Probe keymap={createKeymap()} onCommand={onCommand} />);
    app.type(bytes);
    await vi.waitFor(() => {
      expect(onCommand).toHaveBeenCalledWith(id);
    });
    expect(onCommand).toHaveBeenCalledTimes(1);
  });

  it('hands keys no command takes to onOtherKey', async () => {
    const other: string[] = [];
    const onCommand = vi.fn();
    const app = renderAt(
      <Probe
        keymap={createKeymap()}
        context={{ ...DASHBOARD, overlay: 'filter' }}
        onCommand={onCommand}
        onOtherKey={(k) => other.push(k)}
      />,
    );
    app.type('qx');
    app.type('\r');
    await vi.waitFor(() => {
      expect(onCommand).toHaveBeenCalledWith('filter.apply');
    });
    expect(other).toEqual(['q', 'x']);
    expect(onCommand).toHaveBeenCalledTimes(1);
  });

  it('runs no dangerous command in read-only mode', async () => {
    const onCommand = vi.fn();
    const app = renderAt(<Probe keymap={createKeymap({ readOnly: true })} onCommand={onCommand} />);
    app.type('xs');
    app.type('q');
    await vi.waitFor(() => {
      expect(onCommand).toHaveBeenCalledWith('app.quit');
    });
    expect(onCommand).toHaveBeenCalledTimes(1);
  });

  it('listens only while active', async () => {
    const onCommand = vi.fn();
    const app = renderAt(<Probe keymap={createKeymap()} isActive={false} onCommand={onCommand} />);
    app.type('j');
    await flush();
    expect(onCommand).not.toHaveBeenCalled();
  });

  it('uses the latest context without missing a key', async () => {
    const onCommand = vi.fn();
    const keymap = createKeymap();
    const app = renderAt(<Probe keymap={keymap} onCommand={onCommand} />);
    app.rerender(<Probe keymap={keymap} context={{ ...DASHBOARD, overlay: 'confirm' }} onCommand={onCommand} />);
    await flush();
    app.type('y');
    await vi.waitFor(() => {
      expect(onCommand).toHaveBeenCalledWith('confirm.yes');
    });
  });
});

describe('useCommands with a context function', () => {
  function Asking(props: { keymap: Keymap; onCommand: (id: CommandId) => void }) {
    // What a dialog's reducer does: the command changes the context for the next key of the same input.
    let overlay: KeyContext['overlay'] = 'none';
    useCommands(
      props.keymap,
      () => ({ ...DASHBOARD, overlay }),
      (id) => {
        if (id === 'replication.stop') overlay = 'confirm';
        if (id === 'confirm.yes' || id === 'confirm.no') overlay = 'none';
        props.onCommand(id);
      },
    );
    return <Text>asking</Text>;
  }

  it('asks the context again before each key of one input', async () => {
    const seen: CommandId[] = [];
    const app = renderAt(<Asking keymap={createKeymap()} onCommand={(id) => seen.push(id)} />);
    app.type('xyy');
    await vi.waitFor(() => {
      expect(seen).toEqual(['replication.stop', 'confirm.yes']);
    });
  });
});

describe('displayKey', () => {
  it.each([
    ['ctrl+c', 'Ctrl-C'],
    ['shift+tab', 'Shift-Tab'],
    ['pageup', 'PgUp'],
    ['pagedown', 'PgDn'],
    ['escape', 'Esc'],
    ['return', 'Enter'],
    ['up', '↑'],
    ['G', 'G'],
    ['/', '/'],
  ])('shows %s as %s', (name, shown) => {
    expect(displayKey(name)).toBe(shown);
  });
});
