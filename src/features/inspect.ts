import * as vscode from 'vscode';
import type { Construction, SymbolTarget } from '../analysis';
import type { AnalysisService } from './analysisService';

/** A construction with the document it is in (a notebook's cell document for cells). */
export interface LocatedConstruction {
  readonly construction: Construction;
  readonly uri: vscode.Uri;
  /** `train.py:12`, or `notebook.ipynb, cell 3:2`: where the panels say an entry came from. */
  readonly label: string;
}

function isNotebookCell(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'vscode-notebook-cell';
}

/** The notebook a cell document belongs to, with its Python code cells in order. */
function notebookOf(document: vscode.TextDocument): { notebook: vscode.NotebookDocument; cells: vscode.NotebookCell[] } | undefined {
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    if (cells.some((c) => c.document === document)) return { notebook, cells };
  }
  return undefined;
}

const baseName = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** `train.py:12`. */
function locatedInFile(document: vscode.TextDocument, construction: Construction): LocatedConstruction {
  return { construction, uri: document.uri, label: `${baseName(document.uri)}:${construction.range.start.line + 1}` };
}

/** `notebook.ipynb, cell 3:2`: `construction.cell` indexes the notebook's Python code cells. */
function locatedIn(nb: { notebook: vscode.NotebookDocument; cells: vscode.NotebookCell[] }, construction: Construction): LocatedConstruction {
  const cell = nb.cells[construction.cell ?? 0];
  const label = vscode.l10n.t('{0}, cell {1}:{2}', baseName(nb.notebook.uri), (cell?.index ?? 0) + 1, construction.range.start.line + 1);
  return { construction, uri: cell?.document.uri ?? nb.notebook.uri, label };
}

/**
 * What the code constructs and what is under the cursor, for hovers and the panels' "from your
 * code". Open files reuse the incremental document the diagnostics keep current in the
 * AnalysisService (in its worker for a file over the host's budget: the answer then waits for
 * the worker, never the host's thread); notebooks are read whole, since a cell's names come from
 * the cells before it.
 */
export class CodeInspector {
  constructor(private readonly analysis: AnalysisService) {}

  async symbolAt(document: vscode.TextDocument, position: vscode.Position): Promise<SymbolTarget | undefined> {
    if (document.languageId !== 'python') return undefined;
    const offset = document.offsetAt(position);
    if (isNotebookCell(document)) {
      const nb = notebookOf(document);
      const index = nb?.cells.findIndex((c) => c.document === document) ?? -1;
      if (!nb || index < 0) return undefined;
      return (await this.analysis.notebook(nb.cells.map((c) => c.document.getText()), { kind: 'symbolAt', cell: index, offset })) ?? undefined;
    }
    // Undefined from a large file's worker (busy with a newer edit, or failed): no hover this time.
    const tracked = await this.analysis.inspectable(document);
    if (tracked) return (await tracked.symbolAt(offset)) ?? undefined;
    const doc = (await this.analysis.analyzer()).open(document.getText());
    try {
      return doc.symbolAt(offset) ?? undefined;
    } finally {
      doc.dispose();
    }
  }

  /** The constructions of the document (all cells of its notebook for a cell). */
  async constructionsIn(document: vscode.TextDocument): Promise<LocatedConstruction[]> {
    if (document.languageId !== 'python') return [];
    if (isNotebookCell(document)) {
      const nb = notebookOf(document);
      if (!nb) return [];
      const found = await this.analysis.notebook(nb.cells.map((c) => c.document.getText()), { kind: 'constructions' });
      return (found ?? []).map((construction) => locatedIn(nb, construction));
    }
    const tracked = await this.analysis.inspectable(document);
    const constructions = tracked ? await tracked.constructions() : (await this.analysis.analyzer()).constructions(document.getText());
    return (constructions ?? []).map((construction) => locatedInFile(document, construction));
  }

  /**
   * Where a construction found in `document` (or in its notebook's cells) comes from, labelled as
   * `constructionsIn` labels it: a hover needs the label of one construction, not every other.
   */
  locate(document: vscode.TextDocument, construction: Construction): LocatedConstruction {
    const nb = isNotebookCell(document) ? notebookOf(document) : undefined;
    return nb ? locatedIn(nb, construction) : locatedInFile(document, construction);
  }

  /** The document of the active editor or notebook cell, if it is Python. */
  static activePython(): vscode.TextDocument | undefined {
    const document = vscode.window.activeTextEditor?.document ?? vscode.window.activeNotebookEditor?.notebook.cellAt(vscode.window.activeNotebookEditor.selection.start).document;
    return document?.languageId === 'python' ? document : undefined;
  }
}
