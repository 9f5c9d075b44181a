/**
 * Python tokens for the direct parser (direct/parser.ts), in JavaScript, with the same boundaries
 * tree-sitter-python's scanner gives: NEWLINE sits after the line's last token or trailing comment,
 * and a block ends after the comments indented at least as deep as the block (scanner.c, "wait to
 * create a dedent token until we've consumed any comments whose indentation matches the current
 * block").
 *
 * Anything this lexer is not sure to read as tree-sitter does throws `Unsupported`, and the chunk
 * goes to tree-sitter instead: tabs or form feeds in indentation, a lone `\r`, a NUL, backslash
 * continuations, non-ASCII identifiers, f-strings nesting quotes, a comment between an operand and
 * its operator, syntax errors.
 */

import { BACKSLASH, CR, DQUOTE, FF, HASH, LF, SPACE, SQUOTE, TAB } from '../text/chars';

/** Thrown for input the direct parser leaves to tree-sitter. */
export class Unsupported extends Error {}

/** Unsupported only because expressions nest deeper than the reader recurses (MAX_EXPR_DEPTH). */
export class NestedTooDeep extends Unsupported {}

export function unsupported(): never {
  throw new Unsupported();
}

export const NAME = 1;
export const NUMBER = 2;
export const STRING = 3;
export const OP = 4;
export const NEWLINE = 5;
export const INDENT = 6;
export const DEDENT = 7;
export const END = 8;

/**
 * Struct of arrays, one entry per token, then one sentinel entry (kind 0) so a lookahead past END
 * reads nothing. NEWLINE, INDENT, DEDENT and END are zero-width. The arrays are scratch buffers
 * shared by every call (a parse is synchronous and consumes its tokens before the next): valid
 * until the next `tokenize`.
 */
export interface Tokens {
  readonly count: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** The identifier or operator text; '' for other kinds. */
  readonly value: string[];
}

let kindBuf = new Uint8Array(4096);
let startBuf = new Int32Array(4096);
let endBuf = new Int32Array(4096);
const valueBuf: string[] = [];

function grow(): void {
  const size = kindBuf.length * 2;
  const widen = <T extends Uint8Array | Int32Array>(a: T, b: T): T => {
    b.set(a);
    return b;
  };
  kindBuf = widen(kindBuf, new Uint8Array(size));
  startBuf = widen(startBuf, new Int32Array(size));
  endBuf = widen(endBuf, new Int32Array(size));
}


/** Longest first: three-, two-, then one-character operators. */
/** The operator at `pos` (longest match), as a constant string; '' when there is none. */
function operator(text: string, pos: number): string {
  const c = text.charCodeAt(pos);
  const c1 = text.charCodeAt(pos + 1);
  const eq = c1 === 61;
  switch (c) {
    case 42: // *
      if (c1 === 42) return text.charCodeAt(pos + 2) === 61 ? '**=' : '**';
      return eq ? '*=' : '*';
    case 47: // /
      if (c1 === 47) return text.charCodeAt(pos + 2) === 61 ? '//=' : '//';
      return eq ? '/=' : '/';
    case 60: // <
      if (c1 === 60) return text.charCodeAt(pos + 2) === 61 ? '<<=' : '<<';
      return eq ? '<=' : '<';
    case 62: // >
      if (c1 === 62) return text.charCodeAt(pos + 2) === 61 ? '>>=' : '>>';
      return eq ? '>=' : '>';
    case 61:
      return eq ? '==' : '=';
    case 33:
      return eq ? '!=' : '';
    case 45:
      return c1 === 62 ? '->' : eq ? '-=' : '-';
    case 43:
      return eq ? '+=' : '+';
    case 37:
      return eq ? '%=' : '%';
    case 38:
      return eq ? '&=' : '&';
    case 124:
      return eq ? '|=' : '|';
    case 94:
      return eq ? '^=' : '^';
    case 64:
      return eq ? '@=' : '@';
    case 58:
      return eq ? ':=' : ':';
    case 46:
      return c1 === 46 && text.charCodeAt(pos + 2) === 46 ? '...' : '.';
    case 126:
      return '~';
    case 40:
      return '(';
    case 41:
      return ')';
    case 91:
      return '[';
    case 93:
      return ']';
    case 123:
      return '{';
    case 125:
      return '}';
    case 44:
      return ',';
    case 59:
      return ';';
    default:
      return '';
  }
}

