import * as vscode from 'vscode';
import type { Construction, SymbolTarget } from '../analysis';
import { loadAnalysis } from './analysisModule';
import type { Ctx } from './context';
import { ruleDocUri, toRange } from './convert';
import { optimizersState, schedulesState } from './fromCode';
import type { LocatedConstruction } from './inspect';

/**
 * Hovers on torch optimizers, schedulers and losses and on the loop's zero_grad / backward / step,
 * in .py files and notebook cells: the catalog's entry with this call's values, and links that
 * open the panels with them, trusted for our two panel commands only.
 */
export class HoverProvider implements vscode.HoverProvider {
  constructor(private readonly ctx: Ctx) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    try {
      const target = await this.ctx.inspector.symbolAt(document, position);
      if (!target || token.isCancellationRequested) return undefined;
      const located = await this.locate(document, target);
      const { renderHover, ruleInfo, HOVER_COMMAND_IDS } = loadAnalysis();
      const markdown = renderHover(target, {
        t: (text) => vscode.l10n.t(text),
        rule: (code) => ({ href: ruleDocUri(this.ctx.extension.extensionUri, code).toString(), summary: vscode.l10n.t(ruleInfo(code).summary) }),
        panelState: (c) => (located?.construction !== c ? undefined : c.kind === 'optimizer' ? optimizersState([located]) : schedulesState([located])),
      });
      if (!markdown) return undefined;
      const content = new vscode.MarkdownString(markdown);
      content.isTrusted = { enabledCommands: [...HOVER_COMMAND_IDS] };
      content.supportThemeIcons = false;
      return new vscode.Hover(content, toRange(target.range));
    } catch (error) {
      this.ctx.log.error(`Hover in ${document.uri.toString()} failed`, error);
      return undefined;
    }
  }

  /**
   * The hovered construction with the label "from your code" gives it (`train.py:12`,
   * `notebook.ipynb, cell 3:2`), so a panel opened from a hover names it the same way.
   */
  private async locate(document: vscode.TextDocument, target: SymbolTarget): Promise<LocatedConstruction | undefined> {
    const construction = target.construction;
    if (!construction) return undefined;
    const found = (await this.ctx.inspector.constructionsIn(document)).find((f) => sameSite(f.construction, construction));
    const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
    return { construction, uri: document.uri, label: found?.label ?? `${name}:${construction.range.start.line + 1}` };
  }
}

function sameSite(a: Construction, b: Construction): boolean {
  return a.cell === b.cell && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}
