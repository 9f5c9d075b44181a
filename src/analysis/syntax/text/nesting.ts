/**
 * Python's own nesting limits, checked before a statement is parsed. CPython refuses more than 99
 * indentation levels ("too many levels of indentation") and more than 200 nested brackets ("too
 * many nested parentheses"). Text past them is not Python, and it is what breaks the readers:
 * tree-sitter-python's scanner overflows past ~510 nested blocks and stays broken for every later
 * parse, and each recursive reading of a syntax tree has a depth at which the stack runs out.
 */
import { CR, FF, HASH, LF, SPACE, TAB } from './chars';
import { scanLine, type LexState } from './segment';

export const MAX_INDENT_LEVELS = 99;
export const MAX_BRACKET_DEPTH = 200;

export interface NestingProblem {
  readonly kind: 'indentation' | 'brackets';
  /** Offset (in the text checked) of the line where the limit is passed. */
  readonly offset: number;
}

/**
 * Lines indented far enough to be that deep: each level is a column further right, and a tab is
 * at most 8 columns, so past the limit a line starts with more than 99 spaces or, with a tab, 13
 * characters. A text without such a line is not scanned.
 */
const DEEP_INDENT = new RegExp(`(?:^|\\n)(?:[ \\f]{${MAX_INDENT_LEVELS + 1}}|(?=[ \\t\\f]{${Math.ceil((MAX_INDENT_LEVELS + 1) / 8)}})[ \\f]*\\t)`);

/** Whether `text` holds more than `limit` opening brackets (fewer cannot nest deeper). */
function moreBrackets(text: string, limit: number): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 40 || c === 91 || c === 123) && ++n > limit) return true;
  }
  return false;
}

/** Indentation column as CPython's tokenizer counts it: tabs to the next multiple of 8, a form feed resets. */
function indentEnd(text: string, pos: number): { readonly col: number; readonly end: number } {
  let col = 0;
  let i = pos;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) col++;
    else if (c === TAB) col += 8 - (col % 8);
    else if (c === FF) col = 0;
    else break;
  }
  return { col, end: i };
}

/** Where `text` (statements starting at column 0) passes one of Python's nesting limits, or null. */
export function nestingProblem(text: string): NestingProblem | null {
  if (!DEEP_INDENT.test(text) && !moreBrackets(text, MAX_BRACKET_DEPTH)) return null;
  const st: LexState = { depth: 0, peak: 0, quote: null, cont: false };
  const indents = [0];
  for (let pos = 0; pos < text.length; ) {
    if (st.quote === null && !st.cont && st.depth === 0) {
      const { col, end } = indentEnd(text, pos);
      const c = text.charCodeAt(end);
      const code = end < text.length && c !== LF && c !== CR && c !== HASH;
      if (code) {
        while (col < (indents[indents.length - 1] ?? 0)) indents.pop();
        if (col > (indents[indents.length - 1] ?? 0)) indents.push(col);
        if (indents.length - 1 > MAX_INDENT_LEVELS) return { kind: 'indentation', offset: pos };
      }
    }
    const next = scanLine(text, pos, text.length, st);
    if (st.peak > MAX_BRACKET_DEPTH) return { kind: 'brackets', offset: pos };
    pos = next;
  }
  return null;
}