/**
 * Tokens that continue the operand before them. A comment right before one inside brackets would
 * become a child of the operator's node in tree-sitter (where fromTreeSitter.ts reads the operator by
 * position), so such text is left to tree-sitter.
 */
const CONTINUES = new Set([
  '+', '-', '*', '/', '%', '@', '&', '|', '^', '<', '>', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '.', '(', '[',
  'and', 'or', 'not', 'in', 'is', 'if', 'else', 'for', 'async',
]);

/** Prefixes Python accepts before a string quote (case-insensitive). */
const STRING_PREFIX = /^(?:[rRuUfFbB]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])$/;

/** tree-sitter-python's integer and float tokens; floats before integers, as the longer match. */
const NUMBER_RE = /(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+)[lL]?|(?:[0-9](?:_?[0-9])*\.(?:[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?|\.[0-9](?:_?[0-9])*(?:[eE][+-]?[0-9](?:_?[0-9])*)?|[0-9](?:_?[0-9])*[eE][+-]?[0-9](?:_?[0-9])*)[jJ]?|[0-9](?:_?[0-9])*[lLjJ]?/y;

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

interface PendingComment {
  readonly indent: number;
  readonly end: number;
}

/** Splits `text` (a chunk starting at column 0) into tokens, or throws Unsupported. */
export function tokenize(text: string): Tokens {
  // tree-sitter reads a NUL byte as an error wherever it is (in strings and comments too).
  if (text.includes('\0')) unsupported();
  let count = 0;
  interpolations.length = 0;
  const push = (k: number, s: number, e: number, v: string) => {
    if (count + 1 >= kindBuf.length) grow();
    kindBuf[count] = k;
    startBuf[count] = s;
    endBuf[count] = e;
    valueBuf[count] = v;
    count++;
  };
  const last = () => valueBuf[count - 1];

  const n = text.length;
  const indents = [0];
  let pos = 0;
  let depth = 0;
  let atLineStart = true;
  /** Where a NEWLINE would go: after the last token or the trailing comment of the line. */
  let lineEnd = 0;
  /** The last logical line ended with `:` (an indented block may follow). */
  let colonEnded = false;
  /** Comment lines since the last NEWLINE, for where a block ends. */
  let comments: PendingComment[] = [];
  /** A comment inside brackets was just read: the next token must not continue an operand. */
  let commentInBrackets = false;
  let lineHasTokens = false;

  /** Closes blocks down to `indent`, each after the comments indented at least as deep as it. */
  const dedentTo = (indent: number) => {
    let at = lineEnd;
    let next = 0;
    while ((indents[indents.length - 1] ?? 0) > indent) {
      const top = indents.pop() ?? 0;
      while (next < comments.length && (comments[next]?.indent ?? 0) >= top) at = comments[next++]?.end ?? at;
      push(DEDENT, at, at, '');
    }
    if ((indents[indents.length - 1] ?? 0) !== indent) unsupported();
  };

  const newline = () => {
    push(NEWLINE, lineEnd, lineEnd, '');
    colonEnded = valueBuf[count - 2] === ':' && kindBuf[count - 2] === OP;
    comments = [];
    atLineStart = true;
    lineHasTokens = false;
  };

  while (pos < n) {
    if (atLineStart) {
      let col = 0;
      while (pos < n && text.charCodeAt(pos) === SPACE) {
        col++;
        pos++;
      }
      if (pos >= n) break;
      const c = text.charCodeAt(pos);
      if (c === LF) {
        pos++;
        continue;
      }
      if (c === CR) {
        if (text.charCodeAt(pos + 1) !== LF) unsupported();
        pos += 2;
        continue;
      }
      if (c === HASH) {
        const nl = text.indexOf('\n', pos);
        const commentEnd = nl < 0 ? n : nl;
        comments.push({ indent: col, end: commentEnd });
        pos = commentEnd;
        continue;
      }
      if (c === TAB || c === FF || c === BACKSLASH) unsupported();
      // A code line: indentation decides blocks.
      const top = indents[indents.length - 1] ?? 0;
      if (count === 0) {
        if (col !== 0) unsupported();
      } else if (col > top) {
        if (!colonEnded) unsupported();
        indents.push(col);
        push(INDENT, pos, pos, '');
      } else if (colonEnded) unsupported(); // a block header without its block
      else if (col < top) dedentTo(col);
      comments = [];
      atLineStart = false;
      continue;
    }

    const c = text.charCodeAt(pos);
    if (c === SPACE || c === TAB || c === FF) {
      pos++;
      continue;
    }
    if (c === LF || c === CR) {
      if (c === CR && text.charCodeAt(pos + 1) !== LF) unsupported();
      pos += c === CR ? 2 : 1;
      if (depth === 0) {
        if (lineHasTokens) newline();
      } else if (continuationOutdented(text, pos, indents[indents.length - 1] ?? 0)) {
        // tree-sitter's scanner may close the block there, brackets or not.
        unsupported();
      }
      continue;
    }
    if (c === HASH) {
      const nl = text.indexOf('\n', pos);
      const commentEnd = nl < 0 ? n : nl;
      if (depth > 0) commentInBrackets = true;
      else lineEnd = commentEnd;
      pos = commentEnd;
      continue;
    }
    // A backslash continuation is a named node in tree-sitter, which fromTreeSitter.ts would read as an operand.
    if (c === BACKSLASH) unsupported();

    const tokenStart = pos;
    let k: number;
    let v = '';
    if (isIdentStart(c)) {
      pos++;
      while (pos < n && isIdentPart(text.charCodeAt(pos))) pos++;
      const q = text.charCodeAt(pos);
      if ((q === DQUOTE || q === SQUOTE) && pos - tokenStart <= 2) {
        const prefix = text.slice(tokenStart, pos);
        if (!STRING_PREFIX.test(prefix)) unsupported();
        pos = scanString(text, pos, /[fF]/.test(prefix));
        k = STRING;
      } else {
        if (q >= 128) unsupported();
        k = NAME;
        v = text.slice(tokenStart, pos);
      }
    } else if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(pos + 1)))) {
      NUMBER_RE.lastIndex = pos;
      if (!NUMBER_RE.test(text)) unsupported();
      pos = NUMBER_RE.lastIndex;
      const after = text.charCodeAt(pos);
      if (isIdentPart(after) || after === 46 || after >= 128) unsupported();
      k = NUMBER;
    } else if (c === DQUOTE || c === SQUOTE) {
      pos = scanString(text, pos, false);
      k = STRING;
    } else if (c >= 128) {
      unsupported();
    } else {
      v = operator(text, pos);
      if (v === '') unsupported();
      pos += v.length;
      k = OP;
      if (v === '(' || v === '[' || v === '{') depth++;
      else if (v === ')' || v === ']' || v === '}') {
        if (--depth < 0) unsupported();
      }
    }
    if (commentInBrackets) {
      const prev = kindBuf[count - 1];
      const before = last();
      const prevEndsOperand = prev === NAME || prev === NUMBER || prev === STRING || before === ')' || before === ']' || before === '}';
      if (prevEndsOperand && CONTINUES.has(v)) unsupported();
      commentInBrackets = false;
    }
    push(k, tokenStart, pos, v);
    lineEnd = pos;
    lineHasTokens = true;
  }

  if (depth > 0) unsupported();
  if (lineHasTokens) newline();
  if (colonEnded) unsupported();
  dedentTo(0);
  push(END, n, n, '');
  kindBuf[count] = 0;
  valueBuf[count] = '';
  return { count, kind: kindBuf, start: startBuf, end: endBuf, value: valueBuf };
}

