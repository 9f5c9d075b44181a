/** Half-typed code: the broken statement is skipped, the rest of the file is still analysed. */
import { describe, expect, it } from 'vitest';
import { brief, getAnalyzer, py } from './helpers';

const buggyLoop = py`
  import torch
  optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
  for x, y in loader:
      criterion(model(x), y).backward()
      optimizer.step()
`;

describe('syntax errors mid-typing', () => {
  it.each([
    ['an unclosed call', 'def helper(a, b:\n    return a(\n'],
    ['a dangling attribute', 'def helper(m):\n    m.\n'],
    ['an unfinished if', 'def helper(m):\n    if m\n'],
    ['a stray indent', '      x = 1\n'],
    ['an unclosed bracket at top level', 'values = [1, 2,\n'],
    ['garbage tokens', 'def f():\n    ) ] } :: ->\n'],
  ])('%s before the loop', async (_what, broken) => {
    const analyzer = await getAnalyzer();
    const text = broken + buggyLoop;
    const offset = broken.split('\n').length - 1;
    expect(brief(analyzer.analyzeText(text))).toEqual([`OL001@${5 + offset}`]);
  });

  it('an unclosed call after the loop', async () => {
    const analyzer = await getAnalyzer();
    expect(brief(analyzer.analyzeText(`${buggyLoop}\nprint(optimizer.state_dict(\n`))).toEqual(['OL001@5']);
  });

  it('stays silent about the loop being edited while it is broken', async () => {
    const analyzer = await getAnalyzer();
    const broken = buggyLoop.replace('optimizer.step()', 'optimizer.step(\n    x = [1, 2');
    expect(analyzer.analyzeText(broken)).toEqual([]);
  });

  it('an unterminated triple-quoted string swallows the rest without errors', async () => {
    const analyzer = await getAnalyzer();
    expect(analyzer.analyzeText(`x = """\n${buggyLoop}`)).toEqual([]);
  });

  it('empty, whitespace-only and non-Python text', async () => {
    const analyzer = await getAnalyzer();
    for (const text of ['', '\n\n', '   \t', '\r\n', '\u0000\u0001', '{"json": true}', '<html>optimizer.step()</html>']) {
      expect(analyzer.analyzeText(text)).toEqual([]);
    }
  });
});
