import { describe, expect, it } from 'vitest';
import { runCases } from '../cases';
import { applyFix, getAnalyzer, parsesCleanly, py } from '../helpers';

describe('OL007 plateau-step-without-metric', () => {
  runCases([
    {
      name: 'flags ReduceLROnPlateau.step() with no metric',
      code: py`
        import torch
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", patience=5)
        for epoch in range(100):
            train(model, optimizer)
            val_loss = validate(model)
            scheduler.step()
      `,
      expect: ['OL007@7'],
    },
    {
      name: 'flags an imported ReduceLROnPlateau on self',
      code: py`
        from torch.optim.lr_scheduler import ReduceLROnPlateau
        class Trainer:
            def __init__(self, optimizer):
                self.sched = ReduceLROnPlateau(optimizer)

            def end_epoch(self, metrics):
                self.sched.step()
      `,
      expect: ['OL007@7'],
    },
    {
      name: 'silent with a metric',
      code: py`
        import torch
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
        for epoch in range(100):
            val_loss = validate(model)
            scheduler.step(val_loss)
      `,
      expect: [],
    },
    {
      name: 'silent with metrics= keyword',
      code: py`
        import torch
        scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
        for epoch in range(100):
            scheduler.step(metrics=validate(model))
      `,
      expect: [],
    },
    {
      name: 'silent when the name may hold another scheduler',
      code: py`
        import torch
        if args.sched == "plateau":
            scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
        else:
            scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 30)
        for epoch in range(100):
            scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent under an isinstance test',
      code: py`
        import torch
        from torch.optim.lr_scheduler import ReduceLROnPlateau
        scheduler = ReduceLROnPlateau(optimizer)
        for epoch in range(100):
            if isinstance(scheduler, ReduceLROnPlateau):
                scheduler.step(val_loss)
            else:
                scheduler.step()
      `,
      expect: [],
    },
    {
      name: 'silent for timm-style schedulers the file does not know',
      code: py`
        from timm.scheduler import create_scheduler
        lr_scheduler, num_epochs = create_scheduler(args, optimizer)
        for epoch in range(num_epochs):
            lr_scheduler.step()
      `,
      expect: [],
    },
  ]);
});

/** The metrics OL007's quick fixes pass, each applied: the file parses and the finding is gone. */
async function metricFixes(code: string): Promise<{ metric: string; preferred: boolean; fixed: string }[]> {
  const analyzer = await getAnalyzer();
  const findings = analyzer.analyzeText(code).filter((f) => f.code === 'OL007');
  expect(findings).toHaveLength(1);
  const out = [];
  for (const fix of findings[0]!.fixes.filter((f) => f.kind === 'fix')) {
    expect(fix.title.template).toBe('Pass the metric computed above: {scheduler}.step({metric})');
    const fixed = applyFix(code, fix);
    expect(await parsesCleanly(fixed)).toBe(true);
    expect(analyzer.analyzeText(fixed).filter((f) => f.code === 'OL007')).toEqual([]);
    out.push({ metric: String(fix.title.args.metric), preferred: fix.isPreferred, fixed });
  }
  return out;
}

describe('OL007 quick fix: pass the metric computed above', () => {
  it('passes the one validation loss in the loop body, preferred', async () => {
    const fixes = await metricFixes(py`
      import torch
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", patience=5)
      for epoch in range(100):
          train(model, optimizer)
          val_loss = validate(model)
          scheduler.step()
    `);
    expect(fixes.map(({ metric, preferred }) => ({ metric, preferred }))).toEqual([{ metric: 'val_loss', preferred: true }]);
    expect(fixes[0]!.fixed).toContain('\n    scheduler.step(val_loss)');
  });

  it.each([
    ['valid_loss = run(model, valid_loader)', 'valid_loss'],
    ['loss_val = criterion(model(xv), yv).item()', 'loss_val'],
    ['eval_loss = total / n', 'eval_loss'],
    ['test_loss = test(model, test_loader)', 'test_loss'],
    ['result = evaluate(model, val_loader)', 'result'],
    ["metrics['val_loss'] = total / n", "metrics['val_loss']"],
    ["print('epoch', epoch, logs['val_loss'])", "logs['val_loss']"],
  ])('finds %s', async (line, metric) => {
    const fixes = await metricFixes(py`
      from torch.optim.lr_scheduler import ReduceLROnPlateau
      scheduler = ReduceLROnPlateau(optimizer)
      for epoch in range(10):
          train_one_epoch(model, optimizer)
          ${line}
          scheduler.step()
    `);
    expect(fixes.map((f) => [f.metric, f.preferred])).toEqual([[metric, true]]);
  });

  it('looks into with blocks above and out of an if around the step', async () => {
    const fixes = await metricFixes(py`
      import torch
      scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
      for epoch in range(10):
          with torch.no_grad():
              val_loss = sum(criterion(model(x), y) for x, y in val_loader)
          if epoch > 3:
              scheduler.step()
    `);
    expect(fixes.map((f) => [f.metric, f.preferred])).toEqual([['val_loss', true]]);
    expect(fixes[0]!.fixed).toContain('        scheduler.step(val_loss)');
  });

  it("offers a method's val_loss parameter", async () => {
    const fixes = await metricFixes(py`
      from torch.optim.lr_scheduler import ReduceLROnPlateau
      class Trainer:
          def __init__(self, optimizer):
              self.sched = ReduceLROnPlateau(optimizer)

          def end_epoch(self, val_loss):
              self.sched.step()
    `);
    expect(fixes.map((f) => [f.metric, f.preferred])).toEqual([['val_loss', true]]);
    expect(fixes[0]!.fixed).toContain('self.sched.step(val_loss)');
  });

  it('several candidates: up to three, none preferred, those suiting the mode first', async () => {
    const code = (mode: string) => py`
      import torch
      scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="${mode}")
      for epoch in range(10):
          val_loss, val_acc = validate(model)
          test_loss = evaluate(model, test_loader)
          test_acc = accuracy(model, test_loader)
          scheduler.step()
    `;
    const min = await metricFixes(code('min'));
    expect(min.map((f) => f.metric)).toEqual(['test_loss', 'val_loss', 'test_acc']);
    expect(min.every((f) => !f.preferred)).toBe(true);
    const max = await metricFixes(code('max'));
    expect(max.map((f) => f.metric)).toEqual(['test_acc', 'val_acc', 'test_loss']);
  });

  it.each([
    ['a training loss', 'loss = criterion(model(x), y)'],
    ['the best validation loss so far', 'best_val_loss = min(best_val_loss, 1.0)'],
    ["model.eval()'s result", 'model = model.eval()'],
    ['a list of validation losses', 'val_losses.append(1.0)'],
  ])('offers nothing for %s', async (_what, line) => {
    const fixes = await metricFixes(py`
      import torch
      scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
      for epoch in range(10):
          ${line}
          scheduler.step()
    `);
    expect(fixes).toEqual([]);
  });

  it('offers nothing computed after the step, outside the loop, or inside a function defined above', async () => {
    const fixes = await metricFixes(py`
      import torch
      val_loss = validate(model)
      scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
      for epoch in range(10):
          def helper():
              val_acc = 1.0
              return val_acc
          scheduler.step()
          val_loss = validate(model)
    `);
    expect(fixes).toEqual([]);
  });
});
