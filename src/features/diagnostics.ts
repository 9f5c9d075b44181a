import * as vscode from 'vscode';
import type { Finding } from '../analysis';
import { DisposableStore } from '../shared/lifetime';
import { readSettings, onSettingsChanged } from './config';
import { toDiagnostic, type ShownFinding } from './vscodeTypes';
import type { Ctx } from './context';
import { isExcluded } from './excluded';
import type { NotebookPositions } from '../workspace/notebookPositions';

/**
 * Analysis is fast (≈1 ms incremental) up to the host's budget, and runs in a worker beyond it
 * (analysisService.ts, HOST_BUDGET_CHARS); the debounce only coalesces bursts of keystrokes.
 */
const DEBOUNCE_MS = 60;

/** What the code-action provider needs to turn a diagnostic back into its fixes. */
export interface FindingsIndex {
  findingsFor(uri: vscode.Uri): readonly ShownFinding[];
}

/** A workspace check's findings for a file that is not open, kept to be shown again when settings change. */
interface WorkspaceEntry {
  readonly uri: vscode.Uri;
  readonly findings: readonly Finding[];
  /** For a notebook: where its cells lie in the `.ipynb` file. */
  readonly notebook?: NotebookPositions;
}

/**
 * Keeps the Problems view in step with open Python files and Jupyter notebooks: each file keeps its
 * parse tree between edits (incremental reparse; the documents live in the context's
 * AnalysisService, where the inspector reads them too), a notebook's code cells are analysed
 * together, and everything is cleared when a document closes or the feature is turned off.
 *
 * A workspace check adds the findings of files that are not open. Those stay until the file is
 * opened (its live analysis takes over), the check runs again, or a setting leaves the file out.
 */
