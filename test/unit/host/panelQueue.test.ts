/**
 * The panel host against a stand-in `vscode`: entries sent from code (`add`) wait until the page
 * says it listens, whether the panel was hidden behind an editor or is still loading, and running a
 * panel command again never opens another editor group.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener<T> = (value: T) => void;

class Emitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
}

class FakePanel {
  visible = true;
  viewColumn: number;
  readonly posted: { type: string; [key: string]: unknown }[] = [];
  readonly revealedIn: (number | undefined)[] = [];
  readonly received = new Emitter<unknown>();
  readonly viewState = new Emitter<{ webviewPanel: FakePanel }>();
  readonly disposed = new Emitter<void>();
  iconPath: unknown;
  readonly webview = {
    html: '',
    options: {},
    cspSource: 'vscode-resource:',
    asWebviewUri: (uri: { path: string }) => ({ toString: () => `vscode-resource:${uri.path}` }),
    postMessage: (message: { type: string }) => {
      // A hidden panel has no page: what is posted to it is lost, as in VS Code.
      if (this.visible) this.posted.push(message);
      return Promise.resolve(this.visible);
    },
    onDidReceiveMessage: this.received.event,
  };
  readonly onDidChangeViewState = this.viewState.event;
  readonly onDidDispose = this.disposed.event;
  constructor(column: number) {
    this.viewColumn = column;
  }
  reveal(column?: number): void {
    this.revealedIn.push(column);
    this.visible = true;
    this.viewState.fire({ webviewPanel: this });
  }
  hide(): void {
    this.visible = false;
    this.viewState.fire({ webviewPanel: this });
  }
  dispose(): void {
    this.disposed.fire();
  }
  /** The page sends a message to the host. */
  say(message: unknown): void {
    this.received.fire(message);
  }
  adds(): unknown[] {
    return this.posted.filter((m) => m.type === 'add').map((m) => m.state);
  }
}

const created: { panel: FakePanel; column: number }[] = [];
let groups: number[] = [1];
let activeGroup = 1;

vi.mock('vscode', () => ({
  ViewColumn: { Beside: -2 },
  Uri: { joinPath: (base: { path: string }, ...parts: string[]) => ({ path: [base.path, ...parts].join('/') }) },
  env: { language: 'en' },
  l10n: { t: (s: string) => s },
  window: {
    createWebviewPanel: (_type: string, _title: string, column: number) => {
      // Beside the active group: the next group, created when there is none.
      const resolved = column === -2 ? activeGroup + 1 : column;
      if (!groups.includes(resolved)) groups.push(resolved);
      const panel = new FakePanel(resolved);
      created.push({ panel, column });
      return panel;
    },
    get tabGroups() {
      return { all: groups.map((viewColumn) => ({ viewColumn })), activeTabGroup: { viewColumn: activeGroup } };
    },
  },
}));

const { PanelManager } = await import('../../../src/panels/panel');

function manager() {
  const definition = { kind: 'optimizers' as const, viewType: 'optimLens.optimizers', title: () => 'Compare Optimizers', strings: () => ({ title: 'Compare Optimizers' }) };
  const log = { warn: vi.fn(), info: vi.fn(), error: vi.fn() };
  return new PanelManager(definition, { extensionUri: { path: '/ext' } as never, log: log as never, docs: { classDoc: () => undefined } });
}

const entry = (label: string) => ({ optimizers: [{ type: 'AdamW', kwargs: { lr: 3e-4 }, label, origin: 'code' as const }] });

beforeEach(() => {
  created.length = 0;
  groups = [1];
  activeGroup = 1;
});

describe('entries sent from code', () => {
  it('wait for the page to listen: nothing is posted between `ready` and `listening`', () => {
    const panels = manager();
    panels.show();
    const { panel } = created[0]!;
    panels.add(entry('train.py:10'), {});
    panel.say({ type: 'ready' });
    expect(panel.posted.map((m) => m.type)).toEqual(['init']);
    panel.say({ type: 'listening' });
    expect(panel.adds()).toEqual([entry('train.py:10')]);
  });

  it('are not lost when the panel is hidden behind the editor: they come after the reloaded page listens', () => {
    const panels = manager();
    panels.show();
    const { panel } = created[0]!;
    panel.say({ type: 'ready' });
    panel.say({ type: 'listening' });
    panel.hide();
    panels.add(entry('train.py:10'), {});
    panels.add(entry('train.py:20'), {});
    // Revealing it reloads its page, which says `ready`, renders, then listens.
    panel.say({ type: 'ready' });
    expect(panel.adds()).toEqual([]);
    panel.say({ type: 'listening' });
    expect(panel.adds()).toEqual([entry('train.py:10'), entry('train.py:20')]);
  });

  it('go straight to a visible page that listens, once each', () => {
    const panels = manager();
    panels.show();
    const { panel } = created[0]!;
    panel.say({ type: 'ready' });
    panel.say({ type: 'listening' });
    panels.add(entry('train.py:10'), {});
    panel.say({ type: 'listening' });
    expect(panel.adds()).toEqual([entry('train.py:10')]);
  });
});

describe('running a panel command again', () => {
  it('reveals the panel in its own group instead of creating another', () => {
    const panels = manager();
    panels.show();
    const { panel } = created[0]!;
    activeGroup = 1;
    panels.show();
    panels.add(entry('train.py:10'), {});
    expect(created).toHaveLength(1);
    expect(panel.revealedIn).toEqual([panel.viewColumn, panel.viewColumn]);
  });

  it('reopens a closed panel in the group it was in, not in a new one beside the active editor', () => {
    const panels = manager();
    panels.show();
    const first = created[0]!.panel;
    expect(groups).toEqual([1, 2]);
    // The user works in group 2, next to where the panel was, and closes the panel.
    activeGroup = 2;
    first.dispose();
    panels.show();
    expect(created).toHaveLength(2);
    expect(created[1]!.panel.viewColumn).toBe(first.viewColumn);
    expect(groups).toEqual([1, 2]);
  });
});
