import * as vscode from 'vscode';
import { parseFromWebview, type PanelKind, type ToWebviewMessage, type UiStrings } from '../protocol';
import { DisposableStore } from '../shared/lifetime';
import { renderWebviewHtml } from './html';
import type * as Lazy from '../lazyModule';
import type { PanelStates, Unchecked } from '../shared/panelState';

/**
 * The documentation catalog's class lookup, for the pickers' help strings. The host's analysis
 * service provides it (and requires the analyser bundle only when a panel asks for its strings).
 */
export type ClassDocs = Pick<typeof Lazy, 'classDoc'>;

/** What distinguishes one kind of panel from another. */
export interface PanelDefinition<K extends PanelKind = PanelKind> {
  readonly kind: K;
  /** The `viewType`, also named in `activationEvents` as `onWebviewPanel:<viewType>`. */
  readonly viewType: string;
  /** Translated title of the editor tab. */
  title(): string;
  /** Translated strings the app renders. */
  strings(docs: ClassDocs): UiStrings;
}

interface PanelEnvironment {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly docs: ClassDocs;
}

/**
 * One panel of a kind at a time: `show` creates it or reveals the one that exists, and the
 * serializer brings it back after a window reload with the state the webview saved.
 */
export class PanelManager<K extends PanelKind = PanelKind> implements vscode.Disposable {
  private session: PanelSession<K> | undefined;
  /** The editor group the panel was last in: a new panel goes back there rather than opening yet another group. */
  private lastColumn: vscode.ViewColumn | undefined;

  constructor(
    private readonly definition: PanelDefinition<K>,
    private readonly env: PanelEnvironment,
  ) {}

  /**
   * Opens the panel, or reveals it; `state` (e.g. a spec from a hover link) replaces the shown one.
   * A link's values are forwarded unchecked: the webview's `readState` checks them.
   */
  show(state?: Unchecked<PanelStates[K]>): void {
    if (this.session) {
      this.session.reveal(state);
      return;
    }
    const panel = vscode.window.createWebviewPanel(this.definition.viewType, this.definition.title(), this.column(), {
      enableScripts: true,
      enableForms: false,
      localResourceRoots: webviewRoots(this.env.extensionUri),
    });
    this.attach(panel, state);
  }

  /**
   * Adds entries to the open panel (see AddMessage) and reveals it; opens it with `initial` when it
   * is not open.
   */
  add(addition: PanelStates[K], initial: PanelStates[K]): void {
    if (this.session) this.session.add(addition);
    else this.show(initial);
  }

  /**
   * Where a new panel opens: the group it was last in while that group exists; else beside the
   * active editor when there is only one group; else the first group that is not the active one.
   * `Beside` alone adds a group to the right of the active one each time the active one is the
   * rightmost (a script opened next to the panel, the panel closed, the command run again).
   */
  private column(): vscode.ViewColumn {
    const groups = vscode.window.tabGroups.all;
    if (this.lastColumn !== undefined && groups.some((g) => g.viewColumn === this.lastColumn)) return this.lastColumn;
    const active = vscode.window.tabGroups.activeTabGroup.viewColumn;
    const other = groups.find((g) => g.viewColumn !== active);
    return other ? other.viewColumn : vscode.ViewColumn.Beside;
  }

  /** The serializer VS Code calls for a panel of this kind that was open before a reload. */
  serializer(): vscode.WebviewPanelSerializer {
    return {
      // Restoring is synchronous; VS Code only wants a thenable back.
      deserializeWebviewPanel: (panel, state: unknown) => {
        this.session?.dispose();
        // What the webview saved (its `toSaved`, an object); anything else starts from the defaults.
        this.attach(panel, isObject(state) ? state : undefined);
        return Promise.resolve();
      },
    };
  }

  get isOpen(): boolean {
    return this.session !== undefined;
  }

  dispose(): void {
    this.session?.dispose();
  }

  private attach(panel: vscode.WebviewPanel, state: Unchecked<PanelStates[K]> | undefined): void {
    const session = new PanelSession(panel, this.definition, this.env, state, (column) => (this.lastColumn = column));
    this.session = session;
    session.onDispose(() => {
      if (this.session === session) this.session = undefined;
    });
  }
}

