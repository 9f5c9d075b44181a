import * as vscode from 'vscode';
import type { Ctx } from './context';
import { ruleLink, toRange } from './vscodeTypes';
import { qualifiedId } from '../shared/ids';
import { lossesState, optimizersState, schedulesState } from './fromCode';

/**
 * Hovers on torch optimizers, schedulers and losses and on the loop's zero_grad / backward / step,
 * in .py files and notebook cells: the catalog's entry with this call's values, and links that
 * open the panels with them or show a rule's page, trusted for those commands only.
 */
export class HoverProvider implements vscode.HoverProvider {
  constructor(private readonly ctx: Ctx) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    try {
      const target = await this.ctx.inspector.symbolAt(document, position);
      if (!target || token.isCancellationRequested) return undefined;
      const located = target.construction ? this.ctx.inspector.locate(document, target.construction) : undefined;
      const lib = this.ctx.analysis.module;
      const { renderHover, ruleInfo, rulesConcerning, HOVER_COMMAND_IDS } = lib;
      const markdown = renderHover(target, {
        t: (text) => vscode.l10n.t(text),
        rule: (code) => ({ href: ruleLink(code).toString(), summary: vscode.l10n.t(ruleInfo(code).summary) }),
        rulesConcerning,
        panelState: (c) => {
          if (located?.construction !== c) return undefined;
          if (c.kind === 'loss') return lossesState(located);
          return c.kind === 'optimizer' ? optimizersState(lib, [located]) : schedulesState(lib, [located]);
        },
      });
      if (!markdown) return undefined;
      const content = new vscode.MarkdownString(markdown);
      content.isTrusted = { enabledCommands: [...HOVER_COMMAND_IDS, qualifiedId('showRule')] };
      content.supportThemeIcons = false;
      return new vscode.Hover(content, toRange(target.range));
    } catch (error) {
      this.ctx.log.error(`Hover in ${document.uri.toString()} failed`, error);
      return undefined;
    }
  }
}
