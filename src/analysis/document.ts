/**
 * An open document analysed incrementally: edits re-segment only around the change, re-parse only
 * the statement that changed (from its old tree) and reuse every other statement's syntax. The
 * model and rules then run again over the kept syntax, which is cheap.
 */
import type { SafeParser } from './syntax/treeSitter';
import { analyzeSource } from './analyze';
import { ModelCache } from './model';
import { Source } from './syntax/source';
import { inspectSource, type Inspection } from './inspect';
import type { Construction, SymbolTarget } from './symbols';
import type { Finding, TextChange } from './types';
import type { ProjectContext } from './project/link';
import { normalizePath } from './project/files';

/** Also exported as IncrementalDocument. */
export interface AnalysisDocument {
  /** The current text. */
  readonly text: string;
  /**
   * Applies changes in order; each change's offsets refer to the text left by the previous one
   * (as in VS Code's `TextDocumentChangeEvent.contentChanges`).
   */
  edit(changes: readonly TextChange[]): void;
  /**
   * Findings for the current text (computed on first call after an edit or `invalidate`, then
   * cached). With a project, calls into other files are followed as they are read then.
   */
  findings(): readonly Finding[];
  /**
   * Forgets the cached findings because another file of the project changed (its content is
   * checked anew). With that file's `path`, only when the last analysis read it (or looked for it
   * and found nothing): returns whether the findings were forgotten.
   */
  invalidate(path?: string): boolean;
  /** The optimizers, schedulers and losses the text constructs (for the panels' "from your code"). */
  constructions(): readonly Construction[];
  /** What a hover at the UTF-16 `offset` explains, or null. */
  symbolAt(offset: number): SymbolTarget | null;
  /** Frees the syntax trees held in WASM memory. */
  dispose(): void;
}

export class SourceDocument implements AnalysisDocument {
  private readonly source: Source;
  private readonly cache = new ModelCache();
  private cached: readonly Finding[] | null = null;
  private inspection: Inspection | null = null;
  /** The project files the last analysis read or looked for (normalized paths). */
  private readonly reads = new Set<string>();
  private readonly recording: ProjectContext | null;

  constructor(
    parser: SafeParser,
    text: string,
    /** The project around the file; cached roots that read another file are re-checked against it. */
    private readonly project: ProjectContext | null = null,
  ) {
    this.source = new Source(parser, text);
    this.recording = project && {
      ...project,
      files: {
        roots: project.files.roots,
        read: (path) => {
          this.reads.add(normalizePath(path));
          return project.files.read(path);
        },
      },
    };
  }

  invalidate(path?: string): boolean {
    if (this.cached === null) return true;
    if (path !== undefined && !this.reads.has(normalizePath(path))) return false;
    this.cached = null;
    this.inspection = null;
    return true;
  }

  get text(): string {
    return this.source.text;
  }

  edit(changes: readonly TextChange[]): void {
    for (const change of changes) this.source.applyChange(change);
    if (changes.length > 0) {
      this.cached = null;
      this.inspection = null;
    }
  }

  findings(): readonly Finding[] {
    if (this.cached === null) {
      this.reads.clear();
      this.cached = analyzeSource(this.source, undefined, this.cache, this.recording);
    }
    return this.cached;
  }

  constructions(): readonly Construction[] {
    return this.inspect().constructions();
  }

  symbolAt(offset: number): SymbolTarget | null {
    return this.inspect().symbolAt(offset);
  }

  private inspect(): Inspection {
    this.inspection ??= inspectSource(this.source, undefined, this.cache, this.recording);
    return this.inspection;
  }

  dispose(): void {
    this.source.dispose();
  }
}
