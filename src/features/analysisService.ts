import type * as vscode from 'vscode';
import type { Analyzer, Construction, Finding, IncrementalDocument, SymbolTarget, TextOptions } from '../analysis';
import type { QueryValue } from '../workspace/documentProtocol';
import { RemoteDocuments, type LiveDocument, type RemoteDocument } from '../workspace/remoteDocuments';
import type { AnalysisModule } from './analysisModule';
import type { ExtensionHost } from './host';

/**
 * The per-document work budget of the extension host's thread. `npm run bench -- keystroke`
 * (bench/cases/keystroke.ts, generated training code, 2 cores, 2026-12-03) measured one keystroke's
 * incremental `edit` + `findings()` on the host at 1.2 ms for 10 KB, 19 ms for 100 KB, 165 ms for
 * 1 MB and 815 ms for 4 MB, and the first open at 24, 61, 453 and 2,362 ms: the work grows with the
 * file, and a frame (16 ms) is spent near 100 KB. A document longer than this many characters is
 * therefore analysed in a worker (the desktop's worker thread, src/workspace/documentWorker.ts),
 * where the host only forwards edits (well under a millisecond) and awaits the findings. Shorter
 * ones keep the in-process incremental path, where an answer costs no message. A document changes
 * sides when it crosses the budget (back only below half of it, so an edit at the edge does not
 * reopen it each time); notebooks are measured by their code cells together. The web host runs the
 * same worker as a Web Worker started from its own; where none can start, documents are analysed
 * in process whatever their size.
 */
export const HOST_BUDGET_CHARS = 64 * 1024;

/** Where the service reports what it does with the worker (the extension's log channel). */
export interface ServiceLog {
  info(line: string): void;
  warn(line: string): void;
}

/** An open file's analysis, in this thread or in the worker. */
interface StoredDocument {
  readonly live: LiveDocument;
  readonly local?: IncrementalDocument;
  readonly remote?: RemoteDocument;
  /** Its length in characters, kept from the edits. */
  length: number;
  /** The editor version whose findings were last handed out (-1: to be recomputed). */
  analysedAt: number;
  /** The editor version its text is at (every edit is applied or forwarded as it happens). */
  editedTo: number;
  /** The project it belongs to, when the host reads one (desktop `file:` documents). */
  readonly options?: TextOptions;
}

/** An IncrementalDocument in this thread, answering at once. */
class LocalDocument implements LiveDocument {
  constructor(private readonly doc: IncrementalDocument) {}
  findings(): Promise<readonly Finding[]> {
    return Promise.resolve(this.doc.findings());
  }
  constructions(): Promise<readonly Construction[]> {
    return Promise.resolve(this.doc.constructions());
  }
  symbolAt(offset: number): Promise<SymbolTarget | null> {
    return Promise.resolve(this.doc.symbolAt(offset));
  }
}

/**
 * The one owner of the analyser on the host: the lazily required bundle (`module`), the parser
 * loaded from it (`analyzer()`), the analysed document of each open Python file, and the worker
 * that analyses those over the host's budget (HOST_BUDGET_CHARS). Diagnostics keep the documents
 * current; the inspector (hovers, "from your code") reads them; nobody else requires
 * `dist/analyzer.js` or creates a second parser on the host.
 */
export class AnalysisService implements vscode.Disposable {
  private loaded: AnalysisModule | undefined;
  private parser: Promise<Analyzer> | undefined;
  private readonly documents = new Map<string, StoredDocument>();
  /** The worker's client, made on the first document over the budget; null where the host has none. */
  private worker: RemoteDocuments | null | undefined;

  /**
   * @param host loads the analyser and its parser's WASM, knows the project of a document, and
   *   starts the document worker where it can.
   * @param log where a document goes to the worker, and each failure of the worker.
   * @param budgetChars documents longer than this are analysed in the worker (tests lower it).
   */
  constructor(
    private readonly host: ExtensionHost,
    private readonly log: ServiceLog = { info: () => undefined, warn: () => undefined },
    private readonly budgetChars = HOST_BUDGET_CHARS,
  ) {}

