/**
 * OL003 scheduler-before-optimizer: in one iteration, `scheduler.step()` runs before the first
 * `optimizer.step()` of the optimizer it schedules. PyTorch then skips the schedule's first value
 * and warns. The deprecated `step(epoch)` of a torch scheduler at the top of the epoch is the same
 * mistake (every milestone lands one epoch early). Schedulers known only by their role count too:
 * a `scheduler` parameter, a factory's result, a library's warmup schedule. Silent for
 * ReduceLROnPlateau, conditional calls (`if epoch > 0: scheduler.step()`) unless the optimizer
 * step is under the same condition, and when the optimizer already stepped in the iteration. The
 * same condition includes the same test on a loop's own variable: the old transfer-learning
 * tutorial's `for phase in ['train', 'val']: if phase == 'train': scheduler.step()` before the
 * batch loop whose `optimizer.step()` is under `if phase == 'train':` too.
 */
import { moveAfter } from './fixes';
import { message } from './messages';
import { defineRule, type CheckFinding } from './define';
import { abs, exclusive, placedEvents, schedulerMatches, unconditional, type FullPathElem, type PlacedEvent } from './common';
import { sameArm, type PathElem } from '../model';

/**
 * Every condition under which the scheduler step runs and that may change between iterations also
 * holds the optimizer step (static ones, `if 'dogs' in train_dir:`, are configuration): the same
 * arm of the same `if`, or of an `if` with the same test on the loop's own variable
 * (`for phase in ['train', 'val']: if phase == 'train': scheduler.step()`, then the batch loop's
 * `if phase == 'train': optimizer.step()`) when both run in the loop's execution.
 */
function sharesConditions(sched: readonly FullPathElem[], step: readonly FullPathElem[], same: (p: PathElem, q: FullPathElem) => boolean): boolean {
  return sched.every((p) => {
    if (p.kind === 'branch') return !p.dynamic || step.includes(p) || step.some((q) => same(p, q));
    if (p.kind === 'guard') return !p.dynamic;
    return false;
  });
}

