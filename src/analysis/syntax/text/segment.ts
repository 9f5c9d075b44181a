/**
 * Splits Python source into top-level statements ("segments") without parsing it.
 *
 * Why: tree-sitter-python in WASM parses at a few MB/s and its incremental reparse still costs time
 * linear in the file (≈1.5 ms per 1,000 lines), so the analyser parses each top-level statement on
 * its own, only when it can matter, and after an edit re-parses only the statement that changed.
 *
 * A segment boundary is a line that starts a new top-level statement: the lexer is outside any
 * bracket, string or backslash continuation, and the line starts at column 0 with code (not a
 * comment, not `else`/`elif`/`except`/`finally`, not the def after a decorator). Leading comments
 * and blank lines belong to the preceding segment.
 */

import { AT, BACKSLASH, CR, FF, HASH, LF, SPACE, TAB } from './chars';

export interface Segment {
  readonly start: number;
  readonly end: number;
}


/** Keywords that continue the previous compound statement at column 0. */
const CONTINUATION = /^(?:else|elif|except|finally)(?![\w])/;
/**
 * Lines that can never be inside brackets at column 0 in real code; when the lexer believes it is
 * inside brackets (an unclosed `(` while typing) such a line resets it, so one typo does not glue
 * the rest of the file into one statement.
 */
const RECOVERY = /^(?:def |class |async def |@|import |from [\w.]+ import |if __name__)/;
const DEF_LINE = /^(?:def|class|async)(?![\w])/;

export interface LexState {
  depth: number;
  /** The deepest bracket nesting seen (text/nesting.ts checks it against Python's limit). */
  peak: number;
  /** The open string's quote (`'`, `"`, `'''`, `"""`), or null. */
  quote: string | null;
  /** The previous line ended with a backslash continuation. */
  cont: boolean;
}

/** Characters the line scanner acts on outside strings. */
const SPECIAL = /[\n#"'()[\]{}\\]/g;

/**
 * Advances the lexer over one physical line starting at `pos` and returns the offset of the next
 * line's start (or `to`).
 */
export function scanLine(text: string, pos: number, to: number, st: LexState): number {
  st.cont = false;
  let i = pos;
  while (i < to) {
    if (st.quote !== null) {
      i = scanString(text, i, to, st);
      if (i < 0) return -i; // string ended the line (single-quoted strings cannot span lines)
      continue;
    }
    // Jump to the next character that matters (a regular expression scans faster than a loop here).
    SPECIAL.lastIndex = i;
    if (!SPECIAL.test(text) || SPECIAL.lastIndex > to) return to;
    i = SPECIAL.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === HASH) {
      const nl = text.indexOf('\n', i);
      return nl < 0 || nl >= to ? to : nl + 1;
    }
    if (c === 34 || c === 39) {
      const triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      st.quote = c === 34 ? (triple ? '"""' : '"') : triple ? "'''" : "'";
      i += triple ? 3 : 1;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) {
      if (++st.depth > st.peak) st.peak = st.depth;
    } else if (c === 41 || c === 93 || c === 125) st.depth = Math.max(0, st.depth - 1);
    else if (c === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === LF || (next === CR && text.charCodeAt(i + 2) === LF)) {
        st.cont = true;
        return i + (next === LF ? 2 : 3);
      }
    }
    i++;
  }
  return to;
}

/**
 * Scans inside a string from `i`. Returns the offset after the closing quote, or the negated
 * offset of the next line start when the line ends first (the string stays open only if triple
 * quoted or backslash-continued).
 */
function scanString(text: string, i: number, to: number, st: LexState): number {
  const quote = st.quote ?? '"';
  const q = quote.charCodeAt(0);
  const triple = quote.length === 3;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === CR && text.charCodeAt(i + 2) === LF) i += 3;
      else i += 2;
      if (next === LF || next === CR) {
        if (!triple) st.cont = true;
        return -Math.min(i, to);
      }
      continue;
    }
    if (c === LF) {
      if (!triple) st.quote = null; // unterminated: recover at the end of the line
      return -(i + 1);
    }
    if (c === q && (!triple || text.startsWith(quote, i))) {
      st.quote = null;
      return i + quote.length;
    }
    i++;
  }
  return to;
}