  /** The analyser bundle's exports, required on first use (activation does not load it). */
  get module(): AnalysisModule {
    this.loaded ??= this.host.loadAnalysis();
    return this.loaded;
  }

  /** The analyser with its parser, created once, on first use. */
  analyzer(): Promise<Analyzer> {
    this.parser ??= this.host.parserOptions().then((options) => this.module.createAnalyzer(options));
    return this.parser;
  }

  /** The analysed document of an open file, when its text is the editor's (edits are applied as they come). */
  current(document: vscode.TextDocument): LiveDocument | undefined {
    const stored = this.documents.get(document.uri.toString());
    return stored?.editedTo === document.version && stored.analysedAt !== -1 ? stored.live : undefined;
  }

  /**
   * What the inspector reads for an open file: its analysed document, opened now if the
   * diagnostics have not yet (in the worker over the budget, never analysed on the host's thread
   * then), or undefined for a short file not opened yet (read it on its own, it is cheap).
   */
  async inspectable(document: vscode.TextDocument): Promise<LiveDocument | undefined> {
    const stored = this.documents.get(document.uri.toString());
    if (stored?.editedTo === document.version) return stored.live;
    if (!this.offHost(document.getText().length)) return undefined;
    return (await this.open(document, -1)).live;
  }

  /** Applies an editor's edits to the kept document (or forwards them to the worker) as they happen. */
  edit(document: vscode.TextDocument, changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    const stored = this.documents.get(document.uri.toString());
    if (!stored || changes.length === 0 || document.version <= stored.editedTo) return;
    for (const change of changes) stored.length += change.text.length - change.rangeLength;
    stored.editedTo = document.version;
    // To the worker only what the analyser reads of a change (not VS Code's Range objects).
    if (stored.remote) stored.remote.edit(document.version, changes.map(({ rangeOffset, rangeLength, text }) => ({ rangeOffset, rangeLength, text })));
    else stored.local?.edit(changes);
  }

  /**
   * Brings the file's document to the editor's version, opening it the first time (or again on the
   * other side of the budget); undefined when its findings were already handed out at this version.
   */
  async update(document: vscode.TextDocument): Promise<LiveDocument | undefined> {
    let stored = this.documents.get(document.uri.toString());
    if (stored?.analysedAt === document.version && stored.editedTo === document.version) return undefined;
    if (!stored || stored.editedTo !== document.version || this.wrongSide(stored)) stored = await this.open(document, document.version);
    stored.analysedAt = document.version;
    return stored.live;
  }

  /**
   * A document's findings did not come (the worker failed; a newer edit would have changed its
   * version): the next `update` asks again. Returns whether asking again can help (the worker has
   * not given up after crashes).
   */
  retry(document: vscode.TextDocument): boolean {
    const stored = this.documents.get(document.uri.toString());
    if (!stored) return false;
    stored.analysedAt = -1;
    // A worker that cannot run here hands its documents back to the host's thread at the next update.
    return this.worker?.broken !== true || this.worker.unavailable;
  }

  /** A notebook's code cells analysed together, in the worker when they are over the budget; undefined when the worker failed. */
  async notebook(cells: readonly string[], query: { readonly kind: 'findings' }): Promise<readonly Finding[] | undefined>;
  async notebook(cells: readonly string[], query: { readonly kind: 'constructions' }): Promise<readonly Construction[] | undefined>;
  async notebook(cells: readonly string[], query: { readonly kind: 'symbolAt'; readonly cell: number; readonly offset: number }): Promise<SymbolTarget | null | undefined>;
  async notebook(cells: readonly string[], query: { readonly kind: 'findings' | 'constructions' | 'symbolAt'; readonly cell?: number; readonly offset?: number }): Promise<QueryValue | undefined> {
    const length = cells.reduce((sum, cell) => sum + cell.length + 1, 0);
    const worker = this.offHost(length) ? this.remote() : undefined;
    if (worker) return worker.notebook(cells, query.kind === 'symbolAt' ? { kind: 'symbolAt', cell: query.cell ?? 0, offset: query.offset ?? 0 } : { kind: query.kind });
    const analyzer = await this.analyzer();
    if (query.kind === 'findings') return analyzer.analyzeNotebook(cells);
    if (query.kind === 'constructions') return analyzer.constructions(cells);
    return analyzer.symbolInNotebook(cells, query.cell ?? 0, query.offset ?? 0);
  }

