/**
 * The Optim Lens language server: the analyser behind LSP, for editors other than VS Code (which
 * keeps its in-process path, src/features). One instance per connection; everything it shows is
 * computed by the shared analyser and converted here, never re-implemented.
 */
import * as l10n from '@vscode/l10n';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { createAnalyzer, type Analyzer, type AnalyzerOptions, type Finding, type SymbolTarget } from '../analysis';
import { NotebookPositions } from '../workspace/notebookPositions';
import { compileGlob, matchesAnyGlob } from '../workspace/glob';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type Settings } from '../settings';
import { sameDiagnostic, toCodeActions, toDiagnostic, type Place, type Translate } from './convert';
import { OpenFiles } from './documents';
import { hoverMarkdown } from './hover';
import { configureServerL10n } from './locale';
import { codeCells, createNotebookDocuments, NOTEBOOK_SELECTOR } from './notebooks';
import { filePath, fileUri, projectOptions, relativeToFolders, slashed } from './project';
import { parseSettings } from './settings';

export interface ServerOptions {
  readonly parser: AnalyzerOptions;
  /** Where `bundle.l10n.<locale>.json` are. */
  readonly l10nDir: string;
  /** The rule pages' `file:` address by code, for diagnostics' and hovers' links; none without it. */
  readonly ruleHref?: (code: string) => string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly version?: string;
}

/** A finding as it was shown, so a code action can find its way back from the client's diagnostic. */
interface Shown {
  readonly finding: Finding;
  readonly diagnostic: Diagnostic;
  readonly place: Place;
}

/** Coalesces a burst of keystrokes into one analysis; analysis itself is about a millisecond. */
const DEBOUNCE_MS = 50;

const translate: Translate = (m) => l10n.t(m.template, m.args as Record<string, string | number>);

export class OptimLensServer {
  private readonly files = new OpenFiles();
  private readonly notebooks = createNotebookDocuments();
  private readonly openNotebooks = new Set<string>();
  private readonly shown = new Map<string, Shown[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  private analyzerPromise: Promise<Analyzer> | undefined;
  private folders: string[] = [];
  private canPullConfiguration = false;
  /** Settings the client pushed (`didChangeConfiguration`), for clients that cannot be asked. */
  private pushedSettings: unknown = undefined;
  /** A client that pulls diagnostics gets no pushed ones (it would show each twice). */
  private push = true;
  private canRefreshDiagnostics = false;
  /** What the client lets the server register after `initialized`. */
  private dynamic = { configuration: false, watchedFiles: false };

  constructor(
    private readonly connection: Connection,
    private readonly options: ServerOptions,
  ) {
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.initialized());
    connection.onDidOpenTextDocument(({ textDocument: d }) => {
      this.files.open(d.uri, d.languageId, d.version, d.text);
      this.schedule(d.uri);
      this.otherFileChanged(d.uri);
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      this.files.change(textDocument.uri, textDocument.version, contentChanges);
      this.schedule(textDocument.uri);
      this.otherFileChanged(textDocument.uri);
    });
    connection.onDidCloseTextDocument(({ textDocument }) => {
      this.files.close(textDocument.uri);
      this.clear(textDocument.uri);
    });
    connection.onDidChangeConfiguration(({ settings }) => {
      const section: unknown = (settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
      if (section !== undefined) this.pushedSettings = section;
      this.refreshAll();
    });
    connection.onDidChangeWatchedFiles(({ changes }) => changes.forEach((c) => this.otherFileChanged(c.uri)));
    connection.onCodeAction((params) => this.codeActions(params));
    connection.onHover((params) => this.hover(params));
    connection.languages.diagnostics.on((params) => this.pull(params));
    this.notebooks.onDidOpen((n) => {
      this.openNotebooks.add(n.uri);
      this.schedule(n.uri);
    });
    this.notebooks.onDidChange((e) => this.schedule(e.notebookDocument.uri));
    this.notebooks.onDidClose((n) => {
      this.openNotebooks.delete(n.uri);
      for (const cell of n.cells) this.clear(cell.document);
    });
    this.notebooks.listen(connection);
    connection.onShutdown(() => {
      this.timers.forEach((t) => clearTimeout(t));
      this.files.closeAll();
    });
  }

  private initialize(params: InitializeParams): InitializeResult {
    configureServerL10n(params.locale, this.options.env ?? process.env, this.options.l10nDir);
    const capabilities = params.capabilities;
    this.canPullConfiguration = capabilities.workspace?.configuration === true;
    this.push = capabilities.textDocument?.diagnostic === undefined;
    this.canRefreshDiagnostics = capabilities.workspace?.diagnostics?.refreshSupport === true;
    this.dynamic = {
      configuration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      watchedFiles: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    };
    const init = params.initializationOptions as Record<string, unknown> | null | undefined;
    if (init && typeof init === 'object' && SETTINGS_SECTION in init) this.pushedSettings = init[SETTINGS_SECTION];
    this.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    // Load the parser while the client finishes starting up.
    this.analyzer().catch((error: unknown) => this.logFailure('initialize', error));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        notebookDocumentSync: { notebookSelector: NOTEBOOK_SELECTOR },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        diagnosticProvider: { identifier: 'optim-lens', interFileDependencies: true, workspaceDiagnostics: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'optim-lens', ...(this.options.version ? { version: this.options.version } : {}) },
    };
  }

