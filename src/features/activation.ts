import * as vscode from 'vscode';
import { Ctx } from './context';
import { errorText, registerCommands } from './commands';
import { FixProvider } from './codeActions';
import { HoverProvider } from './hovers';
import type { ExtensionHost } from './host';

let ctx: Ctx | undefined;

/**
 * Builds the context and wires the features, the same on every extension host (the entry points,
 * src/extension.ts and src/extension.web.ts, pass their host); reports its own failure, since VS
 * Code only logs it.
 */
export function startExtension(extension: vscode.ExtensionContext, host: ExtensionHost): void {
  try {
    ctx = new Ctx(extension, host);
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

export function stopExtension(): void {
  ctx?.dispose();
  ctx = undefined;
}
