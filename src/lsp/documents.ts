/**
 * The client's open files: each keeps its text (to turn LSP ranges into offsets) and its
 * incrementally analysed document, fed each change as it arrives (`TextDocumentSyncKind.Incremental`),
 * so the analyser reparses only the statement that changed.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { Analyzer, IncrementalDocument, TextChange, TextOptions } from '../analysis';

export interface OpenFile {
  text: TextDocument;
  /** Created on first analysis (a disabled or excluded file has none). */
  doc: IncrementalDocument | undefined;
}

/** The analyser's change (offsets into the text before it) for one LSP change; whole-text changes have no range. */
export function toTextChange(text: TextDocument, change: TextDocumentContentChangeEvent): TextChange {
  if (!('range' in change)) return { rangeOffset: 0, rangeLength: text.getText().length, text: change.text };
  const start = text.offsetAt(change.range.start);
  return { rangeOffset: start, rangeLength: text.offsetAt(change.range.end) - start, text: change.text };
}

export class OpenFiles {
  private readonly files = new Map<string, OpenFile>();

  open(uri: string, languageId: string, version: number, text: string): OpenFile {
    this.close(uri);
    const file: OpenFile = { text: TextDocument.create(uri, languageId, version, text), doc: undefined };
    this.files.set(uri, file);
    return file;
  }

  get(uri: string): OpenFile | undefined {
    return this.files.get(uri);
  }

  all(): IterableIterator<[string, OpenFile]> {
    return this.files.entries();
  }

  /** Applies the changes in order: each one's range refers to the text the previous one left. */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenFile | undefined {
    const file = this.files.get(uri);
    if (!file) return undefined;
    for (const change of changes) {
      file.doc?.edit([toTextChange(file.text, change)]);
      file.text = TextDocument.update(file.text, [change], version);
    }
    return file;
  }

  /** The file's analysed document, opened on first use. */
  analysed(file: OpenFile, analyzer: Analyzer, options: TextOptions | undefined): IncrementalDocument {
    file.doc ??= analyzer.open(file.text.getText(), options);
    return file.doc;
  }

  /** Drops the analysed document (it holds a parse tree in WASM memory); the text stays. */
  reset(file: OpenFile): void {
    file.doc?.dispose();
    file.doc = undefined;
  }

  close(uri: string): void {
    const file = this.files.get(uri);
    if (file) this.reset(file);
    this.files.delete(uri);
  }

  closeAll(): void {
    for (const uri of [...this.files.keys()]) this.close(uri);
  }
}
