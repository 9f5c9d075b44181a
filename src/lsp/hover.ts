/**
 * Hovers through the language server: the extension's Markdown, from the same catalog renderer.
 * Its `command:` links open VS Code's panels, which no other client has, so each one degrades to
 * its label as plain text; web links (the rule pages, torch's documentation) stay.
 */
import type { MarkupContent } from 'vscode-languageserver';
import { rulesConcerning, ruleInfo, type RuleCode, type SymbolTarget } from '../analysis';
import { renderHover } from '../analysis/catalog';

export interface HoverTexts {
  /** Translates an English catalog text or rule summary. */
  readonly t: (text: string) => string;
  readonly ruleHref?: (code: RuleCode) => string | undefined;
}

/** `[label](command:…)` or `[label](command:… "title")`: the targets never hold spaces or `)` (percent-encoded). */
const COMMAND_LINK = /\[((?:\\.|[^\]\\])*)\]\(command:[^\s)]*(?: "[^"]*")?\)/g;

export function degradeCommandLinks(markdown: string): string {
  return markdown.replace(COMMAND_LINK, '$1');
}

export function hoverMarkdown(target: SymbolTarget, texts: HoverTexts): MarkupContent | undefined {
  const markdown = renderHover(target, {
    t: texts.t,
    rule: texts.ruleHref ? (code) => ({ href: texts.ruleHref?.(code) ?? '', summary: texts.t(ruleInfo(code).summary) }) : undefined,
    rulesConcerning,
    // Any state makes the renderer write the panel link; its label is all a client without the panel keeps.
    panelState: () => ({}),
  });
  return markdown === undefined ? undefined : { kind: 'markdown', value: degradeCommandLinks(markdown) };
}
