/** Quick fixes: applied, the file still parses, the finding is gone and the style is kept. */
import { describe, expect, it } from 'vitest';
import { fixed, getAnalyzer, only, py } from './helpers';

describe('fixes', () => {
  it('OL001 inserts zero_grad at the top of the loop with the real optimizer name', async () => {
    const text = py`
      import torch
      class Trainer:
          def __init__(self, model):
              self.optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

          def fit(self, loader):
              for x, y in loader:
                  loss = self.model(x).sum()
                  loss.backward()
                  self.optimizer.step()
    `;
    const finding = await only('OL001', text);
    expect(finding.fixes[0]?.isPreferred).toBe(true);
    expect(finding.fixes[0]?.title).toEqual({ template: 'Insert {optimizer}.zero_grad() at the top of the loop', args: { optimizer: 'self.optimizer' } });
    expect(await fixed('OL001', text)).toContain('        for x, y in loader:\n            self.optimizer.zero_grad()\n            loss = self.model(x).sum()');
  });

  it('OL001 inserts zero_grad after a conditional step (accumulation)', async () => {
    const text = py`
      import torch
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      for i, (x, y) in enumerate(loader):
          criterion(model(x), y).backward()
          if (i + 1) % 4 == 0:
              optimizer.step()
          log(i)
    `;
    expect(await fixed('OL001', text)).toContain('        optimizer.step()\n        optimizer.zero_grad()\n    log(i)');
  });

  it('OL005 returns a Lightning scheduler in a config dict with "interval": "step", and the finding is gone', async () => {
    const text = py`
      import torch
      import pytorch_lightning as pl

      class Net(pl.LightningModule):
          def configure_optimizers(self):
              optimizer = torch.optim.AdamW(self.parameters(), lr=1e-3)
              scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-2, total_steps=self.trainer.estimated_stepping_batches)
              return [optimizer], [scheduler]
    `;
    const after = await fixed('OL005', text);
    expect(after).toContain('return [optimizer], [{"scheduler": scheduler, "interval": "step"}]');
    const analyzer = await getAnalyzer();
    expect(analyzer.analyzeText(after).map((f) => f.code)).toEqual([]);
  });

  it('OL001 keeps tabs and CRLF', async () => {
    const text = 'import torch\r\noptimizer = torch.optim.SGD(m.parameters(), lr=0.1)\r\nfor x in loader:\r\n\tloss = m(x)\r\n\tloss.backward()\r\n\toptimizer.step()\r\n';
    expect(await fixed('OL001', text)).toBe('import torch\r\noptimizer = torch.optim.SGD(m.parameters(), lr=0.1)\r\nfor x in loader:\r\n\toptimizer.zero_grad()\r\n\tloss = m(x)\r\n\tloss.backward()\r\n\toptimizer.step()\r\n');
  });

  it('OL001 fix after a step on the last line without a final newline', async () => {
    const text = 'import torch\noptimizer = torch.optim.SGD(m.parameters(), lr=0.1)\nfor i, x in enumerate(loader):\n    m(x).backward()\n    if i % 2:\n        optimizer.step()';
    expect(await fixed('OL001', text)).toBe('import torch\noptimizer = torch.optim.SGD(m.parameters(), lr=0.1)\nfor i, x in enumerate(loader):\n    m(x).backward()\n    if i % 2:\n        optimizer.step()\n        optimizer.zero_grad()');
  });

  it('OL002 moves zero_grad before the backward pass', async () => {
    const text = py`
      import torch
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      for x, y in loader:
          loss = criterion(model(x), y)
          loss.backward()
          optimizer.zero_grad()  # clear
          optimizer.step()
    `;
    expect(await fixed('OL002', text)).toBe(py`
      import torch
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      for x, y in loader:
          loss = criterion(model(x), y)
          optimizer.zero_grad()  # clear
          loss.backward()
          optimizer.step()
    `);
  });

  it('OL003 moves scheduler.step() after optimizer.step()', async () => {
    const text = py`
      import torch
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=total_steps)
      for x, y in loader:
          optimizer.zero_grad()
          criterion(model(x), y).backward()
          scheduler.step()
          optimizer.step()
          log()
    `;
    expect(await fixed('OL003', text)).toContain('    optimizer.step()\n    scheduler.step()\n    log()');
  });

  it('OL004 moves scheduler.step() after the batch loop', async () => {
    const text = py`
      import torch
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
      for epoch in range(args.epochs):
          for x, y in loader:
              optimizer.zero_grad()
              criterion(model(x), y).backward()
              optimizer.step()
              scheduler.step()
          evaluate(model)
    `;
    expect(await fixed('OL004', text)).toContain('        optimizer.step()\n    scheduler.step()\n    evaluate(model)');
  });

  it('OL005 moves scheduler.step() into the batch loop after optimizer.step()', async () => {
    const text = py`
      import torch
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=epochs, steps_per_epoch=len(loader))
      for epoch in range(epochs):
          for x, y in loader:
              optimizer.zero_grad()
              criterion(model(x), y).backward()
              optimizer.step()
          scheduler.step()
          evaluate(model)
    `;
    expect(await fixed('OL005', text)).toContain('        optimizer.step()\n        scheduler.step()\n    evaluate(model)');
  });

  it('OL008 renames torch.optim.Adam to AdamW', async () => {
    const text = 'import torch\noptimizer = torch.optim.Adam(model.parameters(), weight_decay=1e-2)\n';
    expect(await fixed('OL008', text)).toBe('import torch\noptimizer = torch.optim.AdamW(model.parameters(), weight_decay=1e-2)\n');
  });

  it('OL008 replaces the import when Adam is not used elsewhere', async () => {
    const text = 'from torch.optim import Adam\noptimizer = Adam(model.parameters(), weight_decay=1e-2)\n';
    expect(await fixed('OL008', text)).toBe('from torch.optim import AdamW\noptimizer = AdamW(model.parameters(), weight_decay=1e-2)\n');
  });

  it('OL008 adds AdamW to the import when Adam is still used', async () => {
    const text = 'from torch.optim import Adam, SGD\nopt = Adam(m.parameters(), weight_decay=1e-2)\nassert isinstance(opt, Adam)\n';
    expect(await fixed('OL008', text)).toBe('from torch.optim import Adam, AdamW, SGD\nopt = AdamW(m.parameters(), weight_decay=1e-2)\nassert isinstance(opt, Adam)\n');
  });

  it('OL008 fix is not preferred (it changes the optimisation)', async () => {
    const f = await only('OL008', 'import torch\nopt = torch.optim.Adam(p, weight_decay=0.1)\n');
    expect(f.fixes.find((x) => x.kind === 'fix')?.isPreferred).toBe(false);
  });

  it('OL007 passes the validation loss computed above, keeping tabs and CRLF', async () => {
    const text = 'import torch\r\nscheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(opt)\r\nfor epoch in range(9):\r\n\tval_loss = validate(model)\r\n\tscheduler.step( )\r\n';
    const f = await only('OL007', text);
    expect(f.fixes.map((x) => [x.kind, x.isPreferred])).toEqual([['fix', true], ['suppress', false]]);
    expect(await fixed('OL007', text)).toBe(text.replace('scheduler.step( )', 'scheduler.step(val_loss)'));
  });

  it('OL007 fixes the step inside the function the loop calls, with that function\'s metric', async () => {
    const text = py`
      import torch
      def end_epoch(scheduler, model):
          val_loss = validate(model)
          scheduler.step()

      scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(opt)
      for epoch in range(9):
          end_epoch(scheduler, model)
    `;
    expect(await fixed('OL007', text)).toContain('    val_loss = validate(model)\n    scheduler.step(val_loss)\n');
  });

  it('OL007 offers only the noqa comment when no metric is in scope', async () => {
    const f = await only('OL007', 'import torch\nscheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(opt)\nfor epoch in range(9):\n    train(model)\n    scheduler.step()\n');
    expect(f.fixes.map((x) => x.kind)).toEqual(['suppress']);
  });

  it('no fix when the step is inside a function called from the loop', async () => {
    const text = py`
      import torch
      def step(opt, loss):
          loss.backward()
          opt.step()

      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      for x in loader:
          step(optimizer, model(x).sum())
    `;
    const f = await only('OL001', text);
    expect(f.fixes.map((x) => x.kind)).toEqual(['suppress']);
  });

  it('no move when the statement shares its line', async () => {
    const text = py`
      import torch
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      for x, y in loader:
          loss = criterion(model(x), y); loss.backward(); optimizer.zero_grad(); optimizer.step()
    `;
    const f = await only('OL002', text);
    expect(f.fixes.map((x) => x.kind)).toEqual(['suppress']);
  });
});

