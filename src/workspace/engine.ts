/**
 * Checking many files: the engine behind `optim-lens check` and "Optim Lens: Check Workspace".
 * Pure (no `vscode`, no `fs`): the host says how to read a file, and gets one outcome per file, in
 * order, as soon as it is known. Reads run a few files ahead of the analysis so that slow storage
 * (a remote workspace) and the parser overlap.
 */
import { mayHaveFindings, NotebookError, readNotebookCells, type Analyzer, type Finding } from '../analysis';

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
  /** How many reads may be under way ahead of the analysis (at least 1). */
  readonly readAhead?: number;
  /** Skip the analyser for text that cannot hold a finding (see `couldHaveFindings`); default true. */
  readonly prefilter?: boolean;
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

/** The findings for one file's bytes, or why there are none. */
export function checkBytes(analyzer: Analyzer, path: string, bytes: Uint8Array, prefilter = true): FileFindings | FileProblem {
  if (isBinary(bytes)) return { kind: 'binary' };
  const text = decoder.decode(bytes);
  const notebook = isNotebookPath(path);
  try {
    if (prefilter && !couldHaveFindings(text, notebook)) {
      // An invalid notebook is still reported.
      if (notebook) readNotebookCells(text);
      return { text, findings: [] };
    }
    return { text, findings: notebook ? analyzer.analyzeIpynb(text) : analyzer.analyzeText(text) };
  } catch (error) {
    if (error instanceof NotebookError) return { kind: 'notebook', detail: error.message };
    return { kind: 'analysis', detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * One outcome per file of `files`, in their order, until they are all done or `signal` aborts.
 * Problems with a file are outcomes, never exceptions.
 */
export async function* checkFiles<F extends { readonly path: string }>(
  analyzer: Analyzer,
  files: readonly F[],
  options: CheckFilesOptions<F>,
): AsyncGenerator<FileOutcome<F>, void, undefined> {
  const { signal, onProgress, pause } = options;
  const ahead = Math.max(1, options.readAhead ?? 8);
  const reads: Promise<Uint8Array | FileProblem>[] = [];
  const startRead = (index: number) => {
    const file = files[index];
    if (file === undefined || signal?.aborted) return;
    reads[index] = options.read(file).then(
      (bytes) => bytes,
      (error: unknown): FileProblem => ({ kind: 'unreadable', detail: error instanceof Error ? error.message : String(error) }),
    );
  };
  for (let i = 0; i < Math.min(ahead, files.length); i++) startRead(i);
  for (let index = 0; index < files.length; index++) {
    if (signal?.aborted) return;
    const file = files[index]!;
    const read = await reads[index]!;
    delete reads[index];
    startRead(index + ahead);
    if (signal?.aborted) return;
    const result = read instanceof Uint8Array ? checkBytes(analyzer, file.path, read, options.prefilter) : read;
    yield 'kind' in result ? { file, problem: result } : { file, ...result };
    onProgress?.({ done: index + 1, total: files.length });
    if (pause && index + 1 < files.length) await pause();
  }
}
