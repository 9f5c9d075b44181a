/**
 * From source text to hover: the analyser resolves what is under the cursor however the class is
 * reached (module path, alias, import, functional form, a notebook's earlier cell), and the catalog
 * explains it with the values this code passes.
 */
import { describe, expect, it } from 'vitest';
import { renderHover } from '../../../src/analysis/catalog';
import { getAnalyzer, py } from './helpers';

const t = (s: string) => s;

/** The hover at the `at`-th character of the first `needle` in `text`. */
async function hoverAt(text: string, needle: string, at = 1): Promise<string | undefined> {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} is not in the source`);
  const doc = (await getAnalyzer()).open(text);
  try {
    const target = doc.symbolAt(offset + at);
    return target ? renderHover(target, { t }) : undefined;
  } finally {
    doc.dispose();
  }
}

const title = (md: string | undefined) => md?.split('\n')[0]?.split(' — ')[0];

describe('a class is explained however the code reaches it', () => {
  it.each([
    ['torch.optim.Adam(', 'import torch\nopt = torch.optim.Adam(model.parameters(), lr=1e-3)\n', 'Adam(', '**torch.optim.Adam**'],
    ['optim.SGD(', 'from torch import optim\nopt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\n', 'SGD(', '**torch.optim.SGD**'],
    ['an imported name', 'from torch.optim import AdamW\nopt = AdamW(model.parameters())\n', 'AdamW(model', '**torch.optim.AdamW**'],
    ['an alias', 'from torch.optim.lr_scheduler import OneCycleLR as OCL\ns = OCL(opt, max_lr=0.1, total_steps=100)\n', 'OCL(opt', '**torch.optim.lr\\_scheduler.OneCycleLR**'],
    ['nn.CrossEntropyLoss()', 'from torch import nn\ncriterion = nn.CrossEntropyLoss(label_smoothing=0.1)\n', 'CrossEntropyLoss(', '**torch.nn.CrossEntropyLoss**'],
    ['F.cross_entropy(', 'import torch.nn.functional as F\nloss = F.cross_entropy(logits, y)\n', 'cross_entropy(', '**torch.nn.functional.cross\\_entropy**'],
  ])('%s', async (_name, source, needle, expected) => {
    expect(title(await hoverAt(source, needle))).toBe(expected);
  });

  it('in a notebook cell, from an import in an earlier cell', async () => {
    const analyzer = await getAnalyzer();
    const cells = ['import torch\nfrom torch.optim import lr_scheduler', 'sched = lr_scheduler.CosineAnnealingLR(opt, T_max=50)'];
    const target = analyzer.symbolInNotebook(cells, 1, cells[1]!.indexOf('Cosine') + 2);
    const md = target ? renderHover(target, { t }) : undefined;
    expect(title(md)).toBe('**torch.optim.lr\\_scheduler.CosineAnnealingLR**');
    expect(md).toContain('| `T_max` | 50 |');
  });

  it('with this call’s values in the table', async () => {
    const md = await hoverAt(py`
      import torch
      LR = 3e-4
      opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=args.wd)
    `, 'AdamW');
    expect(md).toContain('| `lr` | `LR` = 0.0003 |');
    expect(md).toContain('| `weight_decay` | `args.wd` (unknown, default 0.01 used) |');
    expect(md).toContain('| `betas` | (0.9, 0.999) (default) |');
  });

  it('not on a name that is not torch’s', async () => {
    expect(await hoverAt('from mylib import Adam\nopt = Adam(params)\n', 'Adam(params')).toBeUndefined();
  });
});

describe('a call of the loop is explained where it runs', () => {
  const loop = py`
    import torch
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt)
    for epoch in range(10):
        for x, y in loader:
            opt.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            opt.step()
        sched.step(val_loss)
  `;

  it.each([
    ['opt.zero_grad', 'zero_grad', '**`opt.zero_grad()`** · torch.optim.SGD', 'Here it runs once per batch: each step uses only the gradients of its own batch.'],
    ['loss.backward', 'backward', '**`loss.backward()`**', 'Here it runs once per batch.'],
    ['opt.step', 'step', '**`opt.step()`** · torch.optim.SGD', 'Here it runs once per batch: one update per batch.'],
    ['sched.step', 'step', '**`sched.step(metrics)`** · torch.optim.lr\\_scheduler.ReduceLROnPlateau', 'Here it runs once per epoch, the usual place, with the validation metric.'],
  ])('%s', async (needle, method, heading, where) => {
    const md = await hoverAt(loop, needle, needle.indexOf(method) + 1);
    expect(md?.split('\n')[0]).toBe(heading);
    expect(md).toContain(`*${where}*`);
  });
});