  private initialized(): void {
    const client = this.connection.client;
    // Refinements, not needs: without them the client sends what it sends (settings pushed or not, no file events).
    if (this.dynamic.configuration) void client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    if (this.dynamic.watchedFiles) void client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.py' }] }).catch(() => undefined);
    try {
      this.connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        const gone = new Set(removed.map((f) => f.uri));
        this.setFolders([...this.folderUris.filter((u) => !gone.has(u)), ...added.map((f) => f.uri)]);
        this.refreshAll();
      });
    } catch {
      // A client without workspace folders never sends the notification.
    }
  }

  private folderUris: string[] = [];

  private setFolders(uris: readonly string[]): void {
    this.folderUris = [...uris];
    this.folders = uris.flatMap((u) => filePath(u) ?? []);
  }

  private analyzer(): Promise<Analyzer> {
    this.analyzerPromise ??= createAnalyzer(this.options.parser);
    return this.analyzerPromise;
  }

  private settingsFor(uri: string): Promise<Settings> {
    let settings = this.settingsCache.get(uri);
    if (!settings) {
      settings = this.canPullConfiguration
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
            (raw: unknown) => parseSettings(raw ?? this.pushedSettings),
            () => parseSettings(this.pushedSettings),
          )
        : Promise.resolve(this.pushedSettings === undefined ? DEFAULT_SETTINGS : parseSettings(this.pushedSettings));
      this.settingsCache.set(uri, settings);
    }
    return settings;
  }

  private enabled(settings: Settings, uri: string): boolean {
    if (!settings.enable) return false;
    if (settings.exclude.length === 0) return true;
    const file = filePath(uri) ?? decodeURIComponent(uri.replace(/^[a-z][\w+.-]*:\/\/[^/]*/i, ''));
    return !matchesAnyGlob(settings.exclude.map(compileGlob), slashed(file), relativeToFolders(file, this.folders));
  }

  /** An open file's text by path, so the project sees unsaved edits. */
  private readonly openText = (path: string): string | undefined => {
    for (const [uri, file] of this.files.all()) if (filePath(uri) !== undefined && slashed(filePath(uri)!) === path) return file.text.getText();
    return undefined;
  };

  private place(uri: string, cellUris?: readonly string[]): Place {
    const base = { uri, fileUri: (file: string) => (uri.startsWith('file:') ? fileUri(file) : uri.replace(/^([a-z][\w+.-]*:\/\/[^/]*).*$/i, `$1${file}`)) };
    return cellUris ? { ...base, cellUris } : base;
  }

  /**
   * The findings of an open file, notebook or notebook cell, as the diagnostics of each document
   * they go on (a notebook's findings go on its cells). Also remembered for the code actions.
   */
  private async analyse(uri: string): Promise<Map<string, Diagnostic[]>> {
    const notebook = this.notebooks.getNotebookDocument(uri) ?? this.notebooks.findNotebookDocumentForCell(uri);
    if (notebook) return this.analyseNotebook(notebook.uri);
    const file = this.files.get(uri);
    const out = new Map<string, Diagnostic[]>([[uri, []]]);
    if (!file) return out;
    const settings = await this.settingsFor(uri);
    if (!this.enabled(settings, uri) || !this.isAnalysed(uri, file.text.languageId)) {
      this.files.reset(file);
      this.shown.set(uri, []);
      return out;
    }
    const analyzer = await this.analyzer();
    if (this.files.get(uri) !== file) return out; // Closed while the parser loaded.
    const findings = /\.ipynb$/i.test(uri) ? this.ipynbFindings(analyzer, file.text.getText()) : this.files.analysed(file, analyzer, projectOptions(uri, this.folders, this.openText)).findings();
    out.set(uri, this.remember(uri, findings, this.place(uri), settings));
    return out;
  }

  /** Python files, and `.ipynb` files a client without notebook support opens as JSON text. */
  private isAnalysed(uri: string, languageId: string): boolean {
    return languageId === 'python' || /\.(py|pyi|ipynb)$/i.test(uri);
  }

  /** Findings on the `.ipynb` JSON itself, at the characters that hold the code (no fixes: cells do not exist here). */
  private ipynbFindings(analyzer: Analyzer, json: string): Finding[] {
    let findings: Finding[];
    try {
      findings = analyzer.analyzeIpynb(json);
    } catch {
      return []; // Half-typed JSON: nothing to say until it is a notebook again.
    }
    const positions = new NotebookPositions(json);
    return findings.map((f) => {
      const onFile = positions.toFileFinding(f);
      return f.cell === undefined ? onFile : { ...onFile, message: { template: 'Cell {0}: {1}', args: { 0: f.cell + 1, 1: translate(f.message) } } };
    });
  }

  private async analyseNotebook(uri: string): Promise<Map<string, Diagnostic[]>> {
    const notebook = this.notebooks.getNotebookDocument(uri);
    const out = new Map<string, Diagnostic[]>();
    if (!notebook) return out;
    const { uris, texts } = codeCells(this.notebooks, notebook);
    for (const cell of uris) out.set(cell, []);
    const settings = await this.settingsFor(uri);
    if (texts.length === 0 || !this.enabled(settings, uri)) {
      for (const cell of uris) this.shown.set(cell, []);
      return out;
    }
    const findings = (await this.analyzer()).analyzeNotebook(texts);
    const place = this.place(uri, uris);
    uris.forEach((cell, i) => out.set(cell, this.remember(cell, findings.filter((f) => (f.cell ?? 0) === i), place, settings)));
    return out;
  }

  private remember(uri: string, findings: readonly Finding[], place: Place, settings: Settings): Diagnostic[] {
    const shown: Shown[] = [];
    for (const finding of findings) {
      const severity = settings.severity[finding.code];
      if (severity === 'off') continue;
      const diagnostic = toDiagnostic(finding, place, { translate, severity, ruleHref: this.options.ruleHref });
      shown.push({ finding, diagnostic, place });
    }
    this.shown.set(uri, shown);
    return shown.map((s) => s.diagnostic);
  }

  private schedule(uri: string): void {
    if (!this.push) return;
    const key = this.notebooks.findNotebookDocumentForCell(uri)?.uri ?? uri;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.publish(key).catch((error: unknown) => this.logFailure(key, error));
      }, DEBOUNCE_MS),
    );
  }

  private async publish(uri: string): Promise<void> {
    for (const [target, diagnostics] of await this.analyse(uri)) {
      const version = this.files.get(target)?.text.version;
      await this.connection.sendDiagnostics({ uri: target, diagnostics, ...(version !== undefined ? { version } : {}) });
    }
  }

  private async pull({ textDocument }: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const items = (await this.analyse(textDocument.uri)).get(textDocument.uri) ?? [];
    return { kind: DocumentDiagnosticReportKind.Full, items };
  }

  /** Open files whose last analysis read `uri` (a call followed into it) see it as it is now. */
  private otherFileChanged(uri: string): void {
    const path = filePath(uri);
    let stale = false;
    for (const [other, file] of this.files.all()) {
      if (other === uri || !file.doc) continue;
      if (file.doc.invalidate(path)) {
        stale = true;
        this.schedule(other);
      }
    }
    if (stale && !this.push && this.canRefreshDiagnostics) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  private refreshAll(): void {
    this.settingsCache.clear();
    for (const [uri, file] of this.files.all()) {
      this.files.reset(file);
      this.schedule(uri);
    }
    for (const notebook of this.openNotebooks) this.schedule(notebook);
    if (!this.push && this.canRefreshDiagnostics) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  private clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.shown.delete(uri);
    if (this.push) void this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  }

  private async codeActions({ textDocument, context }: CodeActionParams): Promise<CodeAction[]> {
    // A client that pulls may ask before any pull of this document's diagnostics.
    if (!this.shown.has(textDocument.uri)) await this.analyse(textDocument.uri);
    const shown = this.shown.get(textDocument.uri) ?? [];
    const actions: CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== undefined && diagnostic.source !== 'Optim Lens') continue;
      const match = shown.find((s) => sameDiagnostic(s.diagnostic, diagnostic));
      if (match) actions.push(...toCodeActions(match.finding, diagnostic, match.place, translate));
    }
    return actions;
  }

  private async hover({ textDocument, position }: HoverParams): Promise<Hover | null> {
    const analyzer = await this.analyzer();
    const uri = textDocument.uri;
    let target: SymbolTarget | null;
    const notebook = this.notebooks.findNotebookDocumentForCell(uri);
    if (notebook) {
      const { uris, texts } = codeCells(this.notebooks, notebook);
      const cell = uris.indexOf(uri);
      const found = notebook.cells.find((c) => c.document === uri);
      const text = found && this.notebooks.getCellTextDocument(found);
      if (cell < 0 || !text) return null;
      target = analyzer.symbolInNotebook(texts, cell, text.offsetAt(position));
    } else {
      const file = this.files.get(uri);
      if (!file || !this.isAnalysed(uri, file.text.languageId) || /\.ipynb$/i.test(uri)) return null;
      const doc = this.files.analysed(file, analyzer, projectOptions(uri, this.folders, this.openText));
      target = doc.symbolAt(file.text.offsetAt(position));
    }
    if (!target) return null;
    const contents = hoverMarkdown(target, { t: (text) => l10n.t(text), ruleHref: this.options.ruleHref });
    return contents ? { contents, range: target.range } : null;
  }

  private logFailure(where: string, error: unknown): void {
    this.connection.console.error(l10n.t('Optim Lens could not analyse {0}: {1}', where, error instanceof Error ? error.message : String(error)));
  }
}
