/**
 * OL005 batch-scheduler-stepped-per-epoch: a scheduler that counts optimizer steps (OneCycleLR,
 * CyclicLR, transformers' warmup schedules, a horizon from `len(loader)`/`num_training_steps`) is
 * stepped once per iteration of an epoch loop whose optimizer steps happen in an inner loop.
 */
import { moveAfter } from './fixes';
import { message } from './messages';
import { defineRule, type CheckFinding } from './define';
import { abs, headerOf, placedEvents, unconditional, type PlacedEvent, type RuleContext } from './common';
import { agreedHorizon, isBatchLoop, onlyFromEpochOn } from './cadence';
import type { Event } from '../model';
import type { SchedulerVal } from '../model';

/** The scheduler's optimizer argument as written (`optimizer`), for the message. */
function optimizerName(ctx: RuleContext, sched: SchedulerVal): string {
  const arg = sched.call.kw.find((k) => k.name === 'optimizer')?.value ?? sched.call.args[sched.cls === 'get_scheduler' ? 1 : 0];
  return arg ? sched.site.chunk.text.slice(arg.s, arg.e) : 'optimizer';
}

export const batchSchedulerSteppedPerEpoch = defineRule({
  code: 'OL005',
  name: 'batch-scheduler-stepped-per-epoch',
  severity: 'warning',
  messages: {
    main: '{scheduler} ({class}) counts optimizer steps ({horizon}) but {scheduler}.step() runs once per epoch: the learning rate barely moves along its schedule. Call {scheduler}.step() after each {optimizer}.step() in the batch loop.',
    variants: {
      lightning: '{scheduler} ({class}) counts optimizer steps ({horizon}) but is handed to Lightning from configure_optimizers without "interval": "step", so Lightning steps it once per epoch: the learning rate barely moves along its schedule. Return it in a scheduler config dict with "scheduler": {scheduler} and "interval": "step".',
    },
    summary: 'A schedule that counts batches (OneCycleLR, CyclicLR, step horizons) is stepped once per epoch',
    related: {
      loop: 'Epoch loop: the scheduler steps once per epoch',
      step: 'Optimizer step, once per batch',
    },
    fixes: {
      moveSchedulerIntoBatchLoop: 'Move {scheduler}.step() into the batch loop, after {optimizer}.step()',
      stepInterval: 'Return {scheduler} with "interval": "step"',
    },
  },
  doc: {
    setting: 'a per-batch schedule is stepped once per epoch.',
    what: "A scheduler that counts optimizer steps (OneCycleLR, CyclicLR, transformers' warmup schedules, a horizon built from `len(loader)` or `num_training_steps`) is stepped once per epoch while the optimizer steps once per batch; or a LightningModule's `configure_optimizers` hands one to Lightning without `\"interval\": \"step\"` in its scheduler config dict, so Lightning steps it once per epoch.",
    why: 'The schedule expects one `step()` per optimizer step. Stepped per epoch it only covers `epochs / total_steps` of its horizon: a OneCycleLR never leaves its warmup, a linear decay barely decays, and the run ends at the wrong learning rate.',
    wrong: `
import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.OneCycleLR(
    optimizer, max_lr=0.1, epochs=epochs, steps_per_epoch=len(train_loader)
)
for epoch in range(epochs):
    for inputs, targets in train_loader:
        optimizer.zero_grad()
        criterion(model(inputs), targets).backward()
        optimizer.step()
    scheduler.step()
`,
    right: `
import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.OneCycleLR(
    optimizer, max_lr=0.1, epochs=epochs, steps_per_epoch=len(train_loader)
)
for epoch in range(epochs):
    for inputs, targets in train_loader:
        optimizer.zero_grad()
        criterion(model(inputs), targets).backward()
        optimizer.step()
        scheduler.step()
`,
    fix: [
      'The quick fix moves `scheduler.step()` into the batch loop, just after `optimizer.step()`, when the batch loop is written in the same function.',
      'When the batch loop is not in the file (`train_one_epoch` imported from elsewhere), a scheduler that counts steps and is stepped once per iteration of an epoch loop is still reported.',
    ],
    silent: 'Only loops named for epochs count as epoch loops (`for epoch in …`, `range(num_epochs)`): a step loop with an inner gradient-accumulation loop (`for it in range(max_iters): for micro_step in …`) steps once per optimizer step and is correct. A step that only starts after some epochs (`if epoch >= warmup_epochs:`) still runs once per epoch and is reported. Also silent: epoch-horizon schedulers, steps under any other condition, and optimizers that also step once per epoch. For Lightning: a module that optimizes manually, defines `lr_scheduler_step`, or gives an `interval` or `frequency` the file does not spell out as a string.',
    suppress: '    scheduler.step()  # noqa: OL005',
  },
  concerns: { scheduler: ['CyclicLR', 'OneCycleLR', 'SequentialLR'], method: ['scheduler.step'] },
  actions: { scheduleEffect: { intended: 'batch', actual: 'epoch' } },
  check(ctx, m) {
    const out: CheckFinding[] = [];
    for (const unit of ctx.model.units) {
      if (unit.kind !== 'loop' || unit.tainted || !unit.loop?.epochNamed) continue;
      const events = placedEvents(unit);
      if (events.some((e) => e.depth === 0 && e.event.kind === 'step')) continue;
      // Optimizer steps in inner loops; none visible means they happen in code the file does not
      // define (`train(model, loader, optimizer)` imported), once per batch as usual.
      const innerSteps = events.filter((e): e is PlacedEvent & { event: Extract<Event, { kind: 'step' }> } => e.depth > 0 && e.event.kind === 'step');
      const first = innerSteps[0];
      for (const k of events) {
        const e = k.event;
        if (e.kind !== 'sched' || k.depth !== 0 || e.hasArgs) continue;
        // `if epoch >= warmup_epochs: scheduler.step()` still steps once per epoch from then on.
        const gated = !unconditional(k.path);
        if (gated && !onlyFromEpochOn(k, unit)) continue;
        const agreed = agreedHorizon(ctx.model, e.scheds, 'batch');
        if (!agreed) continue;
        // Also stepped inside the batch loop: a different cadence on purpose, not this mistake.
        const keys = new Set(e.scheds.map((s) => s.key));
        if (events.some((o) => o.depth > 0 && o.event.kind === 'sched' && o.event.scheds.some((s) => keys.has(s.key)))) continue;
        const { sched, horizon } = agreed;
        const scheduler = e.sched.text;
        const optimizer = first?.event.opt.text ?? optimizerName(ctx, sched);
        const horizonText = horizon.arg ? sched.site.chunk.text.slice(horizon.arg.s, horizon.arg.e) : sched.cls;
        // Fix only when one optimizer step in one batch loop, written in the same function.
        const loops = new Set(innerSteps.map((s) => s.loop));
        const f = !gated && first && innerSteps.length === 1 && loops.size === 1 && first.loop && isBatchLoop(first.loop) && first.event.act === e.act
          ? moveAfter(ctx, e.stmt, first.event.stmt, m.fixes.moveSchedulerIntoBatchLoop({ scheduler, optimizer }), false)
          : null;
        const loop = unit.loop;
        out.push({
          ...abs(e.site),
          message: m.main({ scheduler, class: sched.cls, horizon: horizonText, optimizer }),
          related: [
            { ...headerOf({ chunk: loop.chunk, s: loop.stmt.s, e: loop.stmt.e }), message: m.related.loop() },
            ...(first ? [{ ...abs(first.event.site), message: m.related.step() }] : []),
            { ...abs(horizon.arg ? { chunk: sched.site.chunk, s: horizon.arg.s, e: horizon.arg.e } : sched.site), message: message('horizon', { horizon: horizonText }) },
          ],
          fixes: f ? [f] : [],
        });
      }
    }
    for (const l of ctx.model.lightning) {
      const agreed = l.interval === 'epoch' ? agreedHorizon(ctx.model, l.scheds, 'batch') : null;
      if (!agreed) continue;
      const { sched, horizon } = agreed;
      const horizonText = horizon.arg ? sched.site.chunk.text.slice(horizon.arg.s, horizon.arg.e) : sched.cls;
      const span = abs(l.site);
      out.push({
        ...span,
        message: m.variants.lightning({ scheduler: l.text, class: sched.cls, horizon: horizonText }),
        related: [{ ...abs(horizon.arg ? { chunk: sched.site.chunk, s: horizon.arg.s, e: horizon.arg.e } : sched.site), message: message('horizon', { horizon: horizonText }) }],
        fixes: l.inConfig ? [] : [{ title: m.fixes.stepInterval({ scheduler: l.text }), edits: [{ start: span.start, end: span.end, newText: `{"scheduler": ${l.text}, "interval": "step"}` }], isPreferred: true, kind: 'fix' }],
      });
    }
    return out;
  },
});