/**
 * Offsets (start, end pairs) of the f-string interpolations' expressions read by the last
 * `tokenize`: the lexer only finds where they end; the parser checks they are expressions.
 */
export const interpolations: number[] = [];

/** Whether the line at `pos` (inside brackets) starts left of the block's indentation `indent`. */
function continuationOutdented(text: string, pos: number, indent: number): boolean {
  let col = 0;
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) col++;
    else if (c === LF || c === CR) return false;
    else return c === TAB || c === FF || col < indent;
  }
  return false;
}

/**
 * Scans a string literal whose opening quote is at `pos`; returns the offset after its closing
 * quote. Python's rules, and tree-sitter's: a backslash escapes the next character (in raw strings
 * too, for where the string ends); a newline ends a one-line string in error. f-strings are followed
 * through their `{…}` interpolations, which may hold strings in the other quote.
 */
function scanString(text: string, pos: number, format: boolean): number {
  const q = text.charCodeAt(pos);
  const triple = text.charCodeAt(pos + 1) === q && text.charCodeAt(pos + 2) === q;
  let i = pos + (triple ? 3 : 1);
  const n = text.length;
  /** Open interpolations; inside the innermost, `spec` tells its format spec from its expression. */
  let depth = 0;
  let spec = false;
  let brackets = 0;
  let exprStart = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if ((c === LF || c === CR) && !triple) unsupported();
    if (depth > 0 && !spec) {
      if (c === q || c === BACKSLASH || c === HASH) unsupported();
      if (c === DQUOTE || c === SQUOTE) {
        const close = text.indexOf(String.fromCharCode(c), i + 1);
        const inner = close < 0 ? '' : text.slice(i + 1, close);
        if (close < 0 || /[\\\n{}]/.test(inner)) unsupported();
        i = close + 1;
        continue;
      }
      if (c === 40 || c === 91 || c === 123) brackets++;
      else if (c === 41 || c === 93) brackets = Math.max(0, brackets - 1);
      else if (c === 125) {
        if (brackets > 0) brackets--;
        else {
          interpolations.push(exprStart, i);
          depth--;
          spec = depth > 0;
        }
      } else if (c === 58 && text.charCodeAt(i + 1) === 61) {
        unsupported(); // `:=`: a format spec to Python, a walrus to tree-sitter
      } else if (brackets === 0 && (c === 58 || (c === 33 && text.charCodeAt(i + 1) !== 61))) {
        interpolations.push(exprStart, i);
        spec = true;
        if (c === 33) {
          // A conversion is one letter, then the spec or the end: `!r:>10`, `!s}`.
          const letter = text.charCodeAt(i + 1);
          const after = text.charCodeAt(i + 2);
          if (!(letter >= 97 && letter <= 122) || (after !== 58 && after !== 125)) unsupported();
        }
      }
      i++;
      continue;
    }
    if (depth > 0) {
      // A format spec: literal text and nested interpolations.
      if (c === DQUOTE || c === SQUOTE || c === BACKSLASH) unsupported();
      if (c === 123) {
        depth++;
        spec = false;
        brackets = 0;
        exprStart = i + 1;
      } else if (c === 125) {
        depth--;
        spec = depth > 0;
      }
      i++;
      continue;
    }
    if (c === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (format && (next === 123 || next === 125 || next === 78)) unsupported();
      i += 2;
      continue;
    }
    if (format && c === 123) {
      if (text.charCodeAt(i + 1) === 123) i += 2;
      else {
        depth = 1;
        spec = false;
        brackets = 0;
        exprStart = ++i;
      }
      continue;
    }
    if (format && c === 125) {
      if (text.charCodeAt(i + 1) !== 125) unsupported();
      i += 2;
      continue;
    }
    if (c === q && (!triple || (text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q))) return i + (triple ? 3 : 1);
    i++;
  }
  return unsupported();
}
