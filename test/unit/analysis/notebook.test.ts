import { describe, expect, it } from 'vitest';
import { applyCellEdits, NotebookError, parseNotebook, readNotebookCells } from '../../../src/analysis';
import { blankMagics, joinCells } from '../../../src/analysis/syntax/notebook';
import { getAnalyzer, parsesCleanly } from './helpers';

const cells = [
  'import torch\n%matplotlib inline\n!pip install torchvision',
  'model = Net()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)',
  '# a markdown-free comment cell',
  'for x, y in loader:\n    loss = criterion(model(x), y)\n    loss.backward()\n    optimizer.step()',
];

describe('analyzeNotebook', () => {
  it('knows an optimizer defined in an earlier cell and reports cell-local ranges', async () => {
    const findings = (await getAnalyzer()).analyzeNotebook(cells);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f?.code).toBe('OL001');
    expect(f?.cell).toBe(3);
    expect(f?.range).toEqual({ start: { line: 3, character: 4 }, end: { line: 3, character: 20 } });
    expect(f?.related.map((r) => [r.cell, r.range.start.line])).toEqual([[3, 2], [3, 0]]);
  });

  it('fix edits carry their cell and apply per cell', async () => {
    const [f] = (await getAnalyzer()).analyzeNotebook(cells);
    const fix = f!.fixes.find((x) => x.kind === 'fix')!;
    expect(fix.edits.every((e) => e.cell === 3)).toBe(true);
    const out = applyCellEdits(cells, fix.edits);
    expect(out[3]).toBe('for x, y in loader:\n    optimizer.zero_grad()\n    loss = criterion(model(x), y)\n    loss.backward()\n    optimizer.step()');
    expect(await parsesCleanly(out[3]!)).toBe(true);
    expect((await getAnalyzer()).analyzeNotebook(out)).toEqual([]);
  });

  it('an unfinished cell does not swallow the next one', async () => {
    const findings = (await getAnalyzer()).analyzeNotebook(['x = foo(', ...cells.slice(1)]);
    expect(findings.map((f) => [f.code, f.cell])).toEqual([['OL001', 3]]);
  });

  it('a finding can relate to another cell', async () => {
    const findings = (await getAnalyzer()).analyzeNotebook([
      'import torch\nopt = torch.optim.SGD(m.parameters(), lr=0.1)\nsched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt)',
      'for epoch in range(3):\n    train(m, opt)\n    sched.step()',
    ]);
    expect(findings.map((f) => [f.code, f.cell, f.related.map((r) => r.cell)])).toEqual([['OL007', 1, [0]]]);
  });

  it('skips cells of other languages', async () => {
    const findings = (await getAnalyzer()).analyzeNotebook(['%%bash\nfor x in loader; do optimizer.step(); done', ...cells.slice(1)]);
    expect(findings.map((f) => f.cell)).toEqual([3]);
  });
});

describe('magics', () => {
  it('blanks IPython syntax keeping every offset', () => {
    const cell = '%time x = 1\n  !ls\ny = 2\nfiles = !ls\nobj?\n';
    const out = blankMagics(cell);
    expect(out.length).toBe(cell.length);
    expect(out.split('\n').map((l) => l.trim())).toEqual(['', '', 'y = 2', '', '', '']);
  });

  it('keeps Python cell magics and drops the others', () => {
    expect(blankMagics('%%time\nx = 1')).toBe('      \nx = 1');
    expect(blankMagics('%%writefile a.py\nx = 1')).toBe('                \n     ');
  });

  it('joins cells with a line break', () => {
    expect(joinCells(['a', 'b\n', 'c'])).toEqual({ text: 'a\nb\n\nc', starts: [0, 2, 5] });
  });
});

describe('.ipynb', () => {
  const nb = (cellsJson: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cellsJson, ...extra });

  it('reads code cells with sources as strings or lists', () => {
    const parsed = parseNotebook(nb([
      { cell_type: 'markdown', source: ['# Title'] },
      { cell_type: 'code', source: ['import torch\n', 'x = 1'], outputs: [] },
      { cell_type: 'code', source: 'y = 2' },
    ], { metadata: { kernelspec: { language: 'python' } } }));
    expect(parsed).toEqual({ cells: [{ index: 1, source: 'import torch\nx = 1' }, { index: 2, source: 'y = 2' }], language: 'python' });
    expect(readNotebookCells(nb([{ cell_type: 'code', source: 'a' }]))).toEqual({ cells: ['a'], cellIndex: [0] });
  });

  it.each([
    ['{', /not valid JSON/],
    ['[]', /top level must be a JSON object/],
    [JSON.stringify({ nbformat: 3, worksheets: [] }), /"nbformat" is 3, expected 4/],
    [JSON.stringify({ nbformat: 4 }), /"cells" must be a list/],
    [JSON.stringify({ nbformat: 4, cells: [1] }), /cell 0 must be an object/],
    [JSON.stringify({ nbformat: 4, cells: [{ source: 'x' }] }), /cell 0 has no "cell_type"/],
    [JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'code', source: [1] }] }), /cell 0 "source" must be a string or a list of strings/],
  ])('rejects %s', (json, message) => {
    expect(() => parseNotebook(json)).toThrow(NotebookError);
    expect(() => parseNotebook(json)).toThrow(message);
  });

  it('maps findings to notebook cell indexes', async () => {
    const json = nb([
      { cell_type: 'markdown', source: 'intro' },
      ...cells.map((source) => ({ cell_type: 'code', source })),
    ]);
    const findings = (await getAnalyzer()).analyzeIpynb(json);
    expect(findings.map((f) => [f.code, f.cell])).toEqual([['OL001', 4]]);
    expect(findings[0]?.fixes.flatMap((f) => f.edits.map((e) => e.cell))).toEqual([4, 4]);
  });

  it('has nothing to say about non-Python notebooks', async () => {
    const json = nb([{ cell_type: 'code', source: cells[3] }], { metadata: { kernelspec: { language: 'R' } } });
    expect((await getAnalyzer()).analyzeIpynb(json)).toEqual([]);
  });
});
