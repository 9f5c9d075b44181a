import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, toWorkspaceEdit, translate } from './vscodeTypes';
import type { AnalysisService } from './analysisService';
import type { FindingsIndex } from './diagnostics';
import { qualifiedId } from '../shared/ids';

/**
 * Offers each Optim Lens diagnostic's fixes (the analyser computes them; a fix always leaves valid
 * Python) and its `# noqa` suppression. The diagnostic's rule code ties a problem to its fixes.
 */
export class FixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly index: FindingsIndex,
    private readonly analysis: AnalysisService,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const located = this.index.findingsFor(document.uri);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      const match = located.find((l) => l.finding.code === code && l.diagnostic.range.isEqual(diagnostic.range));
      if (!match) continue;
      for (const fix of match.finding.fixes) {
        const action = new vscode.CodeAction(translate(fix.title), vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(fix.edits, document.uri, match.cellUris);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.isPreferred;
        actions.push(action);
      }
      if (this.analysis.module.ruleInfo(match.finding.code).actions.scheduleEffect) actions.push(scheduleEffectAction(document, diagnostic, match.finding.code));
    }
    return actions;
  }
}

/** Opens the LR Schedule panel with the schedule as intended and as this code steps it. */
function scheduleEffectAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, code: string): vscode.CodeAction {
  const title = vscode.l10n.t('Show the effect on the schedule');
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  const { line, character } = diagnostic.range.start;
  action.command = { title, command: qualifiedId('showScheduleEffect'), arguments: [document.uri.toString(), line, character, code] };
  action.diagnostics = [diagnostic];
  return action;
}
