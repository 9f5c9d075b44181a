import * as vscode from 'vscode';
import type { Finding, Message, Range, Severity, TextEdit } from '../analysis';
import type { SeveritySetting } from '../settings';
import { qualifiedId } from '../shared/ids';

/** A finding with the diagnostic shown for it, so a code action can find its way back. */
export interface ShownFinding {
  readonly finding: Finding;
  readonly diagnostic: vscode.Diagnostic;
  /** For a notebook finding: the URI of each analysed cell, indexed like `Finding.cell`. */
  readonly cellUris?: readonly vscode.Uri[];
}

export const DIAGNOSTIC_SOURCE = 'Optim Lens';

const SEVERITY: Record<Severity | Exclude<SeveritySetting, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Translates an analyser message: the template is the l10n key, its named args fill it. */
export function translate(message: Message): string {
  return vscode.l10n.t(message.template, message.args as Record<string, string | number>);
}

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/**
 * What a diagnostic's code and a hover's rule link open: the command that shows the rule page in
 * the Markdown preview (ruleDocs.ts), its argument list in the query as VS Code's command links take it.
 */
export function ruleLink(code: string): vscode.Uri {
  return vscode.Uri.from({ scheme: 'command', path: qualifiedId('showRule'), query: JSON.stringify([code]) });
}

/**
 * @param cellUris for a notebook finding, the URI of each analysed cell, so related lines in other
 * cells point at the right cell.
 */
export function toDiagnostic(
  finding: Finding,
  uri: vscode.Uri,
  severity: Exclude<SeveritySetting, 'off'> = finding.severity,
  cellUris?: readonly vscode.Uri[],
): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), translate(finding.message), SEVERITY[severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.code, target: ruleLink(finding.code) };
  const where = (cell: number | undefined) => (cell !== undefined && cellUris?.[cell]) || uri;
  // A place in another file of the project (a call followed there) is that file, on the same file system.
  const fileUri = (file: string) => (uri.scheme === 'file' ? vscode.Uri.file(file) : uri.with({ path: file }));
  diagnostic.relatedInformation = finding.related.map(
    (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(r.file !== undefined ? fileUri(r.file) : where(r.cell), toRange(r.range)), translate(r.message)),
  );
  return diagnostic;
}

/** A fix's edits as a WorkspaceEdit; a notebook fix may touch several cells. */
export function toWorkspaceEdit(edits: readonly TextEdit[], uri: vscode.Uri, cellUris?: readonly vscode.Uri[]): vscode.WorkspaceEdit {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of edits) {
    const target = (edit.cell !== undefined && cellUris?.[edit.cell]) || uri;
    workspaceEdit.replace(target, toRange(edit.range), edit.newText);
  }
  return workspaceEdit;
}
