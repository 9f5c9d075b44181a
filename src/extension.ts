import * as vscode from 'vscode';
import { Ctx } from './features/context';
import { errorText, registerCommands } from './features/commands';
import { DiagnosticsFeature } from './features/diagnostics';
import { FixProvider } from './features/codeActions';
import { loadAnalysis } from './features/analysisModule';

let ctx: Ctx | undefined;

/** Builds the context and wires the features; reports its own failure, since VS Code only logs it. */
export function activate(extension: vscode.ExtensionContext): void {
  try {
    ctx = new Ctx(extension);
    extension.subscriptions.push(ctx);
    registerCommands(ctx);
    // The analyser (its bundle and the parser's WASM) is loaded on the first Python document, not at activation.
    const wasmDir = vscode.Uri.joinPath(extension.extensionUri, 'dist').fsPath;
    const diagnostics = ctx.register(new DiagnosticsFeature(ctx, () => loadAnalysis().createAnalyzer({ wasmDir })));
    ctx.register(vscode.languages.registerCodeActionsProvider({ language: 'python' }, new FixProvider(diagnostics), FixProvider.metadata));
    ctx.log.info(`Optim Lens ${String(extension.extension.packageJSON.version)} activated`);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Optim Lens failed to start: {0}', errorText(error)));
    throw error;
  }
}

export function deactivate(): void {
  ctx?.dispose();
  ctx = undefined;
}
