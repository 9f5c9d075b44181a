import * as vscode from 'vscode';
import type { Analyzer, Finding, IncrementalDocument } from '../analysis';
import { DisposableStore } from './lifetime';
import { readSettings, onSettingsChanged } from './config';
import { toDiagnostic, type Located } from './convert';
import type { Ctx } from './context';

/** Analysis is fast (≈1 ms incremental); the debounce only coalesces bursts of keystrokes. */
const DEBOUNCE_MS = 60;

/** What the code-action provider needs to turn a diagnostic back into its fixes. */
export interface FindingsIndex {
  findingsFor(uri: vscode.Uri): readonly Located[];
}

/**
 * Keeps the Problems view in step with open Python files and Jupyter notebooks: each file keeps its
 * parse tree between edits (incremental reparse), a notebook's code cells are analysed together,
 * and everything is cleared when a document closes or the feature is turned off.
 */
export class DiagnosticsFeature extends DisposableStore implements FindingsIndex {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('optim-lens'));
  private readonly files = new Map<string, { doc: IncrementalDocument; version: number }>();
  private readonly located = new Map<string, Located[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private analyzer: Promise<Analyzer> | undefined;

  constructor(
    private readonly ctx: Ctx,
    private readonly loadAnalyzer: () => Promise<Analyzer>,
  ) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this.register(vscode.workspace.onDidOpenNotebookDocument((n) => this.scheduleNotebook(n)));
    this.register(vscode.workspace.onDidChangeNotebookDocument((e) => this.scheduleNotebook(e.notebook)));
    this.register(vscode.workspace.onDidCloseNotebookDocument((n) => n.getCells().forEach((c) => this.forget(c.document.uri))));
    this.register(onSettingsChanged(() => this.refreshAll()));
    this.register({
      dispose: () => {
        this.timers.forEach((t) => clearTimeout(t));
        this.files.forEach((f) => f.doc.dispose());
      },
    });
    this.refreshAll();
  }

  findingsFor(uri: vscode.Uri): readonly Located[] {
    return this.located.get(uri.toString()) ?? [];
  }

  /** Re-analyses every open document (after a settings change, and at start). */
  refreshAll(): void {
    this.collection.clear();
    this.located.clear();
    for (const { doc } of this.files.values()) doc.dispose(); // each holds a parse tree in WASM memory
    this.files.clear();
    for (const document of vscode.workspace.textDocuments) this.schedule(document);
    for (const notebook of vscode.workspace.notebookDocuments) this.scheduleNotebook(notebook);
  }

  /** A notebook is judged by one of its cells: a cell's URI has its notebook's path. */
  private enabledFor(document: vscode.TextDocument): boolean {
    const settings = readSettings(document.uri);
    if (!settings.enable) return false;
    return !settings.exclude.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  }

  private isPythonFile(document: vscode.TextDocument): boolean {
    return document.languageId === 'python' && document.uri.scheme !== 'vscode-notebook-cell';
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    // A cell's edit also arrives as onDidChangeNotebookDocument, which knows its notebook.
    if (!this.isPythonFile(document)) return;
    const tracked = this.files.get(document.uri.toString());
    if (tracked && event.contentChanges.length > 0) {
      // Feed the edits to the kept tree now, so the reparse after the debounce is incremental.
      tracked.doc.edit(event.contentChanges);
    }
    this.schedule(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!this.isPythonFile(document)) return;
    this.debounce(document.uri.toString(), () => this.analyzeFile(document));
  }

  private scheduleNotebook(notebook: vscode.NotebookDocument): void {
    if (notebook.notebookType !== 'jupyter-notebook') return;
    this.debounce(notebook.uri.toString(), () => this.analyzeNotebook(notebook));
  }

  private debounce(key: string, run: () => Promise<void>): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        run().catch((error: unknown) => this.ctx.log.error(`Analysis of ${key} failed`, error));
      }, DEBOUNCE_MS),
    );
  }

  /** The analyzer, loaded on first use (shared with hovers and "from your code"). */
  getAnalyzer(): Promise<Analyzer> {
    this.analyzer ??= this.loadAnalyzer();
    return this.analyzer;
  }

  /** The incrementally analysed document of an open file, when it is current. */
  trackedDocument(document: vscode.TextDocument): IncrementalDocument | undefined {
    const tracked = this.files.get(document.uri.toString());
    return tracked?.version === document.version ? tracked.doc : undefined;
  }

  private async analyzeFile(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    if (!this.enabledFor(document)) {
      this.forget(document.uri);
      return;
    }
    const key = document.uri.toString();
    const analyzer = await this.getAnalyzer();
    let tracked = this.files.get(key);
    if (tracked?.version === document.version) return; // Nothing changed since the last analysis.
    if (!tracked) {
      tracked = { doc: analyzer.open(document.getText()), version: document.version };
      this.files.set(key, tracked);
    }
    tracked.version = document.version;
    this.publish(document.uri, tracked.doc.findings());
  }

  private async analyzeNotebook(notebook: vscode.NotebookDocument): Promise<void> {
    if (notebook.isClosed) return;
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    if (cells.length === 0 || !this.enabledFor(cells[0]!.document)) {
      cells.forEach((c) => this.forget(c.document.uri));
      return;
    }
    const analyzer = await this.getAnalyzer();
    const findings = analyzer.analyzeNotebook(cells.map((c) => c.document.getText()));
    const byCell = new Map<number, Finding[]>(cells.map((_c, i) => [i, []]));
    for (const finding of findings) byCell.get(finding.cell ?? 0)?.push(finding);
    const uris = cells.map((c) => c.document.uri);
    for (const [index, cellFindings] of byCell) this.publish(uris[index]!, cellFindings, uris);
  }

  private publish(uri: vscode.Uri, findings: readonly Finding[], cellUris?: readonly vscode.Uri[]): void {
    const overrides = readSettings(uri).severity;
    const located: Located[] = [];
    for (const finding of findings) {
      const severity = overrides[finding.code];
      if (severity === 'off') continue;
      located.push({ finding, cellUris, diagnostic: toDiagnostic(finding, uri, this.ctx.extension.extensionUri, severity, cellUris) });
    }
    this.located.set(uri.toString(), located);
    this.collection.set(uri, located.map((l) => l.diagnostic));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.files.get(key)?.doc.dispose();
    this.files.delete(key);
    this.located.delete(key);
    this.collection.delete(uri);
  }
}
