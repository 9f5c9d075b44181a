import { describe, expect, it } from 'vitest';
import { SILENT_PARAMS, signatureOf, OPTIMIZER_CLASSES, SCHEDULER_CLASSES, LOSS_CLASSES } from '../../../src/analysis/inspect/signatures';
import { optimizerSpec, schedulerSpec, outermostSchedulers, baseLrOf, type Construction, type SymbolTarget } from '../../../src/analysis';
import { OPTIMIZERS, isOptimizerName } from '../../../src/core/optim';
import { SCHEDULERS, validateScheduler } from '../../../src/core/schedule';
import { getAnalyzer, py } from './helpers';

const analyzer = await getAnalyzer();

/** The hover target at the first occurrence of `marker` ("|" marks the cursor inside it). */
function at(text: string, marker: string): SymbolTarget | null {
  const cursor = marker.indexOf('|');
  const needle = marker.replace('|', '');
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`no ${needle}`);
  const doc = analyzer.open(text);
  try {
    return doc.symbolAt(index + (cursor < 0 ? 1 : cursor));
  } finally {
    doc.dispose();
  }
}

const args = (c: Construction | undefined) => Object.fromEntries((c?.args ?? []).map((a) => [a.name, [a.origin, a.value]]));

describe('constructions', () => {
  const train = py`
    import torch
    from torch import nn, optim
    from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR
    LR = 3e-4
    EPOCHS = 90
    NESTEROV = True
    model = nn.Linear(2, 2)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    opt = optim.AdamW(model.parameters(), LR, (0.9, 0.95), weight_decay=0.05)
    sgd = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, nesterov=NESTEROV)
    warm = LinearLR(opt, start_factor=0.1, total_iters=5)
    cos = CosineAnnealingLR(opt, T_max=EPOCHS - 5)
    sched = SequentialLR(opt, [warm, cos], milestones=[5])
    for epoch in range(EPOCHS):
        for x, y in loader:
            opt.zero_grad()
            criterion(model(x), y).backward()
            opt.step()
        sched.step()
  `;
  const all = analyzer.constructions(train);
  const byCls = (cls: string) => all.find((c) => c.cls === cls);

  it('finds every optimizer, scheduler and loss in source order', () => {
    expect(all.map((c) => `${c.kind}:${c.cls}`)).toEqual([
      'loss:CrossEntropyLoss', 'optimizer:AdamW', 'optimizer:SGD', 'scheduler:LinearLR', 'scheduler:CosineAnnealingLR', 'scheduler:SequentialLR',
    ]);
  });

  it('names positional arguments by torch’s signature, skipping params', () => {
    const adamw = args(byCls('AdamW'));
    expect(adamw.lr).toEqual(['constant', 3e-4]);
    expect(adamw.betas).toEqual(['literal', [0.9, 0.95]]);
    expect(adamw.weight_decay).toEqual(['literal', 0.05]);
    expect(adamw.eps).toEqual(['default', 1e-8]);
    expect(adamw).not.toHaveProperty('params');
  });

  it('keeps booleans boolean through constants, and leaves unknowns unresolved with their text', () => {
    const sgd = byCls('SGD');
    expect(args(sgd).nesterov).toEqual(['constant', true]);
    expect(sgd?.args.find((a) => a.name === 'lr')).toEqual({ name: 'lr', written: 'args.lr', origin: 'unresolved' });
  });

  it('folds constant arithmetic and reads nested schedulers and the optimizer they drive', () => {
    expect(args(byCls('CosineAnnealingLR')).T_max).toEqual(['constant', 85]);
    const seq = byCls('SequentialLR');
    expect(seq?.nested?.map((n) => n.cls)).toEqual(['LinearLR', 'CosineAnnealingLR']);
    expect(seq && baseLrOf(seq)).toBe(3e-4);
    expect(outermostSchedulers(all).map((c) => c.cls)).toEqual(['SequentialLR']);
  });

  it('tells how the code steps a scheduler and for how many epochs', () => {
    expect(byCls('SequentialLR')?.stepping).toEqual({ cadence: 'epoch', epochs: 90 });
    const perBatch = analyzer.constructions(py`
      sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=1000)
      for epoch in range(10):
          for i in range(100):
              opt.step()
              sched.step()
    `);
    expect(perBatch[0]?.stepping).toEqual({ cadence: 'batch', epochs: 10, stepsPerEpoch: 100 });
  });

  it('reads lambdas, and one-line functions as lambdas', () => {
    const found = analyzer.constructions(py`
      from torch.optim.lr_scheduler import LambdaLR
      def decay(epoch):
          return 0.95 ** epoch
      a = LambdaLR(opt, lr_lambda=lambda e: 1 / (e + 1))
      b = LambdaLR(opt, decay)
    `);
    expect(found.map((c) => c.args.find((a) => a.name === 'lr_lambda')?.value)).toEqual(['lambda e: 1 / (e + 1)', 'lambda epoch: 0.95 ** epoch']);
  });

  it('marks calls it cannot map fully as opaque', () => {
    const [c] = analyzer.constructions('opt = torch.optim.Adam(model.parameters(), **cfg)\n');
    expect(c?.opaque).toBe(true);
  });

  it('gives cell-local ranges in notebooks', () => {
    const found = analyzer.constructions(['import torch\n', 'x = 1\nopt = torch.optim.Adam(m.parameters(), lr=0.01)\n']);
    expect(found[0]).toMatchObject({ cell: 1, nameRange: { start: { line: 1, character: 18 } } });
  });
});