function startsCode(c: number): boolean {
  return !(c === SPACE || c === TAB || c === FF || c === LF || c === CR || c === HASH) && !Number.isNaN(c);
}

/**
 * Segments `text[from, to)`. `from` must be a clean statement start (the start of the text or of
 * an earlier segment). When `syncAt(offset)` returns true for a boundary, segmentation stops there
 * (the caller knows the rest is unchanged) and `syncedAt` is that offset. `open` tells that the last
 * segment ends inside an unterminated triple-quoted string.
 */
export function segmentText(
  text: string,
  from = 0,
  to = text.length,
  syncAt?: (offset: number) => boolean,
): { segments: Segment[]; syncedAt: number | null; open: boolean } {
  const segments: Segment[] = [];
  const st: LexState = { depth: 0, peak: 0, quote: null, cont: false };
  let segStart = from;
  let pendingDecorator = false;
  let pos = from;
  while (pos < to) {
    if (st.quote === null && !st.cont && pos > from && startsCode(text.charCodeAt(pos))) {
      const head = text.slice(pos, pos + 40);
      if (st.depth > 0 && RECOVERY.test(head)) st.depth = 0;
      if (st.depth === 0 && !CONTINUATION.test(head)) {
        let boundary = true;
        if (pendingDecorator) {
          if (text.charCodeAt(pos) === AT) boundary = false;
          else if (DEF_LINE.test(head)) {
            boundary = false;
            pendingDecorator = false;
          } else pendingDecorator = false;
        }
        if (boundary) {
          if (syncAt?.(pos)) {
            segments.push({ start: segStart, end: pos });
            return { segments, syncedAt: pos, open: false };
          }
          segments.push({ start: segStart, end: pos });
          segStart = pos;
          if (text.charCodeAt(pos) === AT) pendingDecorator = true;
        }
      }
    } else if (pos === from && text.charCodeAt(pos) === AT) pendingDecorator = true;
    pos = scanLine(text, pos, to, st);
  }
  if (to > segStart || segments.length === 0) segments.push({ start: segStart, end: to });
  // A triple-quoted string still open at the end: Python rejects the file from there on.
  return { segments, syncedAt: null, open: st.quote !== null && st.quote.length === 3 };
}

/**
 * `lineEndState` for many lines of one segment, scanning the segment once: ask in order of the
 * lines (an earlier line is answered by a scan from the segment's start, as lineEndState does).
 */
export class LineEndStates {
  private readonly st: LexState = { depth: 0, peak: 0, quote: null, cont: false };
  private pos: number;
  /** The last line scanned: where it starts, where the next one starts, the state after it. */
  private lastStart = -1;
  private lastNext = -1;
  private last = { inString: false, continued: false };

  constructor(
    private readonly text: string,
    private readonly segStart: number,
  ) {
    this.pos = segStart;
  }

  at(lineEnd: number): { inString: boolean; continued: boolean } {
    if (this.lastStart >= 0 && lineEnd < this.lastStart) return lineEndState(this.text, this.segStart, lineEnd);
    // The line scanned last holds lineEnd, or was the text's last.
    if (this.lastNext > lineEnd || this.lastNext >= this.text.length) return this.last;
    const text = this.text;
    while (this.pos < text.length) {
      const next = scanLine(text, this.pos, text.length, this.st);
      [this.lastStart, this.lastNext] = [this.pos, next];
      this.last = { inString: this.st.quote !== null, continued: this.st.cont };
      if (next > lineEnd || next >= text.length) break;
      this.pos = next;
    }
    this.pos = Math.max(this.pos, this.lastNext);
    return this.last;
  }
}

/**
 * Whether `offset` (inside a segment starting at `segStart`) lies in code, not in a comment or a
 * string, and whether its line ends with a backslash continuation. Used by fixes to know whether a
 * comment can be appended to a line.
 */
export function lineEndState(text: string, segStart: number, lineEnd: number): { inString: boolean; continued: boolean } {
  const st: LexState = { depth: 0, peak: 0, quote: null, cont: false };
  let pos = segStart;
  while (pos < text.length) {
    const next = scanLine(text, pos, text.length, st);
    if (next > lineEnd || next >= text.length) break;
    pos = next;
  }
  return { inString: st.quote !== null, continued: st.cont };
}
