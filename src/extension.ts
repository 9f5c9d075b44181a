import * as vscode from 'vscode';
import { Ctx } from './features/context';
import { errorText, registerCommands } from './features/commands';
import { FixProvider } from './features/codeActions';
import { HoverProvider } from './features/hovers';

let ctx: Ctx | undefined;

/** Builds the context and wires the features; reports its own failure, since VS Code only logs it. */
export function activate(extension: vscode.ExtensionContext): void {
  try {
    ctx = new Ctx(extension);
    extension.subscriptions.push(ctx);
    registerCommands(ctx);
    ctx.register(vscode.languages.registerCodeActionsProvider({ language: 'python' }, new FixProvider(ctx.diagnostics, ctx.analysis), FixProvider.metadata));
    ctx.register(vscode.languages.registerHoverProvider({ language: 'python' }, new HoverProvider(ctx)));
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
