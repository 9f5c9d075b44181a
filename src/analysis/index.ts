/**
 * Optim Lens' training-loop analyser: pure (no `vscode`, no DOM), usable from the extension host,
 * the CLI and tests.
 *
 * ```ts
 * const analyzer = await createAnalyzer({ wasmDir: __dirname });
 * const findings = analyzer.analyzeText(source);              // a .py file
 * const cells = analyzer.analyzeNotebook([cell0, cell1]);     // code cells, findings carry `cell`
 * const doc = analyzer.open(source);                           // incremental
 * doc.edit([{ rangeOffset: 120, rangeLength: 0, text: 'x' }]);
 * doc.findings();
 * ```
 *
 * Messages are `{ template, args }`: translate `template` (it is the l10n key; every template is
 * listed in MESSAGE_TEMPLATES) and substitute `args` with `formatMessage`.
 */
import { analyzeSource } from './analyze';
import { inspectSource, type Inspection } from './inspect';
import type { Construction, SymbolTarget } from './symbols';
import { SourceDocument, type AnalysisDocument } from './document';
import { joinCells, readNotebookCells } from './syntax/notebook';
import { createSafeParser, type SafeParser, type WasmLocation } from './syntax/treeSitter';
import { CellMap } from './positions';
import { Source } from './syntax/source';
import { LineIndex } from './syntax/text/lines';
import type { Finding, TextEdit } from './types';
import { ProjectIndex, type ProjectFiles } from './project/files';
import type { ProjectContext } from './project/link';

export type * from './types';
export type * from './symbols';
export { baseLrOf, optimizerSpec, outermostSchedulers, schedulerSpec, type SpecFromCode } from './inspect/specs';
export { LOSS_CLASSES, OPTIMIZER_CLASSES, SCHEDULER_CLASSES, signatureOf, type Signature } from './inspect/signatures';
export { MESSAGE_TEMPLATES, RULES, RULE_CODES, findRule, ruleInfo, rulesConcerning, type RuleInfo } from './rules';
export type { RuleActions, StepCadence } from './rules/define';
export { renderRulePage } from './rules/docs';
export { formatMessage, placeholders } from './rules/messages';
export { NotebookError, parseNotebook, readNotebookCells, type NotebookCell, type ParsedNotebook } from './syntax/notebook';
export type { AnalysisDocument, AnalysisDocument as IncrementalDocument } from './document';
export { findNoqa, suppresses } from './rules/noqa';
export { mayHaveFindings } from './analyze';
export { normalizePath, type ProjectFiles } from './project/files';

export interface AnalyzerOptions extends WasmLocation {
  /**
   * `false` parses and models every top-level statement instead of those the vocabulary prefilter
   * picks. Slower, same findings: tests use it to hold the prefilter to that.
   */
  readonly prefilter?: boolean;
}

/** Where an analysed text lives, so calls into other files of its project are followed. */
export interface TextOptions {
  /** The file's absolute path (`/` or `\` separators). */
  readonly path: string;
  /** The project's files (read synchronously; the host decides from where: disk, open editors). */
  readonly project: ProjectFiles;
}

export interface Analyzer {
  /**
   * Findings for one Python file's text. With `options`, calls into functions of other project
   * files are followed (related locations there carry `file`); without, only this file is read.
   */
  analyzeText(text: string, options?: TextOptions): Finding[];
  /**
   * Findings for a notebook's code cells, analysed together in order. Each finding, related
   * location and edit carries `cell` (an index into `cells`) and cell-local ranges.
   */
  analyzeNotebook(cells: readonly string[]): Finding[];
  /**
   * Findings for `.ipynb` JSON; `cell` is the index in the notebook's `cells` (markdown included).
   * Throws NotebookError for invalid notebooks; non-Python notebooks have no findings.
   */
  analyzeIpynb(json: string): Finding[];
  /**
   * An incrementally analysed document. Call `dispose()` when it closes. With `options`, calls
   * into other project files are followed; call `invalidate()` when one of them changes.
   */
  open(text: string, options?: TextOptions): AnalysisDocument;
  /** The constructions of a file's text, or of a notebook's code cells (ranges then carry `cell`). */
  constructions(text: string | readonly string[]): Construction[];
  /** What a hover at `offset` in `cells[cell]` explains (a notebook's code cells, analysed together). */
  symbolInNotebook(cells: readonly string[], cell: number, offset: number): SymbolTarget | null;
}

