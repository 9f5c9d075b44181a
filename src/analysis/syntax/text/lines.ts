import type { Position } from '../../types';

/**
 * Offsets ↔ positions for one text. Line breaks are `\r\n`, `\n` and a lone `\r`, as in VS Code;
 * characters are UTF-16 code units (JavaScript string indices), so no conversion from tree-sitter
 * is needed: web-tree-sitter reports UTF-16 offsets for string input.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (text.includes('\r')) {
      const re = /\r\n|\n|\r/g;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) starts.push(m.index + m[0].length);
    } else {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineOf(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))] ?? 0;
  }

  /** Offset just before the line break of `line` (or the end of the text). */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Offset of the start of the next line, or the end of the text on the last line. */
  nextLineStart(line: number): number {
    return this.starts[line + 1] ?? this.text.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: Math.min(clamped, this.lineEnd(line)) - this.lineStart(line) };
  }

  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.starts.length - 1));
    return Math.min(this.lineStart(line) + Math.max(0, position.character), this.lineEnd(line));
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** The line ending a fix should write: the file's first line break, `\n` when there is none. */
export function detectEol(text: string): string {
  const i = text.search(/\r\n|\n|\r/);
  if (i < 0) return '\n';
  return text.startsWith('\r\n', i) ? '\r\n' : (text[i] ?? '\n');
}

/** Leading spaces and tabs of `line`, verbatim. */
export function indentationOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}
