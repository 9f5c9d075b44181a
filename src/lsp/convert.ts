/**
 * Findings as LSP values: diagnostics, quick fixes and workspace edits. Pure (the translate function
 * and the rule pages' addresses are passed in), so the conversion is tested without a connection.
 */
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Finding, Message, Severity, TextEdit } from '../analysis';
import type { SeveritySetting } from '../settings';

export const DIAGNOSTIC_SOURCE = 'Optim Lens';

const SEVERITY: Record<Severity | Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export type Translate = (message: Message) => string;

/** Where a finding is shown: its document, and for a notebook the URI of each analysed cell. */
export interface Place {
  readonly uri: string;
  /** Indexed like `Finding.cell`. */
  readonly cellUris?: readonly string[];
  /** The URI of another project file by its path (a related place in a file a call was followed into). */
  readonly fileUri: (path: string) => string;
}

export interface DiagnosticOptions {
  readonly translate: Translate;
  readonly severity?: Exclude<SeveritySetting, 'off'>;
  /** The rule's page, for the diagnostic's code link; none when there is nothing to link to. */
  readonly ruleHref?: (code: string) => string | undefined;
}

function cellUri(place: Place, cell: number | undefined): string {
  return (cell !== undefined && place.cellUris?.[cell]) || place.uri;
}

export function toDiagnostic(finding: Finding, place: Place, options: DiagnosticOptions): Diagnostic {
  const href = options.ruleHref?.(finding.code);
  return {
    range: finding.range,
    severity: SEVERITY[options.severity ?? finding.severity],
    code: finding.code,
    ...(href ? { codeDescription: { href } } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: options.translate(finding.message),
    relatedInformation: finding.related.map((r) => ({
      location: { uri: r.file !== undefined ? place.fileUri(r.file) : cellUri(place, r.cell), range: r.range },
      message: options.translate(r.message),
    })),
  };
}

/** A fix's edits by document; a notebook fix may touch several cells. */
export function toWorkspaceEdit(edits: readonly TextEdit[], place: Place): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of edits) (changes[cellUri(place, edit.cell)] ??= []).push({ range: edit.range, newText: edit.newText });
  return { changes };
}

/** The finding's quick fixes (its `# noqa` suppression among them), tied to the diagnostic they fix. */
export function toCodeActions(finding: Finding, diagnostic: Diagnostic, place: Place, translate: Translate): CodeAction[] {
  return finding.fixes.map((fix) => ({
    title: translate(fix.title),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.isPreferred,
    edit: toWorkspaceEdit(fix.edits, place),
  }));
}

/** Whether a diagnostic the client sends back is one the server showed (same rule, same place). */
export function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  const r = a.range as Diagnostic['range'] | undefined;
  const s = b.range as Diagnostic['range'] | undefined;
  // A client may send back what it kept of a diagnostic (Neovim 0.7 keeps no range in its copy).
  if (!r || !s) return false;
  return (
    a.code === b.code &&
    r.start.line === s.start.line &&
    r.start.character === s.start.character &&
    r.end.line === s.end.line &&
    r.end.character === s.end.character
  );
}
