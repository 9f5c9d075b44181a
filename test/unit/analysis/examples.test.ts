/** The demo workspace: the correct script is silent, the buggy one and the notebook are not. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../src/analysis';
import { getAnalyzer, parsesCleanly } from './helpers';

const examples = path.resolve(__dirname, '../../../examples');
const read = (name: string) => readFileSync(path.join(examples, name), 'utf8');

describe('examples', () => {
  it('train_correct.py has no findings', async () => {
    expect(await parsesCleanly(read('train_correct.py'))).toBe(true);
    expect((await getAnalyzer()).analyzeText(read('train_correct.py'))).toEqual([]);
  });

  it('train_buggy.py shows OL001, OL003, OL004, OL007 and OL008', async () => {
    const text = read('train_buggy.py');
    expect(await parsesCleanly(text)).toBe(true);
    const lines = text.split('\n');
    const findings = (await getAnalyzer()).analyzeText(text).map((f) => `${f.code} ${lines[f.range.start.line]?.trim()}`);
    expect(findings).toEqual([
      'OL003 warmup.step()',
      'OL001 optimizer.step()',
      'OL004 scheduler.step()',
      'OL008 optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=5e-2)',
      'OL007 plateau.step()',
    ]);
  });

  it('notebook.ipynb is valid nbformat 4 with the bug in a later cell than the optimizer', async () => {
    const json = read('notebook.ipynb');
    const nb = parseNotebook(json);
    expect(nb.language).toBe('python');
    const optimizerCell = nb.cells.find((c) => c.source.includes('torch.optim.SGD'))?.index;
    const findings = (await getAnalyzer()).analyzeIpynb(json);
    expect(findings.map((f) => f.code)).toEqual(['OL001']);
    expect(findings[0]?.cell).toBeGreaterThan(optimizerCell ?? Infinity);
  });
});