/**
 * Loads the parser (once per process) and returns an analyzer. In the bundled extension and CLI
 * pass `{ wasmDir: __dirname }` (esbuild copies both WASM files next to the bundle); tests pass
 * `treeSitterWasm`/`languageWasm` from node_modules.
 */
export async function createAnalyzer(options: AnalyzerOptions = {}): Promise<Analyzer> {
  return new DefaultAnalyzer(await createSafeParser(options), options.prefilter ?? true);
}

class DefaultAnalyzer implements Analyzer {
  constructor(
    private readonly parser: SafeParser,
    private readonly prefilter: boolean,
  ) {}

  /** Other files read, kept while their text is the same (made on first use of a project). */
  private projectIndex: ProjectIndex | null = null;

  analyzeText(text: string, options?: TextOptions): Finding[] {
    const source = new Source(this.parser, text, [0], this.prefilter);
    const project = this.projectContext(options);
    try {
      return analyzeSource(source, undefined, undefined, project);
    } finally {
      source.dispose();
    }
  }

  analyzeNotebook(cells: readonly string[]): Finding[] {
    const { text, starts } = joinCells(cells);
    const source = new Source(this.parser, text, starts, this.prefilter);
    try {
      return analyzeSource(source, new CellMap(cells, starts));
    } finally {
      source.dispose();
    }
  }

  analyzeIpynb(json: string): Finding[] {
    const nb = readNotebookCells(json);
    const index = (cell: number | undefined) => (cell === undefined ? undefined : nb.cellIndex[cell]);
    return this.analyzeNotebook(nb.cells).map((f) => ({
      ...f,
      cell: index(f.cell),
      related: f.related.map((r) => ({ ...r, cell: index(r.cell) })),
      fixes: f.fixes.map((fx) => ({ ...fx, edits: fx.edits.map((e) => ({ ...e, cell: index(e.cell) })) })),
    }));
  }

  open(text: string, options?: TextOptions): AnalysisDocument {
    return new SourceDocument(this.parser, text, this.projectContext(options));
  }

  private projectContext(options: TextOptions | undefined): ProjectContext | null {
    return options ? { index: (this.projectIndex ??= new ProjectIndex(this.parser)), files: options.project, path: options.path } : null;
  }

  constructions(text: string | readonly string[]): Construction[] {
    return this.withInspection(text, (i) => i.constructions());
  }

  symbolInNotebook(cells: readonly string[], cell: number, offset: number): SymbolTarget | null {
    const { starts } = joinCells(cells);
    const start = starts[cell];
    if (start === undefined || offset < 0 || offset > (cells[cell]?.length ?? 0)) return null;
    return this.withInspection(cells, (i) => i.symbolAt(start + offset));
  }

  private withInspection<T>(text: string | readonly string[], use: (inspection: Inspection) => T): T {
    const cells = typeof text === 'string' ? null : text;
    const joined = cells ? joinCells(cells) : { text: text as string, starts: [0] };
    const source = new Source(this.parser, joined.text, joined.starts);
    try {
      return use(inspectSource(source, cells ? new CellMap(cells, joined.starts) : undefined));
    } finally {
      source.dispose();
    }
  }
}

/** Applies non-overlapping edits (as in a Fix) to `text`; `cell` is ignored. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const s of spans) {
    if (s.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
    limit = s.start;
  }
  return out;
}

/** Applies a notebook fix's edits to the cells they name. */
export function applyCellEdits(cells: readonly string[], edits: readonly TextEdit[]): string[] {
  return cells.map((cell, i) => applyEdits(cell, edits.filter((e) => (e.cell ?? 0) === i)));
}
