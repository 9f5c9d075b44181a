import type * as vscode from 'vscode';
import { startExtension, stopExtension } from './features/activation';
import { webHost } from './features/webHost';

/** The browser entry (VS Code for the Web, code-server's web worker host): no Node, files through vscode.workspace.fs. */
export function activate(extension: vscode.ExtensionContext): void {
  startExtension(extension, webHost(extension.extensionUri));
}

export function deactivate(): void {
  stopExtension();
}
