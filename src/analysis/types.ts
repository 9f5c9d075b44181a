/**
 * Public types of the training-loop analyser. Pure data: no `vscode`, no tree-sitter objects, so a
 * finding can be serialised by the CLI, posted to a webview or turned into a VS Code diagnostic.
 */

/**
 * Filled in by rules/index.ts with the codes of its rule list. Declared here, not imported from
 * there, so that what only needs these types (the webviews' programs, through the catalog) does not
 * pull in the analyser; there, a code is just a string.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RuleCodeRegistry {}

/** The code of a rule of the rule list (rules/index.ts). */
export type RuleCode = RuleCodeRegistry extends { readonly code: infer C extends string } ? C : string;

export type Severity = 'error' | 'warning' | 'information';

/** 0-based line and UTF-16 character, as in LSP and VS Code. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/**
 * A message to show to the user: an English template with named placeholders (`{optimizer}`) and
 * the values to put in them. Hosts translate `template` (vscode.l10n / @vscode/l10n use the
 * English text as the key) and then substitute `args`; the template itself never contains values.
 */
export interface Message {
  readonly template: string;
  readonly args: Readonly<Record<string, string | number>>;
}

/** Replace `range` by `newText`. In a notebook, `cell` is the code cell the range lies in. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
  readonly cell?: number;
}

export interface Fix {
  readonly title: Message;
  /** Non-overlapping edits, all relative to the text as it was analysed. */
  readonly edits: readonly TextEdit[];
  readonly isPreferred: boolean;
  /** `fix` changes the code, `suppress` adds a `# noqa` comment. */
  readonly kind: 'fix' | 'suppress';
}

export interface RelatedLocation {
  readonly range: Range;
  readonly cell?: number;
  /**
   * Set when the place is in another file of the project (a call was followed into it): that
   * file's path as the host gave it (absolute, `/` separators), and `range` is in that file.
   */
  readonly file?: string;
  readonly message: Message;
}

export interface Finding {
  readonly code: RuleCode;
  readonly severity: Severity;
  readonly message: Message;
  /** Starts at the rule's anchor (see its rule file) and ends on the same line. */
  readonly range: Range;
  /** Notebook cell index (into the cells passed to analyzeNotebook). */
  readonly cell?: number;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
}

/** One document change, with the field names of VS Code's `TextDocumentContentChangeEvent`. */
export interface TextChange {
  /** UTF-16 offset where the replaced text starts. */
  readonly rangeOffset: number;
  /** Length of the replaced text in UTF-16 code units. */
  readonly rangeLength: number;
  readonly text: string;
}
