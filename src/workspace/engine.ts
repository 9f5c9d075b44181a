/**
 * Checking many files: the engine behind `optim-lens check` and "Optim Lens: Check Workspace".
 * Pure (no `vscode`, no `fs`): the host says how to read a file, and gets one outcome per file, in
 * order, as soon as it is known. Reads run a few files ahead of the analysis so that slow storage
 * (a remote workspace) and the parser overlap. The analysis runs in this thread with an Analyzer,
 * or in worker threads with a ParallelChecker (pool.ts), several files at once.
 */
import { mayHaveFindings, NotebookError, readNotebookCells, type Analyzer, type Finding, type ProjectFiles } from '../analysis';

/** Why a file could not be checked; hosts word it in their own language. */
export type FileProblem =
  | { readonly kind: 'binary' }
  | { readonly kind: 'notebook'; readonly detail: string }
  | { readonly kind: 'unreadable'; readonly detail: string }
  /** The analyser itself failed on this file (a bug of ours): the other files are still checked. */
  | { readonly kind: 'analysis'; readonly detail: string };

/** A file's findings, with the text they were found in (a notebook's JSON for `.ipynb`). */
export interface FileFindings {
  readonly findings: readonly Finding[];
  readonly text: string;
}

export type FileOutcome<F> = ({ readonly file: F } & FileFindings) | { readonly file: F; readonly problem: FileProblem };

/** What an analysis of one file's text gives. */
export type TextResult = readonly Finding[] | FileProblem;

/** Analyses texts elsewhere (worker threads), several at once; never rejects. */
export interface ParallelChecker {
  analyse(path: string, text: string): Promise<TextResult>;
}

export interface CheckProgress {
  /** Files done (checked or failed) so far. */
  readonly done: number;
  readonly total: number;
}

export interface CheckFilesOptions<F> {
  /** The bytes of a file; a rejection becomes an `unreadable` outcome. */
  readonly read: (file: F) => Promise<Uint8Array>;
  /** Checked before each file: once aborted, no further file is read or analysed. */
  readonly signal?: AbortSignal;
  /** Called after each file. */
  readonly onProgress?: (progress: CheckProgress) => void;
  /** Awaited between files, so that a host (VS Code's extension host) stays responsive. */
  readonly pause?: () => Promise<void>;
  /** How many files may be read (and, with a ParallelChecker, analysed) ahead of the one reported next; at least 1. */
  readonly readAhead?: number;
  /** Skip the analyser for text that cannot hold a finding (see `couldHaveFindings`); default true. Workers always do. */
  readonly prefilter?: boolean;
  /**
   * The project the files belong to, so calls into other files of it are followed (files must
   * then have absolute paths). In this thread only: workers are given their roots (pool.ts).
   */
  readonly project?: ProjectFiles;
  /** The file's path on disk as the project knows it (default `file.path`; VS Code passes `fsPath`). */
  readonly pathOf?: (file: F) => string;
}

/** A file's path decides how it is read: `.ipynb` is a Jupyter notebook, anything else Python. */
export function isNotebookPath(path: string): boolean {
  return /\.ipynb$/i.test(path);
}

/** A file is binary when its first bytes hold a NUL, as git decides. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

// A UTF-8 byte-order mark is dropped, as editors do: positions then count from the first character.
const decoder = new TextDecoder('utf-8');

/**
 * False only for text in which the analyser cannot find anything: without the words every rule
 * needs, which a notebook's JSON holds as they are unless `\u`-escaped. The analyser makes the same
 * test, but only after splitting the text into statements, which costs about 2 ms per 1,000 lines.
 */
export function couldHaveFindings(text: string, notebook: boolean): boolean {
  return mayHaveFindings(text) || (notebook && text.includes('\\u'));
}

/** A file's text, or why it has none to analyse. */
export function decodeBytes(bytes: Uint8Array): { readonly text: string } | FileProblem {
  return isBinary(bytes) ? { kind: 'binary' } : { text: decoder.decode(bytes) };
}

/** The findings in one file's text, or why there are none. */
export function analyseText(analyzer: Analyzer, path: string, text: string, prefilter = true, project?: ProjectFiles): TextResult {
  const notebook = isNotebookPath(path);
  try {
    if (prefilter && !couldHaveFindings(text, notebook)) {
      // An invalid notebook is still reported.
      if (notebook) readNotebookCells(text);
      return [];
    }
    // Notebooks are analysed on their own: their cells are not a module other files import.
    return notebook ? analyzer.analyzeIpynb(text) : analyzer.analyzeText(text, project ? { path, project } : undefined);
  } catch (error) {
    if (error instanceof NotebookError) return { kind: 'notebook', detail: error.message };
    return { kind: 'analysis', detail: error instanceof Error ? error.message : String(error) };
  }
}

function withText(text: string, result: TextResult): FileFindings | FileProblem {
  return 'kind' in result ? result : { text, findings: result };
}

/** The findings for one file's bytes, or why there are none. */
export function checkBytes(analyzer: Analyzer, path: string, bytes: Uint8Array, prefilter = true): FileFindings | FileProblem {
  const decoded = decodeBytes(bytes);
  return 'kind' in decoded ? decoded : withText(decoded.text, analyseText(analyzer, path, decoded.text, prefilter));
}

/** A file on its way: read (and decoded), perhaps analysed already, or failed. */
type Stage = FileProblem | { readonly text: string; readonly findings?: readonly Finding[] };

/**
 * One outcome per file of `files`, in their order, until they are all done or `signal` aborts.
 * Problems with a file are outcomes, never exceptions.
 */
export async function* checkFiles<F extends { readonly path: string }>(
  checker: Analyzer | ParallelChecker,
  files: readonly F[],
  options: CheckFilesOptions<F>,
): AsyncGenerator<FileOutcome<F>, void, undefined> {
  const { signal, onProgress, pause } = options;
  const pathOf = options.pathOf ?? ((file: F) => file.path);
  const parallel = 'analyse' in checker ? checker : undefined;
  const ahead = Math.max(1, options.readAhead ?? (parallel ? 32 : 8));
  const stages: Promise<Stage>[] = [];
  const start = (index: number) => {
    const file = files[index];
    if (file === undefined || signal?.aborted) return;
    stages[index] = options
      .read(file)
      .then(decodeBytes, (error: unknown): FileProblem => ({ kind: 'unreadable', detail: error instanceof Error ? error.message : String(error) }))
      .then((stage) => (parallel && !('kind' in stage) && !signal?.aborted ? parallel.analyse(pathOf(file), stage.text).then((result) => withText(stage.text, result)) : stage));
  };
  for (let i = 0; i < Math.min(ahead, files.length); i++) start(i);
  for (let index = 0; index < files.length; index++) {
    if (signal?.aborted) return;
    const file = files[index]!;
    const stage = await stages[index]!;
    delete stages[index];
    start(index + ahead);
    if (signal?.aborted) return;
    if ('kind' in stage) {
      yield { file, problem: stage };
    } else {
      // Workers have analysed the file already; in this thread it is analysed now.
      const result = stage.findings ?? analyseText(checker as Analyzer, pathOf(file), stage.text, options.prefilter, options.project);
      yield 'kind' in result ? { file, problem: result } : { file, text: stage.text, findings: result };
    }
    onProgress?.({ done: index + 1, total: files.length });
    if (pause && index + 1 < files.length) await pause();
  }
}