export class DiagnosticsFeature extends DisposableStore implements FindingsIndex {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('optim-lens'));
  private readonly located = new Map<string, ShownFinding[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly workspaceEntries = new Map<string, WorkspaceEntry>();
  /** How many analyses of each notebook have started: only the latest one publishes. */
  private readonly notebookRuns = new Map<string, number>();

  constructor(private readonly ctx: Ctx) {
    super();
    this.register(
      vscode.workspace.onDidOpenTextDocument((d) => {
        this.dropWorkspaceEntry(d.uri);
        this.schedule(d);
      }),
    );
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)));
    // Open files follow calls into other project files: re-read them when one changes on disk.
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*.py'));
    this.register(watcher.onDidChange((uri) => this.otherFileChanged(uri)));
    this.register(watcher.onDidCreate((uri) => this.otherFileChanged(uri)));
    this.register(watcher.onDidDelete((uri) => this.otherFileChanged(uri)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this.register(
      vscode.workspace.onDidOpenNotebookDocument((n) => {
        this.dropWorkspaceEntry(n.uri);
        this.scheduleNotebook(n);
      }),
    );
    this.register(vscode.workspace.onDidChangeNotebookDocument((e) => this.scheduleNotebook(e.notebook)));
    this.register(vscode.workspace.onDidCloseNotebookDocument((n) => n.getCells().forEach((c) => this.forget(c.document.uri))));
    this.register(onSettingsChanged(() => this.refreshAll()));
    // The documents themselves belong to the AnalysisService, disposed with the context.
    this.register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    this.refreshAll();
  }

  findingsFor(uri: vscode.Uri): readonly ShownFinding[] {
    return this.located.get(uri.toString()) ?? [];
  }

  /**
   * Shows a workspace check's findings for one file (`text` is what was analysed). A file open in
   * an editor keeps its live analysis instead; a notebook's findings go on the `.ipynb` file, at
   * the lines of the notebook's JSON that hold the code, since its cells exist only when it is open.
   * Returns how many findings the severity settings let through.
   */
  showWorkspaceFindings(uri: vscode.Uri, findings: readonly Finding[], text: string): number {
    const severity = readSettings(uri).severity;
    const shown = findings.filter((f) => severity[f.code] !== 'off').length;
    if (this.isOpen(uri)) return shown;
    const entry: WorkspaceEntry = { uri, findings, notebook: /\.ipynb$/i.test(uri.path) ? new this.ctx.analysis.module.NotebookPositions(text) : undefined };
    this.workspaceEntries.set(uri.toString(), entry);
    this.publishWorkspaceEntry(entry);
    return shown;
  }

  /** Removes the last workspace check's findings (open documents keep theirs). */
  clearWorkspaceFindings(): void {
    for (const entry of [...this.workspaceEntries.values()]) this.dropWorkspaceEntry(entry.uri);
  }

  /** Re-analyses every open document (after a settings change, and at start). */
  refreshAll(): void {
    this.collection.clear();
    this.located.clear();
    this.ctx.analysis.forgetAll();
    for (const document of vscode.workspace.textDocuments) this.schedule(document);
    for (const notebook of vscode.workspace.notebookDocuments) this.scheduleNotebook(notebook);
    for (const entry of this.workspaceEntries.values()) this.publishWorkspaceEntry(entry);
  }

  /** A notebook is judged by its own URI. */
  private enabledFor(uri: vscode.Uri): boolean {
    const settings = readSettings(uri);
    return settings.enable && !isExcluded(settings.exclude, uri);
  }

  private isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key) || vscode.workspace.notebookDocuments.some((n) => n.uri.toString() === key);
  }

  private publishWorkspaceEntry(entry: WorkspaceEntry): void {
    if (!this.enabledFor(entry.uri)) {
      this.forget(entry.uri);
      return;
    }
    this.publish(entry.uri, entry.findings, undefined, entry.notebook);
  }

  /** Forgets a workspace check's findings for `uri`; live analysis publishes again if it is open. */
  private dropWorkspaceEntry(uri: vscode.Uri): void {
    if (!this.workspaceEntries.delete(uri.toString())) return;
    this.located.delete(uri.toString());
    this.collection.delete(uri);
  }

  private isPythonFile(document: vscode.TextDocument): boolean {
    return document.languageId === 'python' && document.uri.scheme !== 'vscode-notebook-cell';
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    // A cell's edit also arrives as onDidChangeNotebookDocument, which knows its notebook.
    if (!this.isPythonFile(document)) return;
    // Feed the edits to the kept tree now, so the reparse after the debounce is incremental.
    this.ctx.analysis.edit(document, event.contentChanges);
    this.schedule(document);
    if (event.contentChanges.length > 0) this.otherFileChanged(document.uri);
  }

  /** Open files that call into `uri` see it as it is now (its editor's text, else the disk). */
  private otherFileChanged(uri: vscode.Uri): void {
    this.ctx.analysis.invalidateAll(uri);
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.toString() !== uri.toString() && this.ctx.analysis.current(document) === undefined) this.schedule(document);
    }
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

  private async analyzeFile(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    if (!this.enabledFor(document.uri)) {
      this.forget(document.uri);
      return;
    }
    const version = document.version;
    const doc = await this.ctx.analysis.update(document);
    if (!doc) return; // Nothing changed since the last analysis.
    const findings = await doc.findings();
    if (document.isClosed || !this.enabledFor(document.uri)) return;
    // Undefined: superseded by a newer edit (its own run publishes), or the worker failed (the log
    // says why; it restarts): the shown findings stay, and a failed run is asked again.
    if (!findings) {
      if (document.version === version && this.ctx.analysis.retry(document)) this.schedule(document);
      return;
    }
    if (document.version === version) this.publish(document.uri, findings);
  }

  private async analyzeNotebook(notebook: vscode.NotebookDocument): Promise<void> {
    if (notebook.isClosed) return;
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    if (cells.length === 0 || !this.enabledFor(notebook.uri)) {
      cells.forEach((c) => this.forget(c.document.uri));
      return;
    }
    const seq = (this.notebookRuns.get(notebook.uri.toString()) ?? 0) + 1;
    this.notebookRuns.set(notebook.uri.toString(), seq);
    const findings = await this.ctx.analysis.notebook(
      cells.map((c) => c.document.getText()),
      { kind: 'findings' },
    );
    // A newer run of this notebook supersedes this one; a failed worker leaves the shown findings.
    if (!findings || notebook.isClosed || this.notebookRuns.get(notebook.uri.toString()) !== seq) return;
    const byCell = new Map<number, Finding[]>(cells.map((_c, i) => [i, []]));
    for (const finding of findings) byCell.get(finding.cell ?? 0)?.push(finding);
    const uris = cells.map((c) => c.document.uri);
    for (const [index, cellFindings] of byCell) this.publish(uris[index]!, cellFindings, uris);
  }

  /**
   * @param cellUris for an open notebook, the URI of each analysed cell.
   * @param notebookFile for a notebook that is not open: where its cells lie in the file.
   */
  private publish(uri: vscode.Uri, findings: readonly Finding[], cellUris?: readonly vscode.Uri[], notebookFile?: NotebookPositions): void {
    const overrides = readSettings(uri).severity;
    const located: ShownFinding[] = [];
    for (const found of findings) {
      const severity = overrides[found.code];
      if (severity === 'off') continue;
      const finding = notebookFile ? notebookFile.toFileFinding(found) : found;
      const diagnostic = toDiagnostic(finding, uri, severity, cellUris);
      // Jupyter numbers cells from 1, markdown cells included.
      if (notebookFile && found.cell !== undefined) diagnostic.message = vscode.l10n.t('Cell {0}: {1}', found.cell + 1, diagnostic.message);
      located.push({ finding, cellUris, diagnostic });
    }
    this.located.set(uri.toString(), located);
    this.collection.set(uri, located.map((l) => l.diagnostic));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.ctx.analysis.forget(uri);
    this.located.delete(key);
    this.collection.delete(uri);
  }
}
