import type { Severity } from '../analysis';

/** One diagnostic as the CLI reports it (ARCHITECTURE.md's JSON shape; 0-based like LSP). */
export interface CliDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
  /** Only for notebooks: the index of the cell in the notebook's `cells` (markdown cells count), lines relative to it. */
  readonly cell?: number;
  /**
   * Only when the finding involves another file of the project (a call was followed into it):
   * the places there, e.g. the optimizer step inside `train_one_epoch` of engine.py.
   */
  readonly related?: readonly CliRelated[];
  /**
   * Only for notebooks, and only for SARIF (JSON and text keep `cell` and the cell's lines): the
   * finding placed on the `.ipynb` file itself, at the JSON text that holds the cell's code, and its
   * message naming the cell.
   */
  readonly inFile?: { readonly range: CliDiagnostic['range']; readonly message: string };
}

export interface CliRelated {
  readonly path: string;
  readonly message: string;
  readonly range: CliDiagnostic['range'];
}

export interface FileReport {
  readonly path: string;
  readonly diagnostics: readonly CliDiagnostic[];
}

export type Format = 'text' | 'json' | 'sarif';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];

/** `path:LINE:COL: CODE message`, 1-based; a notebook cell shows as `path[cell N]`, N 1-based as in Jupyter's UI. */
export function formatText(files: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of file.diagnostics) {
      const where = d.cell === undefined ? file.path : `${file.path}[cell ${d.cell + 1}]`;
      const elsewhere = (d.related ?? []).map((r) => `${r.path}:${r.range.start.line + 1}:${r.range.start.character + 1}`);
      const see = elsewhere.length > 0 ? ` (see ${elsewhere.join(', ')})` : '';
      lines.push(`${where}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.code} ${d.message}${see}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

export function formatJson(files: readonly FileReport[]): string {
  const shown = files.map((f) => ({ ...f, diagnostics: f.diagnostics.map(({ inFile: _inFile, ...d }) => d) }));
  return JSON.stringify({ files: shown }) + '\n';
}

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: string;
  readonly severity: Severity;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note' };

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: 1-based lines and columns, paths relative to the
 * run's root. A notebook's finding sits on the lines of the `.ipynb` JSON that hold its code (the
 * message names the cell): code scanning shows a result by its physical location in the file as
 * committed and ignores logical locations, so a cell-relative line would point into the
 * notebook's metadata. The cell and the cell-relative region stay in the result's properties.
 */
export function formatSarif(files: readonly FileReport[], rules: readonly SarifRule[], version: string): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Optim Lens',
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.shortDescription },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        results: files.flatMap((file) =>
          file.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: rules.findIndex((r) => r.id === d.code),
            level: SARIF_LEVEL[d.severity],
            message: { text: d.inFile?.message ?? d.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(file.path) }, region: sarifRegion(d.inFile?.range ?? d.range) } }],
            ...(d.related && d.related.length > 0
              ? {
                  relatedLocations: d.related.map((r, id) => ({
                    id,
                    message: { text: r.message },
                    physicalLocation: { artifactLocation: { uri: sarifUri(r.path) }, region: sarifRegion(r.range) },
                  })),
                }
              : {}),
            ...(d.cell === undefined ? {} : { properties: { notebookCell: d.cell, notebookCellRegion: sarifRegion(d.range) } }),
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function sarifRegion(range: CliDiagnostic['range']) {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/**
 * A path as SARIF's `artifactLocation.uri`, a URI reference (RFC 3986): a relative path stays a
 * relative reference, an absolute one becomes a `file:` URI, and each segment is percent-encoded
 * (spaces, `#`, `%`, `?`, non-ASCII; a `:` too, which would otherwise read as a scheme).
 */
export function sarifUri(filePath: string): string {
  const slashed = filePath.split('\\').join('/');
  const drive = /^[A-Za-z]:\//.test(slashed);
  const encoded = slashed
    .split('/')
    .map((segment, i) => (drive && i === 0 ? segment : encodeURIComponent(wellFormed(segment))))
    .join('/');
  if (drive) return `file:///${encoded}`;
  if (slashed.startsWith('//')) return `file:${encoded}`;
  if (slashed.startsWith('/')) return `file://${encoded}`;
  return encoded;
}

/** Lone surrogates (which encodeURIComponent refuses) as U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
