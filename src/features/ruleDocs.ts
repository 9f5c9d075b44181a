/**
 * Rule pages, rendered. A diagnostic's code (and a hover's "rules" link) links to
 * `command:optimLens.showRule?["CODE"]`, which opens the bundled docs/rules/CODE.md in VS Code's
 * Markdown preview: read as a page, not as an editable file of the install folder.
 *
 * Why a command link: VS Code opens a diagnostic's `code.target` itself (Problems view, hover, peek)
 * with `allowCommands: true` (checked in the code-server 4.100.3 workbench, the same code as the
 * desktop), so a command runs there, whereas a `file:` target always opens a text editor. The
 * preview comes with VS Code (markdown-language-features) on the desktop and in code-server, works
 * offline and shows the page of the installed version; a read-only virtual document would still
 * need the preview to be rendered. Without the preview, the page opens as a read-only text editor.
 */
import * as vscode from 'vscode';
import type { Ctx } from './context';

const RULE_CODE = /^OL\d{3}$/;

/** The bundled rule page (docs/rules/CODE.md in the install folder). */
export function ruleDocUri(extensionUri: vscode.Uri, code: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${code}.md`);
}

/** `optimLens.showRule(code)`: the rule's bundled page in the Markdown preview (see `ruleLink`). */
export async function showRule(ctx: Ctx, code: unknown): Promise<void> {
  if (typeof code !== 'string' || !RULE_CODE.test(code)) throw new Error(vscode.l10n.t('There is no rule {0}.', String(code)));
  const page = ruleDocUri(ctx.extension.extensionUri, code);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch (error) {
    ctx.log.warn(`The Markdown preview is not available (${String(error)}); showing ${code}'s page as read-only text`);
    await vscode.window.showTextDocument(page, { preview: true });
    await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
  }
}
