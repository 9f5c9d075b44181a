/** The incremental document gives the same findings as analysing the final text from scratch. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TextChange } from '../../../src/analysis';
import { generateScript } from '../../fixtures/analysis/generate';
import { brief, getAnalyzer, py } from './helpers';

const correct = py`
  import torch
  optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
  for x, y in loader:
      optimizer.zero_grad()
      loss = criterion(model(x), y)
      loss.backward()
      optimizer.step()
`;

/** Typing `text` one character at a time at `offset`. */
function typing(offset: number, text: string): TextChange[][] {
  return [...text].map((ch, i) => [{ rangeOffset: offset + i, rangeLength: 0, text: ch }]);
}

describe('incremental document', () => {
  it('deleting zero_grad character by character ends with OL001, like a fresh analysis', async () => {
    const analyzer = await getAnalyzer();
    const doc = analyzer.open(correct);
    expect(doc.findings()).toEqual([]);
    const line = '    optimizer.zero_grad()\n';
    const at = correct.indexOf(line);
    for (let i = 0; i < line.length; i++) {
      doc.edit([{ rangeOffset: at, rangeLength: 1, text: '' }]);
      expect(doc.findings()).toEqual(analyzer.analyzeText(doc.text));
    }
    expect(brief(doc.findings())).toEqual(['OL001@6']);
    doc.dispose();
  });

  it('typing a new statement keeps findings in step (including mid-typing syntax errors)', async () => {
    const analyzer = await getAnalyzer();
    const text = correct.replace('    optimizer.zero_grad()\n', '');
    const doc = analyzer.open(text);
    expect(brief(doc.findings())).toEqual(['OL001@6']);
    for (const changes of typing(text.indexOf('    loss = '), '    optimizer.zero_grad()\n')) {
      doc.edit(changes);
      expect(doc.findings()).toEqual(analyzer.analyzeText(doc.text));
    }
    expect(doc.text).toBe(correct);
    expect(doc.findings()).toEqual([]);
    doc.dispose();
  });

  it('editing a command-line default in a function without training vocabulary re-judges the horizon', async () => {
    const analyzer = await getAnalyzer();
    const text = py`
      import argparse
      import torch

      def options():
          parser = argparse.ArgumentParser()
          parser.add_argument('--epochs', type=int, default=90)
          parser.add_argument('--step', type=int, default=30)
          return parser.parse_args()

      args = options()
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, args.step)
      for epoch in range(args.epochs):
          for x, y in loader:
              optimizer.zero_grad()
              model(x).sum().backward()
              optimizer.step()
              scheduler.step()
    `;
    const doc = analyzer.open(text);
    expect(brief(doc.findings())).toEqual(['OL004@18']);
    // 30 -> 30000 batches: past the run's 90 epochs, so the horizon may count batches.
    for (const changes of typing(text.indexOf('default=30)') + 'default=30'.length, '000')) {
      doc.edit(changes);
      expect(doc.findings()).toEqual(analyzer.analyzeText(doc.text));
    }
    expect(brief(doc.findings())).toEqual([]);
    // A second declaration elsewhere that disagrees keeps it unknown; removing it restores the finding.
    doc.edit([{ rangeOffset: text.indexOf('default=30') + 'default=30'.length, rangeLength: 3, text: '' }]);
    expect(brief(doc.findings())).toEqual(['OL004@18']);
    const extra = "\nother = argparse.ArgumentParser()\nother.add_argument('--step', default=5000)\n";
    doc.edit([{ rangeOffset: doc.text.length, rangeLength: 0, text: extra }]);
    expect(doc.findings()).toEqual(analyzer.analyzeText(doc.text));
    expect(brief(doc.findings())).toEqual([]);
    doc.dispose();
  });

  it('edits that merge and split top-level statements', async () => {
    const analyzer = await getAnalyzer();
    const doc = analyzer.open(correct);
    const steps: TextChange[] = [
      { rangeOffset: correct.indexOf('for x'), rangeLength: 0, text: '    ' }, // indent the loop: joins the previous statement
      { rangeOffset: correct.indexOf('for x'), rangeLength: 4, text: '' },
      { rangeOffset: 0, rangeLength: 0, text: 'x = """\n' }, // open a string swallowing everything
      { rangeOffset: 0, rangeLength: 8, text: '' },
      { rangeOffset: correct.length, rangeLength: 0, text: 'scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 3)\n' },
    ];
    for (const change of steps) {
      doc.edit([change]);
      expect(doc.findings()).toEqual(analyzer.analyzeText(doc.text));
    }
    expect(brief(doc.findings())).toEqual(['OL006@8']);
    doc.dispose();
  });

  it('a function without training vocabulary rebinding a folded constant (global) re-judges the branch', async () => {
    const analyzer = await getAnalyzer();
    const text = py`
      import torch
      STEP = "epoch"

      def configure():
          pass

      optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
      lr_scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
      for batch in loader:
          optimizer.zero_grad()
          model(batch).backward()
          optimizer.step()
          if STEP == "batch":
              lr_scheduler.step()
    `;
    const doc = analyzer.open(text);
    expect(doc.findings()).toEqual([]);
    for (const changes of typing(text.indexOf('    pass'), '    global STEP\n    STEP = "batch"\n')) {
      doc.edit(changes);
      expect(doc.findings()).toEqual(analyzer.analyzeText(doc.text));
    }
    expect(brief(doc.findings())).toEqual(['OL007@16']);
    doc.dispose();
  });

  it('several changes in one event apply in order', async () => {
    const analyzer = await getAnalyzer();
    const doc = analyzer.open(correct);
    const at = correct.indexOf('optimizer.zero_grad()');
    doc.edit([
      { rangeOffset: at, rangeLength: 'optimizer.zero_grad()'.length, text: 'pass' },
      { rangeOffset: 0, rangeLength: 0, text: '# header\n' },
    ]);
    expect(doc.text.startsWith('# header\nimport torch')).toBe(true);
    expect(brief(doc.findings())).toEqual(['OL001@8']);
    doc.dispose();
  });

  it('long random edit sessions on a real script agree with fresh analyses', { timeout: 60_000 }, async () => {
    const analyzer = await getAnalyzer();
    const base = readFileSync(path.resolve(__dirname, '../../fixtures/analysis/real/hf_no_trainer.py'), 'utf8') + generateScript(200, 5);
    const doc = analyzer.open(base);
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const tokens = ['x', '\n', '    ', ')', '(', ':', 'optimizer.zero_grad()', '"', '#', 'def f():\n', '', '\t', '😀'];
    for (let i = 0; i < 150; i++) {
      const at = rand(doc.text.length + 1);
      const len = rand(4) === 0 ? rand(30) : 0;
      doc.edit([{ rangeOffset: at, rangeLength: Math.min(len, doc.text.length - at), text: tokens[rand(tokens.length)] ?? '' }]);
      if (i % 10 === 9) expect(doc.findings()).toEqual(analyzer.analyzeText(doc.text));
    }
    doc.dispose();
  });
});
