/**
 * An open document analysed incrementally: edits re-segment only around the change, re-parse only
 * the statement that changed (from its old tree) and reuse every other statement's syntax. The
 * model and rules then run again over the kept syntax, which is cheap.
 */
import type { Parser } from 'web-tree-sitter';
import { analyzeSource } from './analyze';
import { ModelCache } from './model';
import { Source } from './source';
import type { Finding, TextChange } from './types';

/** Also exported as IncrementalDocument. */
export interface AnalysisDocument {
  /** The current text. */
  readonly text: string;
  /**
   * Applies changes in order; each change's offsets refer to the text left by the previous one
   * (as in VS Code's `TextDocumentChangeEvent.contentChanges`).
   */
  edit(changes: readonly TextChange[]): void;
  /** Findings for the current text (computed on first call after an edit, then cached). */
  findings(): readonly Finding[];
  /** Frees the syntax trees held in WASM memory. */
  dispose(): void;
}

export class SourceDocument implements AnalysisDocument {
  private readonly source: Source;
  private readonly cache = new ModelCache();
  private cached: readonly Finding[] | null = null;

  constructor(parser: Parser, text: string) {
    this.source = new Source(parser, text);
  }

  get text(): string {
    return this.source.text;
  }

  edit(changes: readonly TextChange[]): void {
    for (const change of changes) this.source.applyChange(change);
    if (changes.length > 0) this.cached = null;
  }

  findings(): readonly Finding[] {
    this.cached ??= analyzeSource(this.source, undefined, this.cache);
    return this.cached;
  }

  dispose(): void {
    this.source.dispose();
  }
}
