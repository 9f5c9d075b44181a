/**
 * The web worker extension host (vscode.dev, github.dev, code-server in the browser): no Node. The
 * analyser is in this bundle (there is nothing to require), the parser's WASM is read from the
 * extension's URI through `vscode.workspace.fs` (it may be any scheme), and a workspace check runs
 * in this worker. The analyser reads other project files synchronously, which a virtual file system
 * cannot do: each file is analysed on its own, as on the desktop for non-`file:` documents.
 */
import * as vscode from 'vscode';
import * as analysis from '../lazyModule';
import type { ExtensionHost } from './host';

export function webHost(extensionUri: vscode.Uri): ExtensionHost {
  const read = (name: string) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', name));
  return {
    loadAnalysis: () => analysis,
    async parserOptions() {
      const [treeSitterWasmBytes, languageWasmBytes] = await Promise.all([read('tree-sitter.wasm'), read('tree-sitter-python.wasm')]);
      return { treeSitterWasmBytes, languageWasmBytes };
    },
    projectOptions: () => undefined,
    workspaceProject: () => undefined,
    parallelChecker: () => undefined,
    yieldToHost: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  };
}
