/**
 * Notebooks: `.ipynb` (nbformat 4) parsing, and the joining of code cells into one text so that an
 * optimizer created in one cell is known in the next. IPython syntax (`%magic`, `!shell`, `obj?`,
 * non-Python `%%cell` magics) is blanked out with spaces, which keeps every offset where it was.
 */

export class NotebookError extends Error {
  override name = 'NotebookError';
}

export interface NotebookCell {
  /** Index of the cell in the notebook's `cells` (markdown cells included). */
  readonly index: number;
  readonly source: string;
}

export interface ParsedNotebook {
  /** The code cells, in order. */
  readonly cells: readonly NotebookCell[];
  /** `metadata.kernelspec.language` / `language_info.name`, when given. */
  readonly language: string | null;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Parses nbformat-4 JSON. Throws NotebookError with a message naming the problem. */
export function parseNotebook(json: string): ParsedNotebook {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new NotebookError(`Invalid notebook: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRecord(data)) throw new NotebookError('Invalid notebook: the top level must be a JSON object');
  if (data.nbformat !== 4) {
    throw new NotebookError(`Unsupported notebook: "nbformat" is ${JSON.stringify(data.nbformat ?? null)}, expected 4`);
  }
  if (!Array.isArray(data.cells)) throw new NotebookError('Invalid notebook: "cells" must be a list');
  const cells: NotebookCell[] = [];
  data.cells.forEach((cell: unknown, index: number) => {
    if (!isRecord(cell)) throw new NotebookError(`Invalid notebook: cell ${index} must be an object`);
    if (typeof cell.cell_type !== 'string') throw new NotebookError(`Invalid notebook: cell ${index} has no "cell_type"`);
    const source = cell.source;
    let text: string;
    if (typeof source === 'string') text = source;
    else if (Array.isArray(source) && source.every((s) => typeof s === 'string')) text = source.join('');
    else throw new NotebookError(`Invalid notebook: cell ${index} "source" must be a string or a list of strings`);
    if (cell.cell_type === 'code') cells.push({ index, source: text });
  });
  const meta = isRecord(data.metadata) ? data.metadata : {};
  const kernel = isRecord(meta.kernelspec) && typeof meta.kernelspec.language === 'string' ? meta.kernelspec.language : null;
  const info = isRecord(meta.language_info) && typeof meta.language_info.name === 'string' ? meta.language_info.name : null;
  return { cells, language: kernel ?? info };
}

/**
 * The code cells of a Python notebook, ready for `analyzeNotebook`, and for each the index of the
 * cell in the notebook. A notebook whose kernel language is not Python has no cells to analyse.
 * Throws NotebookError for invalid notebooks.
 */
export function readNotebookCells(json: string): { cells: string[]; cellIndex: number[] } {
  const nb = parseNotebook(json);
  if (nb.language !== null && nb.language.toLowerCase() !== 'python') return { cells: [], cellIndex: [] };
  return { cells: nb.cells.map((c) => c.source), cellIndex: nb.cells.map((c) => c.index) };
}

/** Cell magics whose body is still Python. */
const PYTHON_CELL_MAGICS = /^%%(?:time|timeit|capture|prun|debug|profile|memit|autoreload)\b/;

function blank(line: string): string {
  return line.replace(/[^\r\n]/g, ' ');
}

/** Replaces IPython-only syntax by spaces (same length, so positions do not move). */
export function blankMagics(cell: string): string {
  const lines = cell.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const head = first >= 0 ? (lines[first] ?? '').trimStart() : '';
  if (head.startsWith('%%')) {
    if (!PYTHON_CELL_MAGICS.test(head)) return blank(cell);
    lines[first] = blank(lines[first] ?? '');
  }
  return lines
    .map((line) => {
      const t = line.trimStart();
      if (t.startsWith('%') || t.startsWith('!') || t.startsWith('?')) return blank(line);
      if (/^[\w.]+\?\??\s*$/.test(t)) return blank(line); // `obj?` help
      if (/^[\w.,\s]+=\s*[!%]/.test(t)) return blank(line); // `files = !ls`
      return line;
    })
    .join('\n');
}

/** Joins cells with a line break between them; `starts[i]` is where cell i begins. */
export function joinCells(cells: readonly string[]): { text: string; starts: number[] } {
  const starts: number[] = [];
  let text = '';
  cells.forEach((cell, i) => {
    if (i > 0) text += '\n';
    starts.push(text.length);
    text += blankMagics(cell);
  });
  if (starts.length === 0) starts.push(0);
  return { text, starts };
}