export const schedulerBeforeOptimizer = defineRule({
  code: 'OL003',
  name: 'scheduler-before-optimizer',
  severity: 'warning',
  messages: {
    main: '{scheduler}.step() runs before {optimizer}.step() in the same iteration: the learning rate moves on before the optimizer has used it, so the first value of the schedule is skipped (PyTorch warns about this). Call {scheduler}.step() after {optimizer}.step().',
    variants: {
      call: '{scheduler}.step() runs before {optimizer}.step() in one call of {function}: on the first call the learning rate moves on before the optimizer has used it, so the first value of the schedule is skipped (PyTorch warns about this). Call {scheduler}.step() after {optimizer}.step().',
      epoch: '{scheduler}.step({epoch}) runs before {optimizer}.step() in the same epoch: passing the epoch is deprecated, and called at the top of the epoch it moves the learning rate to the next epoch\'s value before training on this one, so every milestone and decay lands one epoch early (PyTorch warns about the order). Call {scheduler}.step() without the epoch after the epoch\'s optimizer steps.',
    },
    summary: 'scheduler.step() before optimizer.step() in one iteration',
    related: {
      step: 'Optimizer step that should come first',
    },
    fixes: {
      moveSchedulerAfterStep: 'Move {scheduler}.step() after {optimizer}.step()',
    },
  },
  doc: {
    setting: 'scheduler.step() runs before optimizer.step().',
    what: '`scheduler.step()` runs before `optimizer.step()` in the same iteration.',
    why: 'Since PyTorch 1.1 the scheduler must be stepped *after* the optimizer. Stepping it first moves the learning rate on before the optimizer has used the initial value, so the first value of the schedule is skipped (PyTorch prints a warning). For per-epoch schedules the whole schedule is shifted by one epoch; for warmups the first, smallest learning rate never applies.',
    wrong: `
import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)
for epoch in range(90):
    scheduler.step()
    for inputs, targets in train_loader:
        optimizer.zero_grad()
        criterion(model(inputs), targets).backward()
        optimizer.step()
`,
    right: `
import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)
for epoch in range(90):
    for inputs, targets in train_loader:
        optimizer.zero_grad()
        criterion(model(inputs), targets).backward()
        optimizer.step()
    scheduler.step()
`,
    fix: 'The quick fix moves `scheduler.step()` to just after `optimizer.step()` when both are statements of the same block.',
    silent: 'A library scheduler\'s own `step(epoch)` API (timm), `ReduceLROnPlateau`, a scheduler step under a condition that changes between iterations (`if epoch > 0:`) when the optimizer step is not under the same one (the same `if`, or an `if` with the same test on a variable only the loop header sets, as in `for phase in [\'train\', \'val\']:` with `if phase == \'train\':` around both), a scheduler built on another optimizer, and iterations where the optimizer already stepped before the scheduler.',
    suppress: '    scheduler.step()  # noqa: OL003',
  },
  concerns: {
    scheduler: ['LambdaLR', 'MultiplicativeLR', 'StepLR', 'MultiStepLR', 'ConstantLR', 'LinearLR', 'ExponentialLR', 'PolynomialLR', 'CosineAnnealingLR', 'CosineAnnealingWarmRestarts', 'CyclicLR', 'OneCycleLR', 'SequentialLR', 'ChainedScheduler'],
    method: ['optimizer.step', 'scheduler.step'],
  },
  check(ctx, m) {
    const out: CheckFinding[] = [];
    for (const unit of ctx.model.units) {
      if (unit.tainted || (unit.kind === 'body' && unit.act.fn === null)) continue;
      const events = placedEvents(unit);
      // An iteration with no backward pass trains nothing (a test or demo stepping the optimizer
      // to watch the schedule): the order cannot skip a learning rate that is used.
      if (!events.some((e) => e.event.kind === 'backward')) continue;
      for (const k of events) {
        const e = k.event;
        if (e.kind !== 'sched' || k.depth !== 0) continue;
        // A conditional scheduler step counts only with the optimizer step in the same block
        // (`if (i + 1) % accum == 0: scheduler.step(); optimizer.step()`): whenever it runs, so
        // does the optimizer's, after it.
        const conditional = !unconditional(k.path);
        // `step(epoch)` (deprecated) on a torch scheduler still moves the schedule before the
        // optimizer steps, one epoch early; a library's `step(epoch)` (timm) is its own API.
        const byEpoch = e.epochArg !== null && !e.byRole;
        if (e.hasArgs && !byEpoch) continue;
        if (e.scheds.length > 0 && e.scheds.every((s) => s.cls === 'ReduceLROnPlateau')) continue;
        const steps = events.filter((s) => s.event.kind === 'step' && (e.byRole || schedulerMatches(ctx.model, e.scheds, s.event.opt)));
        if (steps.some((s) => s.order < k.order)) continue;
        // A function body runs once per call: a scheduler step on its straight line before every
        // optimizer step of the call, including the batch loop's after it
        // (`def train(self): self.scheduler.step(); for batch in loader: ... self.optimizer.step()`),
        // comes before the optimizer's first step on the first call, whoever calls it.
        const same = (p: PathElem, q: FullPathElem, s: PlacedEvent) =>
          q.kind === 'branch' && e.act === unit.act && s.event.act === unit.act && sameArm(p, q, unit, ctx.model.ev);
        const step = steps.find((s) => s.order > k.order && !exclusive(k.path, s.path) &&
          (!conditional || sharesConditions(k.path, s.path, (p, q) => same(p, q, s))));
        if (!step || step.event.kind !== 'step') continue;
        const scheduler = e.sched.text;
        const optimizer = step.event.opt.text;
        const f = byEpoch ? null : moveAfter(ctx, e.stmt, step.event.stmt, m.fixes.moveSchedulerAfterStep({ scheduler, optimizer }), true);
        out.push({
          ...abs(e.site),
          message: byEpoch
            ? m.variants.epoch({ scheduler, optimizer, epoch: e.epochArg ?? '' })
            : unit.kind === 'body' && step.depth > 0 && unit.act.fn
              ? m.variants.call({ scheduler, optimizer, function: unit.act.fn.cls ? `${unit.act.fn.cls.stmt.name}.${unit.act.fn.name}()` : `${unit.act.fn.name}()` })
              : m.main({ scheduler, optimizer }),
          related: [
            { ...abs(step.event.site), message: m.related.step() },
            ...e.scheds.slice(0, 1).map((sched) => ({ ...abs(sched.site), message: message('schedulerCreated') })),
          ],
          fixes: f ? [f] : [],
        });
      }
    }
    return out;
  },
});
