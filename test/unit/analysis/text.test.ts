import { describe, expect, it } from 'vitest';
import { detectEol, indentationOf, LineIndex } from '../../../src/analysis/syntax/text/lines';
import { lineEndState, segmentText } from '../../../src/analysis/syntax/text/segment';

const pieces = (text: string) => segmentText(text).segments.map((s) => text.slice(s.start, s.end));

describe('segmentText', () => {
  it('splits top-level statements, keeping comments, decorators and continuations together', () => {
    const text = 'import torch\n# c\n@dec\n@dec2(\n  x)\ndef f():\n    x = """\ndef g():\n"""\n# col0 comment\n    return x\n\nif a:\n  pass\nelse:\n  pass\nx = (1,\n2)\ny = \\\n  3\ntry:\n  pass\nexcept E:\n  pass\nfinally:\n  pass\n';
    expect(pieces(text)).toEqual([
      'import torch\n# c\n',
      '@dec\n@dec2(\n  x)\ndef f():\n    x = """\ndef g():\n"""\n# col0 comment\n    return x\n\n',
      'if a:\n  pass\nelse:\n  pass\n',
      'x = (1,\n2)\n',
      'y = \\\n  3\n',
      'try:\n  pass\nexcept E:\n  pass\nfinally:\n  pass\n',
    ]);
  });

  it('recovers from an unclosed bracket at the next definition', () => {
    expect(pieces('y = foo(\ndef h():\n  pass\n')).toEqual(['y = foo(\n', 'def h():\n  pass\n']);
  });

  it('handles CRLF, strings with escapes and a missing final newline', () => {
    expect(pieces('a = "x\\"#("\r\nb = \'\'\'\r\nc\r\n\'\'\'\r\nd = 1')).toEqual(['a = "x\\"#("\r\n', "b = '''\r\nc\r\n'''\r\n", 'd = 1']);
  });

  it('reports a triple-quoted string left open', () => {
    expect(segmentText('x = 1\ny = """\nz = 2\n').open).toBe(true);
    expect(segmentText('x = 1\ny = """a"""\n').open).toBe(false);
  });

  it('stops where the caller says the rest is unchanged', () => {
    const text = 'a = 1\nb = 2\nc = 3\n';
    const r = segmentText(text, 0, text.length, (p) => p === 6);
    expect(r.syncedAt).toBe(6);
    expect(r.segments).toEqual([{ start: 0, end: 6 }]);
  });

  it('knows when a line ends inside a string or a continuation', () => {
    const text = 'x = """\nabc\n"""\ny = 1 + \\\n  2\n';
    expect(lineEndState(text, 0, 7)).toEqual({ inString: true, continued: false });
    expect(lineEndState(text, 0, 15)).toEqual({ inString: false, continued: false });
    expect(lineEndState(text, 16, 25)).toEqual({ inString: false, continued: true });
  });
});

describe('LineIndex', () => {
  it('maps offsets and positions with every kind of line break', () => {
    const lines = new LineIndex('a\r\nbc\nd\re');
    expect(lines.lineCount).toBe(4);
    expect(lines.positionAt(4)).toEqual({ line: 1, character: 1 });
    expect(lines.positionAt(2)).toEqual({ line: 0, character: 1 }); // inside CRLF: clamped to the line end
    expect(lines.positionAt(8)).toEqual({ line: 3, character: 0 });
    expect(lines.positionAt(9)).toEqual({ line: 3, character: 1 });
    expect(lines.offsetAt({ line: 1, character: 99 })).toBe(5);
    expect(lines.lineText(2)).toBe('d');
    expect(lines.nextLineStart(3)).toBe(9);
  });

  it('detects the line ending and indentation', () => {
    expect(detectEol('a\r\nb\n')).toBe('\r\n');
    expect(detectEol('a\nb\r\n')).toBe('\n');
    expect(detectEol('ab')).toBe('\n');
    expect(indentationOf('\t  x = 1')).toBe('\t  ');
  });
});
