/** Hovers on the loop's calls under a gradient-accumulation guard say "every few batches", not "once per batch". */
import { describe, expect, it } from 'vitest';
import type { SymbolTarget } from '../../../src/analysis';
import { getAnalyzer, py } from './helpers';

const analyzer = await getAnalyzer();

/** The hover target on `needle`'s last word, at its first occurrence. */
function at(text: string, needle: string): SymbolTarget | null {
  const doc = analyzer.open(text);
  try {
    return doc.symbolAt(text.indexOf(needle) + needle.search(/\w+\(\)$/) + 1);
  } finally {
    doc.dispose();
  }
}

describe('the loop calls under an accumulation guard', () => {
  const text = py`
    import torch
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, total_iters=100)
    for epoch in range(10):
        for i, (x, y) in enumerate(loader):
            (model(x).sum() / accum).backward()
            if (i + 1) % accum == 0:
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad()
            if i > 5:
                optimizer.zero_grad()
  `;

  it('zero_grad, optimizer.step and scheduler.step under the guard run every few batches', () => {
    expect(at(text, 'optimizer.zero_grad()')).toMatchObject({ k: 'method', method: 'zero_grad', loop: 'accumulated' });
    expect(at(text, 'optimizer.step()')).toMatchObject({ k: 'method', method: 'step', loop: 'accumulated' });
    expect(at(text, 'scheduler.step()')).toMatchObject({ k: 'method', method: 'step', receiver: { kind: 'scheduler' }, loop: 'accumulated' });
  });

  it('the backward pass and a call under another condition still run once per batch', () => {
    expect(at(text, '.backward()')).toMatchObject({ k: 'method', method: 'backward', loop: 'batch' });
    const last = text.lastIndexOf('zero_grad');
    const doc = analyzer.open(text);
    try {
      expect(doc.symbolAt(last + 1)).toMatchObject({ k: 'method', method: 'zero_grad', loop: 'batch' });
    } finally {
      doc.dispose();
    }
  });
});