describe('symbolAt', () => {
  const header = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nfrom torch import optim\nfrom torch.optim import AdamW as AW\n';

  it.each([
    ['torch.optim.Adam(', 'torch.optim.A|dam(m.parameters())', 'Adam'],
    ['optim.Adam(', 'optim.Ad|am(m.parameters())', 'Adam'],
    ['an aliased import', 'A|W(m.parameters(), lr=1e-3)', 'AdamW'],
    ['nn.CrossEntropyLoss()', 'nn.Cross|EntropyLoss()', 'CrossEntropyLoss'],
    ['F.cross_entropy(', 'F.cross_en|tropy(out, y)', 'CrossEntropyLoss'],
    ['a scheduler', 'optim.lr_scheduler.Step|LR(o, 30)', 'StepLR'],
    ['a class passed, not called', 'make(optim.SG|D)', 'SGD'],
  ])('resolves %s', (_how, line, cls) => {
    const target = at(`${header}x = ${line.replace('|', '')}\n`, line);
    expect(target).toMatchObject({ k: 'class', cls });
  });

  it('carries the construction when the name is called', () => {
    const target = at(`${header}o = AW(m.parameters(), lr=1e-3)\n`, 'A|W(');
    expect(target?.k === 'class' && target.construction?.args.find((a) => a.name === 'lr')).toMatchObject({ origin: 'literal', value: 1e-3 });
  });

  it('has no hover off the name, on unknown names, or on a class the file defines', () => {
    const text = `${header}o = optim.Adam(m.parameters(), lr=1e-3)\nclass SGD: pass\ns = SGD()\nz = Foo()\n`;
    expect(at(text, 'lr=1|e-3')).toBeNull();
    expect(at(text, 'Fo|o()')).toBeNull();
    expect(at(text, 's = S|GD()')).toBeNull();
    expect(at(text, 'op|tim.Adam')).toBeNull();
  });

  it('explains zero_grad, backward and step calls and where they run', () => {
    const text = py`
      import torch
      class Trainer:
          def __init__(self, model):
              self.optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
              self.scheduler = torch.optim.lr_scheduler.StepLR(self.optimizer, 30)
          def fit(self, loader, epochs):
              for epoch in range(epochs):
                  for x, y in loader:
                      self.optimizer.zero_grad()
                      loss = self.model(x).sum()
                      loss.backward()
                      self.optimizer.step()
                  self.scheduler.step()
    `;
    expect(at(text, 'zero_|grad')).toMatchObject({ k: 'method', method: 'zero_grad', receiver: { kind: 'optimizer', cls: 'SGD', name: 'self.optimizer' }, loop: 'batch' });
    expect(at(text, 'back|ward')).toMatchObject({ k: 'method', method: 'backward', receiver: { kind: 'loss' }, loop: 'batch' });
    expect(at(text, 'self.optimizer.st|ep')).toMatchObject({ k: 'method', method: 'step', receiver: { cls: 'SGD' } });
    const sched = at(text, 'self.scheduler.st|ep');
    expect(sched).toMatchObject({ k: 'method', method: 'step', receiver: { kind: 'scheduler', cls: 'StepLR' }, loop: 'epoch' });
    expect(sched?.k === 'method' && sched.construction?.cls).toBe('StepLR');
  });

  it('resolves in notebook cells against earlier cells', () => {
    const cells = ['import torch.optim as optim\n', 'opt = optim.RMSprop(p, lr=0.01)\n'];
    expect(analyzer.symbolInNotebook(cells, 1, cells[1]!.indexOf('RMS') + 2)).toMatchObject({ k: 'class', cls: 'RMSprop', cell: 1 });
    expect(analyzer.symbolInNotebook(cells, 5, 0)).toBeNull();
  });
});

