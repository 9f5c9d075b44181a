/**
 * The messages between the extension host and the document worker (documentServer.ts), which
 * analyses the open documents too large for the host's thread (src/workspace/remoteDocuments.ts).
 * Both sides are this project's code, built together: the types are the contract, and structured
 * clone carries them as they are.
 */
import type { AnalyzerOptions, Construction, Finding, SymbolTarget, TextChange } from '../analysis';

/** What a worker is started with (Node: `workerData`; a Web Worker: its first message). */
export type DocumentWorkerSetup = AnalyzerOptions;

/** Where an open document lives, so calls into other files of its project are followed (desktop). */
export interface DocumentProject {
  /** The file's absolute path. */
  readonly path: string;
  /** The project's folders. */
  readonly roots: readonly string[];
}

/** What is asked of one document, or of a notebook's code cells analysed together. */
export type DocumentQuery =
  | { readonly kind: 'findings' }
  | { readonly kind: 'constructions' }
  | { readonly kind: 'symbolAt'; readonly offset: number; readonly cell?: number };

export type ToDocumentWorker =
  | { readonly type: 'setup'; readonly setup: DocumentWorkerSetup }
  | { readonly type: 'open'; readonly key: string; readonly version: number; readonly text: string; readonly project?: DocumentProject }
  /** Changes in order, as VS Code reports them; `version` is the editor's version after them. */
  | { readonly type: 'edit'; readonly key: string; readonly version: number; readonly changes: readonly TextChange[] }
  | { readonly type: 'close'; readonly key: string }
  /** Another project file changed: its text as the editor has it (null: read it from disk), and the documents that read it forget their findings. */
  | { readonly type: 'overlay'; readonly path: string; readonly text: string | null; readonly invalidate: readonly string[] }
  | { readonly type: 'query'; readonly id: number; readonly key: string; readonly version: number; readonly query: DocumentQuery }
  | { readonly type: 'notebook'; readonly id: number; readonly cells: readonly string[]; readonly query: DocumentQuery };

/** The answer to a query: its value, the document version it describes, and the project files it read (normalized paths). */
export type QueryValue = readonly Finding[] | readonly Construction[] | SymbolTarget | null;

export type FromDocumentWorker =
  | { readonly id: number; readonly ok: true; readonly version: number; readonly value: QueryValue; readonly reads: readonly string[] }
  | { readonly id: number; readonly ok: false; readonly error: string };
