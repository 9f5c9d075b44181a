import { describe, expect, it } from 'vitest';
import type { Range } from '../../../src/analysis';
import { NotebookPositions } from '../../../src/workspace/notebookPositions';
import { getAnalyzer } from '../analysis/helpers';

const SETUP = 'import torch\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0.01)  # "Adam"\n';
const LOOP = 'for x, y in loader:\n\tprint("époque\\t", x)\n\tloss = model(x).sum(); loss.backward(); optimizer.step()\n';

function notebook(asLines: boolean): unknown {
  const source = (text: string) => (asLines ? text.split(/(?<=\n)/) : text);
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { language: 'python', name: 'python3' }, tags: [1, 2.5e-3, true, null, { a: '"}]' }] },
    cells: [
      { cell_type: 'markdown', metadata: {}, source: source('# Training: "quotes" \\ and {braces}\n') },
      { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: ['source\n'] }], source: source(SETUP) },
      { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: source(LOOP) },
    ],
  };
}

/** The characters of `json` in `range`, the way a text editor shows the file. */
function slice(json: string, range: Range): string {
  const lines = json.split('\n');
  expect(range.start.line).toBe(range.end.line);
  return lines[range.start.line]!.slice(range.start.character, range.end.character);
}

describe('NotebookPositions', () => {
  it.each([
    ['one string per line, indented as Jupyter writes', JSON.stringify(notebook(true), null, 1)],
    ['one string per cell, minified, with \\u escapes', JSON.stringify(notebook(false)).replace(/é/g, '\\u00e9')],
  ])('puts each finding on the JSON characters of its code (%s)', async (_name, json) => {
    const findings = (await getAnalyzer()).analyzeIpynb(json);
    expect(findings.map((f) => [f.code, f.cell])).toEqual([
      ['OL008', 1],
      ['OL001', 2],
    ]);
    const positions = new NotebookPositions(json);
    const cells = (JSON.parse(json) as { cells: { source: string | string[] }[] }).cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
    for (const finding of findings) {
      const cellLine = cells[finding.cell!]!.split('\n')[finding.range.start.line]!;
      const expected = cellLine.slice(finding.range.start.character, finding.range.end.character);
      const raw = slice(json, positions.toFileRange(finding.cell, finding.range));
      expect(JSON.parse(`"${raw}"`)).toBe(expected);
      expect(expected.length).toBeGreaterThan(4);
    }
  });

  it('maps to the start of the file what it cannot follow', () => {
    const positions = new NotebookPositions('{"cells": [ {"source": "x = 1\\n"} ');
    expect(positions.toFilePosition(0, { line: 0, character: 2 })).toEqual({ line: 0, character: 0 });
    expect(new NotebookPositions('{"cells": [{"source": "x"}]}').toFilePosition(5, { line: 0, character: 0 })).toEqual({ line: 0, character: 0 });
  });
});