describe('signatures', () => {
  it('name only keywords the core knows, besides the configured thing and switches without effect', () => {
    for (const cls of OPTIMIZER_CLASSES.filter(isOptimizerName)) {
      const known = new Set([...Object.keys(OPTIMIZERS[cls].defaults), 'params', ...SILENT_PARAMS]);
      expect(signatureOf('optimizer', cls)?.positional.filter((p) => !known.has(p)), cls).toEqual([]);
    }
    for (const cls of SCHEDULER_CLASSES) {
      const entry = SCHEDULERS[cls as keyof typeof SCHEDULERS];
      const known = new Set([...entry.required, ...Object.keys(entry.defaults), 'optimizer', 'schedulers', ...SILENT_PARAMS]);
      expect(signatureOf('scheduler', cls)?.positional.filter((p) => !known.has(p)), cls).toEqual([]);
    }
    for (const cls of LOSS_CLASSES) expect(signatureOf('loss', cls)?.positional.length, cls).toBeGreaterThan(0);
  });
});

describe('specs from code', () => {
  it('give the core specs that validate, with unknowns listed', () => {
    const [opt, sched] = analyzer.constructions(py`
      opt = torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=0.9, foreach=True)
      sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=100, eta_min=1e-5)
    `);
    expect(optimizerSpec(opt!)).toEqual({ spec: { type: 'SGD', momentum: 0.9 }, unresolved: [{ name: 'lr', written: 'cfg.lr' }] });
    const s = schedulerSpec(sched!);
    expect(s?.spec).toEqual({ type: 'CosineAnnealingLR', T_max: 100, eta_min: 1e-5 });
    expect(() => validateScheduler(s?.spec, 'scheduler')).not.toThrow();
  });

  it('list an unknown argument on one line, without the comments written inside it', () => {
    const [opt] = analyzer.constructions(py`
      opt = torch.optim.SGD(model.parameters(), lr=getattr(cfg,  # the note
      
          'lr'))
    `);
    expect(optimizerSpec(opt!)?.unresolved).toEqual([{ name: 'lr', written: "getattr(cfg, 'lr')" }]);
  });

  it('nest SequentialLR’s parts', () => {
    const all = analyzer.constructions(py`
      w = LinearLR(opt, start_factor=0.01, total_iters=500)
      c = CosineAnnealingLR(opt, T_max=9500)
      s = SequentialLR(opt, schedulers=[w, c], milestones=[500])
    `);
    const spec = schedulerSpec(outermostSchedulers(all)[0]!)?.spec;
    expect(spec).toEqual({ type: 'SequentialLR', milestones: [500], schedulers: [{ type: 'LinearLR', start_factor: 0.01, total_iters: 500 }, { type: 'CosineAnnealingLR', T_max: 9500 }] });
    expect(() => validateScheduler(spec, 'scheduler')).not.toThrow();
  });
});
