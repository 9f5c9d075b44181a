import type * as vscode from 'vscode';
import type { Analyzer, IncrementalDocument } from '../analysis';
import type { AnalysisModule } from './analysisModule';
import type { ExtensionHost } from './host';

/** An open file's analysed document and the editor version it was last analysed at. */
interface StoredDocument {
  readonly doc: IncrementalDocument;
  version: number;
}

/**
 * The one owner of the analyser on the host: the lazily required bundle (`module`), the parser
 * loaded from it (`analyzer()`), and the incrementally analysed document of each open Python file.
 * Diagnostics keep the documents current; the inspector (hovers, "from your code") reads them;
 * nobody else requires `dist/analyzer.js` or creates a second parser.
 */
export class AnalysisService implements vscode.Disposable {
  private loaded: AnalysisModule | undefined;
  private parser: Promise<Analyzer> | undefined;
  private readonly documents = new Map<string, StoredDocument>();

  /** @param host loads the analyser and its parser's WASM, and knows the project of a document. */
  constructor(private readonly host: ExtensionHost) {}

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

  /** The analysed document of an open file, when it is current (analysed at the editor's version). */
  current(document: vscode.TextDocument): IncrementalDocument | undefined {
    const stored = this.documents.get(document.uri.toString());
    return stored?.version === document.version ? stored.doc : undefined;
  }

  /** Feeds an editor's edits to the kept parse tree, so the next `update` reparses incrementally. */
  edit(document: vscode.TextDocument, changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    if (changes.length > 0) this.documents.get(document.uri.toString())?.doc.edit(changes);
  }

  /**
   * Brings the file's document to the editor's version, opening it the first time; undefined when
   * it already was current (nothing to publish again).
   */
  async update(document: vscode.TextDocument): Promise<IncrementalDocument | undefined> {
    const analyzer = await this.analyzer();
    const key = document.uri.toString();
    let stored = this.documents.get(key);
    if (stored?.version === document.version) return undefined;
    if (!stored) {
      stored = { doc: analyzer.open(document.getText(), this.host.projectOptions(document)), version: document.version };
      this.documents.set(key, stored);
    }
    stored.version = document.version;
    return stored.doc;
  }

  /**
   * Another file of the project changed: the open files whose last analysis read it (or looked
   * for it) are recomputed at their next `update`; the others keep their findings.
   */
  invalidateAll(changed?: vscode.Uri): void {
    const skip = changed?.toString();
    const path = changed?.scheme === 'file' ? changed.fsPath : undefined;
    for (const [key, stored] of this.documents) {
      if (key === skip) continue;
      if (stored.doc.invalidate(path)) stored.version = -1;
    }
  }

  /** Drops a file's document (closed, excluded, or turned off); each holds a parse tree in WASM memory. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.documents.get(key)?.doc.dispose();
    this.documents.delete(key);
  }

  /** Drops every document, so the next analysis of each starts afresh (after a settings change). */
  forgetAll(): void {
    for (const { doc } of this.documents.values()) doc.dispose();
    this.documents.clear();
  }

  dispose(): void {
    this.forgetAll();
  }
}
