/**
 * What differs between the extension hosts: the desktop's Node host (src/features/nodeHost.ts) and
 * the browser's web worker host (src/features/webHost.ts). Every feature is the same code on both;
 * only these few powers (a disk to read synchronously, worker threads, a lazily required bundle)
 * are the host's, and the context hands them to the features.
 */
import type * as vscode from 'vscode';
import type { AnalyzerOptions, ProjectFiles, TextOptions } from '../analysis';
import type { ParallelChecker } from '../workspace/engine';
import type { DocumentEndpoint, EndpointEvents } from '../workspace/remoteDocuments';
import type { AnalysisModule } from './analysisModule';

export interface ExtensionHost {
  /** The analyser bundle's exports (the desktop requires it on first use; the web bundle carries it). */
  loadAnalysis(): AnalysisModule;
  /** Where the parser's WASM comes from. */
  parserOptions(): Promise<AnalyzerOptions>;
  /** The project an open document belongs to, when its files can be read synchronously. */
  projectOptions(document: vscode.TextDocument): TextOptions | undefined;
  /** The workspace's project for a workspace check, when it is on a disk this host reads. */
  workspaceProject(): { readonly project: ProjectFiles; readonly pathOf: (uri: vscode.Uri) => string } | undefined;
  /** Worker threads for a workspace check of `files` files, or undefined to check in the host. */
  parallelChecker(files: number): { readonly checker: ParallelChecker; readonly workers: number; close(): Promise<void> } | undefined;
  /**
   * Starts the worker that analyses open documents over the host's budget (analysisService.ts),
   * where this host can run one; absent: every document is analysed in the host's thread.
   */
  readonly documentWorker?: (events: EndpointEvents) => DocumentEndpoint;
  /** Lets the host handle other work between two files of a workspace check. */
  yieldToHost(): Promise<void>;
}
