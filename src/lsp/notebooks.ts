/**
 * Notebooks the client synchronises as notebooks (LSP 3.17 `notebookDocument/*`): their Python code
 * cells are analysed together, in order, as the extension does, and each finding lands on its cell.
 */
import { NotebookCellKind, NotebookDocuments, type NotebookDocument } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const NOTEBOOK_SELECTOR = [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }];

export function createNotebookDocuments(): NotebookDocuments<TextDocument> {
  return new NotebookDocuments({
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update: (document, changes, version) => TextDocument.update(document, changes, version),
  });
}

/** A notebook's Python code cells, in order: their URIs and texts. */
export function codeCells(notebooks: NotebookDocuments<TextDocument>, notebook: NotebookDocument): { uris: string[]; texts: string[] } {
  const uris: string[] = [];
  const texts: string[] = [];
  for (const cell of notebook.cells) {
    if (cell.kind !== NotebookCellKind.Code) continue;
    const document = notebooks.getCellTextDocument(cell);
    if (document?.languageId !== 'python') continue;
    uris.push(cell.document);
    texts.push(document.getText());
  }
  return { uris, texts };
}
