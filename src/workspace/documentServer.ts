/**
 * The document worker's side (documentWorker.ts starts it in a Node worker thread): it keeps an
 * incrementally analysed document per open file the host sent it, applies the host's edits as they
 * come, and answers queries. Messages arrive in the order the host sent them, so a query sees every
 * edit sent before it; the findings are computed lazily, on a query, so the versions typed in
 * between are never analysed. Pure: the host gives it a way to read other project files.
 */
import { normalizePath, type AnalysisDocument, type Analyzer, type ProjectFiles } from '../analysis';
import type { DocumentQuery, FromDocumentWorker, QueryValue, ToDocumentWorker } from './documentProtocol';

interface Held {
  readonly doc: AnalysisDocument;
  version: number;
  /** The project files its analyses have read or looked for (normalized; a superset does no harm: it only re-checks more often). */
  readonly reads: Set<string>;
}

export class DocumentServer {
  private readonly documents = new Map<string, Held>();
  /** Other project files as their editors have them (unsaved edits). */
  private readonly overlays = new Map<string, string>();

  /**
   * @param readFile a project file from disk, or null; called only for files the host has no
   *   editor text for.
   */
  constructor(
    private readonly analyzer: Analyzer,
    private readonly readFile: (path: string) => string | null,
  ) {}

  /** Handles one message; a query returns its answer, the rest return undefined. Never throws. */
  handle(message: ToDocumentWorker): FromDocumentWorker | undefined {
    try {
      return this.dispatch(message);
    } catch (error) {
      if (message.type === 'query' || message.type === 'notebook') return { id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      // A broken document is dropped: the host's next query about it answers with an error, and the host reopens it.
      if ('key' in message) this.close(message.key);
      return undefined;
    }
  }

  private dispatch(message: ToDocumentWorker): FromDocumentWorker | undefined {
    switch (message.type) {
      case 'setup':
        return undefined;
      case 'open': {
        this.close(message.key);
        const reads = new Set<string>();
        const project = message.project && { path: message.project.path, project: this.recordingProject(message.project.roots, reads) };
        this.documents.set(message.key, { doc: this.analyzer.open(message.text, project), version: message.version, reads });
        return undefined;
      }
      case 'edit': {
        const held = this.documents.get(message.key);
        if (!held) return undefined;
        held.doc.edit(message.changes);
        held.version = message.version;
        return undefined;
      }
      case 'close':
        this.close(message.key);
        return undefined;
      case 'overlay':
        if (message.text === null) this.overlays.delete(normalizePath(message.path));
        else this.overlays.set(normalizePath(message.path), message.text);
        for (const key of message.invalidate) this.documents.get(key)?.doc.invalidate();
        return undefined;
      case 'query': {
        const held = this.documents.get(message.key);
        if (!held) return { id: message.id, ok: false, error: `no open document ${message.key}` };
        const value = this.answer(held.doc, message.query);
        return { id: message.id, ok: true, version: held.version, value, reads: [...held.reads] };
      }
      case 'notebook':
        return { id: message.id, ok: true, version: 0, value: this.answerNotebook(message.cells, message.query), reads: [] };
    }
  }

  private answer(doc: AnalysisDocument, query: DocumentQuery): QueryValue {
    switch (query.kind) {
      case 'findings':
        return doc.findings();
      case 'constructions':
        return doc.constructions();
      case 'symbolAt':
        return doc.symbolAt(query.offset);
    }
  }

  private answerNotebook(cells: readonly string[], query: DocumentQuery): QueryValue {
    switch (query.kind) {
      case 'findings':
        return this.analyzer.analyzeNotebook(cells);
      case 'constructions':
        return this.analyzer.constructions(cells);
      case 'symbolAt':
        return this.analyzer.symbolInNotebook(cells, query.cell ?? 0, query.offset);
    }
  }

  /** The project as the host sees it: editors' texts first, then the disk; every read recorded. */
  private recordingProject(roots: readonly string[], reads: Set<string>): ProjectFiles {
    return {
      roots,
      read: (path) => {
        const key = normalizePath(path);
        reads.add(key);
        return this.overlays.get(key) ?? this.readFile(path);
      },
    };
  }

  private close(key: string): void {
    this.documents.get(key)?.doc.dispose();
    this.documents.delete(key);
  }
}
