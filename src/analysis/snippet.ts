/**
 * Source text as a hover shows it: the expression without its comments, on one line, short. A
 * slice of a file is the author's (or an attacker's) text: its comments are notes, not the call,
 * and its line breaks would end a Markdown code span (a blank line ends the paragraph around it).
 */

/** Python source without its `#` comments; strings (also triple-quoted ones) are kept whole. */
export function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** The index after the string literal opening at `start` (the end of the text if it never closes). */
function stringEnd(text: string, start: number): number {
  const quote = text[start]!;
  const triple = text.startsWith(quote.repeat(3), start);
  const close = triple ? quote.repeat(3) : quote;
  let i = start + close.length;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (!triple && (c === '\n' || c === '\r')) return i;
    if (text.startsWith(close, i)) return i + close.length;
    i++;
  }
  return text.length;
}

/**
 * A slice of source for a hover: comments dropped, whitespace (line breaks included) collapsed to
 * one space, at most `max` characters (then ending in `…`).
 */
export function snippet(text: string, max = 40): string {
  const flat = withoutComments(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
