/**
 * The desktop (and remote) extension host: Node. The analyser bundle is required on first use, the
 * parser's WASM read from dist/, the project read from disk, a large workspace checked in
 * worker threads, and documents over the host's budget analysed in a worker thread of their own.
 */
import path from 'node:path';
import type * as vscode from 'vscode';
import { loadAnalysis } from './analysisModule';
import type { ExtensionHost } from './host';
import { editorsThenDisk, localFolders, projectOptions } from './projectFiles';
import { poolSize, WorkerPool } from '../workspace/pool';
import { documentWorker } from '../workspace/documentThread';

export function nodeHost(extensionUri: vscode.Uri): ExtensionHost {
  // Resolved on use: activation does no work it may not need.
  const dist = () => path.join(extensionUri.fsPath, 'dist');
  return {
    loadAnalysis,
    parserOptions: () => Promise.resolve({ wasmDir: dist() }),
    projectOptions,
    workspaceProject() {
      // Calls into other files are followed when the workspace is on this host's disk (read synchronously).
      const roots = localFolders();
      return roots.length > 0 ? { project: editorsThenDisk(roots), pathOf: (uri: vscode.Uri) => uri.fsPath } : undefined;
    },
    parallelChecker(files) {
      const size = poolSize(files);
      if (size === 0) return undefined;
      const roots = localFolders();
      const pool = new WorkerPool({ workerFile: path.join(dist(), 'workspaceWorker.js'), size, parser: { wasmDir: dist() }, projectRoots: roots.length > 0 ? roots : undefined });
      return { checker: pool, workers: size, close: () => pool.close() };
    },
    documentWorker: (events) => documentWorker(path.join(dist(), 'documentWorker.js'), { wasmDir: dist() }, events),
    yieldToHost: () => new Promise<void>((resolve) => setImmediate(resolve)),
  };
}

