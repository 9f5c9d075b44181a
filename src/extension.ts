import type * as vscode from 'vscode';
import { startExtension, stopExtension } from './features/activation';
import { nodeHost } from './features/nodeHost';

/** The desktop (and remote) entry: the Node extension host. */
export function activate(extension: vscode.ExtensionContext): void {
  startExtension(extension, nodeHost(extension.extensionUri));
}

export function deactivate(): void {
  stopExtension();
}