export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/** One live webview panel: its HTML, its message loop and its lifetime. */
class PanelSession<K extends PanelKind> extends DisposableStore {
  private readonly disposeListeners: (() => void)[] = [];
  /**
   * `add` messages wait here until the page says it listens for them (`listening`, sent once the
   * app has subscribed): a page that is hidden has been torn down, and one that is loading has not
   * subscribed yet, so a message posted to either is lost.
   */
  private readonly pendingAdditions: PanelStates[K][] = [];
  /** The current page has subscribed to `add` and is visible. */
  private listening = false;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly definition: PanelDefinition<K>,
    private readonly env: PanelEnvironment,
    /** Sent with the next `init`, then forgotten: after that the webview's own saved state wins. */
    private pendingState: Unchecked<PanelStates[K]> | undefined,
    private readonly onColumn: (column: vscode.ViewColumn) => void,
  ) {
    super();
    if (panel.viewColumn !== undefined) onColumn(panel.viewColumn);
    panel.webview.options = { enableScripts: true, enableForms: false, localResourceRoots: webviewRoots(env.extensionUri) };
    panel.iconPath = vscode.Uri.joinPath(env.extensionUri, 'media', 'icon.svg');
    panel.webview.html = this.html();
    this.register(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.viewColumn !== undefined) this.onColumn(webviewPanel.viewColumn);
        // Hidden, the page is torn down (no retainContextWhenHidden); shown again, it reloads and says `ready`.
        if (!webviewPanel.visible) this.listening = false;
      }),
    );
  }

  reveal(state: Unchecked<PanelStates[K]> | undefined): void {
    if (state !== undefined) {
      this.pendingState = state;
      // Reloading the page is the simplest correct way to apply a new spec: the app starts from `init`.
      this.listening = false;
      this.panel.webview.html = this.html();
    }
    // In the group it is in: never a new one.
    this.panel.reveal(this.panel.viewColumn, false);
  }

  add(state: PanelStates[K]): void {
    if (this.listening && this.panel.visible) this.post({ type: 'add', state });
    else this.pendingAdditions.push(state);
    this.panel.reveal(this.panel.viewColumn, false);
  }

  onDispose(listener: () => void): void {
    this.disposeListeners.push(listener);
  }

  override dispose(): void {
    super.dispose();
    this.panel.dispose();
    for (const listener of this.disposeListeners.splice(0)) listener();
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.env.extensionUri, 'dist', 'webview', file)).toString();
    return renderWebviewHtml({
      cspSource: webview.cspSource,
      scriptUri: asset(`${this.definition.kind}.js`),
      styleUri: asset(`${this.definition.kind}.css`),
      title: this.definition.title(),
      lang: vscode.env.language,
      data: { kind: this.definition.kind },
    });
  }

  private receive(raw: unknown): void {
    const message = parseFromWebview(raw);
    if (!message) {
      this.env.log.warn(`Dropped a malformed message from the ${this.definition.kind} panel: ${safeJson(raw)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.post({
          type: 'init',
          kind: this.definition.kind,
          locale: vscode.env.language,
          strings: this.definition.strings(this.env.docs),
          state: this.pendingState ?? null,
        });
        this.pendingState = undefined;
        // A new page: it has not subscribed to `add` yet.
        this.listening = false;
        return;
      case 'listening':
        this.listening = true;
        for (const state of this.pendingAdditions.splice(0)) this.post({ type: 'add', state });
        return;
      case 'log':
        this.env.log[message.level](`[${this.definition.kind} panel] ${message.text}`);
        return;
      case 'copyText':
        void this.copyText(message.text);
        return;
    }
  }

  /** "Copy as PyTorch" and the like: the clipboard, and a short confirmation in the status bar. */
  private async copyText(text: string): Promise<void> {
    try {
      await vscode.env.clipboard.writeText(text);
      // Hides itself after the timeout; nothing to dispose.
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied to the clipboard: {0}', ellipsis(text, 80)), 5000);
    } catch (error) {
      this.env.log.error(`Copying from the ${this.definition.kind} panel failed: ${String(error)}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Could not copy to the clipboard: {0}', String(error)));
    }
  }

  private post(message: ToWebviewMessage<K>): void {
    void this.panel.webview.postMessage(message);
  }
}

/** The first line of `text`, cut to `max` characters with an ellipsis. */
function ellipsis(text: string, max: number): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > max || line !== text ? `${line.slice(0, max - 1)}…` : line;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 200);
  } catch {
    return String(value);
  }
}
