/** Ranges are 0-based lines and UTF-16 characters, whatever the line endings and characters. */
import { describe, expect, it } from 'vitest';
import { getAnalyzer } from './helpers';

const body = (eol: string, indent: string, prefix = '') => [
  'import torch',
  'optimizer = torch.optim.SGD(model.parameters(), lr=0.1)',
  'for x, y in loader:',
  `${indent}loss = criterion(model(x), y)`,
  `${indent}loss.backward()`,
  `${indent}${prefix}optimizer.step()`,
  '',
].join(eol);

describe('positions', () => {
  it('LF with spaces', async () => {
    const [f] = (await getAnalyzer()).analyzeText(body('\n', '    '));
    expect(f?.range).toEqual({ start: { line: 5, character: 4 }, end: { line: 5, character: 20 } });
  });

  it('CRLF: the carriage return is not part of any column', async () => {
    const [f] = (await getAnalyzer()).analyzeText(body('\r\n', '    '));
    expect(f?.range).toEqual({ start: { line: 5, character: 4 }, end: { line: 5, character: 20 } });
  });

  it('a tab counts as one character', async () => {
    const [f] = (await getAnalyzer()).analyzeText(body('\n', '\t'));
    expect(f?.range).toEqual({ start: { line: 5, character: 1 }, end: { line: 5, character: 17 } });
  });

  it('emoji and CJK before the anchor count in UTF-16 code units', async () => {
    // "😀" is 2 UTF-16 units (4 UTF-8 bytes), "训练" 2 units (6 bytes).
    const prefix = 's = "😀训练"; ';
    const [f] = (await getAnalyzer()).analyzeText(body('\n', '    ', prefix));
    expect(f?.range.start).toEqual({ line: 5, character: 4 + prefix.length });
    expect(prefix.length).toBe(12);
    expect(f!.range.end.character - f!.range.start.character).toBe('optimizer.step()'.length);
  });

  it('non-ASCII lines before the anchor do not shift lines', async () => {
    const text = `# 训练脚本 🚀 — ünïcödé\n${body('\n', '    ')}`;
    const [f] = (await getAnalyzer()).analyzeText(text);
    expect(f?.range.start).toEqual({ line: 6, character: 4 });
  });

  it('related locations and edits use the same positions', async () => {
    const prefix = '"😀"; ';
    const [f] = (await getAnalyzer()).analyzeText(body('\r\n', '\t', prefix));
    expect(f?.related[0]?.range.start).toEqual({ line: 4, character: 1 });
    expect(f?.related[1]?.range).toEqual({ start: { line: 2, character: 0 }, end: { line: 2, character: 19 } });
    const suppress = f?.fixes.find((x) => x.kind === 'suppress');
    expect(suppress?.edits[0]?.range.start).toEqual({ line: 5, character: 1 + prefix.length + 'optimizer.step()'.length });
  });

  it('a multi-line call is reported on its first line', async () => {
    const text = 'import torch\nopt = torch.optim.Adam(\n    model.parameters(),\n    weight_decay=1e-2,\n)\n';
    const [f] = (await getAnalyzer()).analyzeText(text);
    expect(f?.code).toBe('OL008');
    expect(f?.range).toEqual({ start: { line: 1, character: 6 }, end: { line: 1, character: 23 } });
  });
});
