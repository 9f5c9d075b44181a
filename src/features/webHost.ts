/**
 * The web worker extension host (vscode.dev, github.dev, code-server in the browser): no Node. The
 * analyser is in this bundle (there is nothing to require), the parser's WASM is read from the
 * extension's URI through `vscode.workspace.fs` (it may be any scheme), and a workspace check runs
 * in this worker. The analyser reads other project files synchronously, which a virtual file system
 * cannot do: each file is analysed on its own, as on the desktop for non-`file:` documents.
 * Documents over the host's budget are analysed in a Web Worker started from this one.
 */
import * as vscode from 'vscode';
import * as analysis from '../lazyModule';
import type { ExtensionHost } from './host';
import type { ToDocumentWorker } from '../workspace/documentProtocol';
import type { DocumentEndpoint, EndpointEvents } from '../workspace/remoteDocuments';

export function webHost(extensionUri: vscode.Uri): ExtensionHost {
  const read = (name: string) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', name));
  let workerFiles: Promise<readonly [Uint8Array, Uint8Array, Uint8Array]> | undefined;
  return {
    loadAnalysis: () => analysis,
    async parserOptions() {
      const [treeSitterWasmBytes, languageWasmBytes] = await Promise.all([read('tree-sitter.wasm'), read('tree-sitter-python.wasm')]);
      return { treeSitterWasmBytes, languageWasmBytes };
    },
    projectOptions: () => undefined,
    workspaceProject: () => undefined,
    parallelChecker: () => undefined,
    documentWorker:
      typeof Worker === 'function'
        ? (events) => webDocumentWorker((workerFiles ??= Promise.all([read('documentWorker.web.js'), read('tree-sitter.wasm'), read('tree-sitter-python.wasm')])), events)
        : undefined,
    yieldToHost: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  };
}

/**
 * A Web Worker running dist/documentWorker.web.js, started from a blob of its text (the extension's
 * files may be on any scheme); messages posted before it runs wait for it. A worker that cannot be
 * made is reported as `cannotRun`, and the documents stay in this host.
 */
function webDocumentWorker(files: Promise<readonly [Uint8Array, Uint8Array, Uint8Array]>, events: EndpointEvents): DocumentEndpoint {
  let worker: Worker | undefined;
  let stopped = false;
  const waiting: ToDocumentWorker[] = [];
  const failed = (reason: string, cannotRun = false) => {
    if (stopped) return;
    stopped = true;
    worker?.terminate();
    events.failed(reason, cannotRun);
  };
  files.then(
    ([script, treeSitterWasmBytes, languageWasmBytes]) => {
      if (stopped) return;
      try {
        const url = URL.createObjectURL(new Blob([script as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }));
        worker = new Worker(url);
      } catch (error) {
        failed(`no Web Worker can start here: ${String(error)}`, true);
        return;
      }
      worker.onmessage = (event: MessageEvent<Parameters<EndpointEvents['message']>[0]>) => events.message(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        failed(`worker error: ${event.message}`);
      };
      worker.postMessage({ type: 'setup', setup: { treeSitterWasmBytes, languageWasmBytes } } satisfies ToDocumentWorker);
      for (const message of waiting.splice(0)) worker.postMessage(message);
    },
    (error: unknown) => failed(`the document worker's files could not be read: ${String(error)}`, true),
  );
  return {
    post: (message) => {
      if (worker) worker.postMessage(message);
      else waiting.push(message);
    },
    terminate: () => {
      stopped = true;
      worker?.terminate();
    },
  };
}