  /**
   * Another file of the project changed: the open files whose last analysis read it (or looked
   * for it) are recomputed at their next `update`; the others keep their findings.
   */
  invalidateAll(changed?: vscode.Uri): void {
    const skip = changed?.toString();
    const path = changed?.scheme === 'file' ? changed.fsPath : undefined;
    const normalized = path === undefined ? undefined : this.module.normalizePath(path);
    const remote: string[] = [];
    let reader: TextOptions | undefined;
    for (const [key, stored] of this.documents) {
      if (key === skip) continue;
      if (stored.remote) {
        if (!stored.remote.hasRead(normalized)) continue;
        remote.push(key);
        reader ??= stored.options;
        stored.analysedAt = -1;
      } else if (stored.local?.invalidate(path)) stored.analysedAt = -1;
    }
    // The worker reads that file as its editor has it now (unsaved edits count), or from disk.
    if (remote.length > 0) this.worker?.overlay(normalized ?? '', normalized === undefined ? null : (reader?.project.read(normalized) ?? null), remote);
  }

  /** Drops a file's document (closed, excluded, or turned off); each holds a parse tree in WASM memory. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.close(this.documents.get(key));
    this.documents.delete(key);
  }

  /** Drops every document, so the next analysis of each starts afresh (after a settings change). */
  forgetAll(): void {
    for (const stored of this.documents.values()) this.close(stored);
    this.documents.clear();
  }

  dispose(): void {
    this.forgetAll();
    this.worker?.dispose();
  }

  /** Whether a text of `length` characters is analysed off the host's thread (there is a worker for it). */
  private offHost(length: number): boolean {
    return length > this.budgetChars && this.remote() !== undefined;
  }

  private wrongSide(stored: StoredDocument): boolean {
    return stored.remote ? stored.length < this.budgetChars / 2 || !this.remote() : this.offHost(stored.length);
  }

  /**
   * The worker's client. One that gave up after crashes stays: large files are then not analysed
   * (never on the host's thread). Where no worker can run at all, there is none.
   */
  private remote(): RemoteDocuments | undefined {
    if (this.worker === undefined) {
      const spawn = this.host.documentWorker;
      this.worker = spawn ? new RemoteDocuments({ spawn, log: (line) => this.log.warn(line) }) : null;
    }
    return this.worker && !this.worker.unavailable ? this.worker : undefined;
  }

  private async open(document: vscode.TextDocument, analysedAt: number): Promise<StoredDocument> {
    const key = document.uri.toString();
    const options = this.host.projectOptions(document);
    let text = document.getText();
    const worker = this.offHost(text.length) ? this.remote() : undefined;
    let stored: StoredDocument;
    if (worker) {
      this.forget(document.uri);
      const snapshot = () => ({ text: document.getText(), version: document.version });
      const remote = worker.open(key, { text, version: document.version }, snapshot, options && { path: options.path, roots: options.project.roots });
      this.log.info(`${key}: ${text.length.toLocaleString('en')} characters, over the host's budget of ${this.budgetChars.toLocaleString('en')}: analysed in the document worker`);
      stored = { live: remote, remote, options, length: text.length, analysedAt, editedTo: document.version };
    } else {
      const analyzer = await this.analyzer();
      // Read after the parser loaded: no edit falls between the text and the version.
      this.forget(document.uri);
      text = document.getText();
      const local = analyzer.open(text, options);
      stored = { live: new LocalDocument(local), local, options, length: text.length, analysedAt, editedTo: document.version };
    }
    this.documents.set(key, stored);
    return stored;
  }

  private close(stored: StoredDocument | undefined): void {
    stored?.local?.dispose();
    stored?.remote?.close();
  }
}