describe('suppress fixes', () => {
  const text = py`
    import torch
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        criterion(model(x), y).backward()
        optimizer.step()
  `;

  it('appends a noqa comment', async () => {
    expect(await fixed('OL001', text, 'suppress')).toContain('    optimizer.step()  # noqa: OL001');
  });

  it('extends an existing noqa list', async () => {
    const out = await fixed('OL001', text.replace('optimizer.step()', 'optimizer.step()  # noqa: E501'), 'suppress');
    expect(out).toContain('optimizer.step()  # noqa: E501, OL001');
  });

  it('keeps a trailing comment', async () => {
    const out = await fixed('OL001', text.replace('optimizer.step()', 'optimizer.step()  # update'), 'suppress');
    expect(out).toContain('optimizer.step()  # update  # noqa: OL001');
  });

  it('every finding offers one, never preferred', async () => {
    const analyzer = await getAnalyzer();
    const findings = analyzer.analyzeText(py`
      import torch
      optimizer = torch.optim.Adam(model.parameters(), weight_decay=1e-2)
      scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
      never = torch.optim.lr_scheduler.StepLR(optimizer, 3)
      for x, y in loader:
          criterion(model(x), y).backward()
          scheduler.step()
          optimizer.step()
    `);
    expect(findings.map((f) => f.code).sort()).toEqual(['OL001', 'OL006', 'OL007', 'OL008']);
    for (const f of findings) {
      const s = f.fixes.filter((x) => x.kind === 'suppress');
      expect(s).toHaveLength(1);
      expect(s[0]?.isPreferred).toBe(false);
      expect(s[0]?.title).toEqual({ template: 'Suppress {code} on this line with # noqa', args: { code: f.code } });
    }
  });
});
