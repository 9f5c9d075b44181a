/**
 * Markdown for hovers, built from untrusted pieces (the user's source text, translations): every
 * piece is escaped, and the catalog's `code spans` are the only markup a text brings with it.
 */
import { fillTemplate } from '../../core/template';

const SPECIAL = /[\\`*_[\]<>#|~!&]/g;

/** Plain text as Markdown that renders as the same characters. */
export function escapeText(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`);
}

/** A catalog text as Markdown: its `code spans` kept, everything else escaped. */
export function catalogText(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : escapeText(part)))
    .join('');
}

/**
 * A code span of any text, with a fence longer than any backtick run inside it. Line breaks become
 * spaces: a blank line would end the span's paragraph and let the rest render as Markdown.
 */
export function code(text: string): string {
  text = text.replace(/\r\n?|\n/g, ' ');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** One table row; pipes inside cells (also in code spans) are escaped, as GFM tables require. */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/(?<!\\)\|/g, '\\|')).join(' | ')} |`;
}

/** A link; the title shows as a tooltip. */
export function link(label: string, target: string, title?: string): string {
  const tip = title ? ` "${title.replace(/["\\]/g, "'")}"` : '';
  return `[${label}](${target}${tip})`;
}

/** Replaces `{name}` placeholders with Markdown that is already safe. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return fillTemplate(template, values);
}
