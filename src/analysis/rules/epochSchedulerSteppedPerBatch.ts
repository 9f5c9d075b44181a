/**
 * OL004 epoch-scheduler-stepped-per-batch: a scheduler whose horizon is a number of epochs
 * (`CosineAnnealingLR(T_max=num_epochs)`) is stepped unconditionally in a batch loop that also
 * steps the optimizer, also every k batches under a gradient-accumulation guard that steps the
 * optimizer too. The schedule then runs `len(loader)` (or `len(loader) / k`) times too fast.
 */
import { moveAfterLoop } from './fixes';
import { message } from './messages';
import { defineRule, type CheckFinding } from './define';
import { abs, headerOf, placedEvents, unconditional } from './common';
import { accumulationEvery, agreedHorizon, enclosingLoop, exponentialEpochDecay, isBatchLoop, literalEpochHorizon } from './cadence';

export const epochSchedulerSteppedPerBatch = defineRule({
  code: 'OL004',
  name: 'epoch-scheduler-stepped-per-batch',
  severity: 'warning',
  messages: {
    main: '{scheduler} ({class}) counts its horizon in epochs ({horizon}) but {scheduler}.step() runs once per batch: the schedule moves as many times too fast as an epoch has batches and plays out within the first epoch or so (a step decay then keeps shrinking the learning rate towards zero; a cosine climbs back up and cycles). Call {scheduler}.step() once per epoch, after the batch loop.',
    variants: {
      lightning: '{scheduler} ({class}) counts its horizon in epochs ({horizon}) but is handed to Lightning from configure_optimizers with "interval": "step", so Lightning steps it after every optimizer step: the schedule moves as many times too fast as an epoch has batches and plays out within the first epoch or so. Use "interval": "epoch" (the default).',
      accumulated: '{scheduler} ({class}) counts its horizon in epochs ({horizon}) but {scheduler}.step() runs every {every} batches, with each accumulated optimizer step: the schedule moves (batches per epoch / {every}) times too fast and plays out within the first epochs (a step decay then keeps shrinking the learning rate towards zero; a cosine climbs back up and cycles). Call {scheduler}.step() once per epoch, after the batch loop.',
      exponential: '{scheduler} ({class}) multiplies the learning rate by {gamma} at each {scheduler}.step(), a decay meant per epoch, but {scheduler}.step() runs once per batch: after 100 batches the learning rate is {after} of its initial value ({gamma} ** 100), and it keeps shrinking towards zero. Call {scheduler}.step() once per epoch, after the batch loop.',
      exponentialAccumulated: '{scheduler} ({class}) multiplies the learning rate by {gamma} at each {scheduler}.step(), a decay meant per epoch, but {scheduler}.step() runs every {every} batches, with each accumulated optimizer step: after 100 optimizer steps the learning rate is {after} of its initial value ({gamma} ** 100), and it keeps shrinking towards zero. Call {scheduler}.step() once per epoch, after the batch loop.',
    },
    summary: 'A schedule whose horizon counts epochs is stepped once per batch',
    related: {
      loop: 'Batch loop: the scheduler steps once per batch',
      gamma: 'The decay of each step(): gamma = {gamma}',
    },
    fixes: {
      moveSchedulerOutOfBatchLoop: 'Move {scheduler}.step() after the batch loop (once per epoch)',
    },
  },
  doc: {
    setting: 'an epoch-based schedule is stepped every batch.',
    what: 'A scheduler whose horizon counts epochs (`T_max=num_epochs`, `milestones=[epochs // 2]`, `step_size=args.lr_step_epochs`), or an exponential decay meant per epoch (`ExponentialLR(gamma=0.95)`, `StepLR(step_size=1, gamma=0.85)`), is stepped once per batch.',
    why: 'Each `scheduler.step()` advances the schedule by one unit of its horizon. Stepped per batch, a cosine schedule meant to span 100 epochs finishes after 100 batches, usually within the first epoch, and the learning rate then stays at its minimum (or, for cosine, oscillates) for the rest of training.',
    wrong: `
import torch

num_epochs = 100
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
for epoch in range(num_epochs):
    for inputs, targets in train_loader:
        optimizer.zero_grad()
        criterion(model(inputs), targets).backward()
        optimizer.step()
        scheduler.step()
`,
    right: `
import torch

num_epochs = 100
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
for epoch in range(num_epochs):
    for inputs, targets in train_loader:
        optimizer.zero_grad()
        criterion(model(inputs), targets).backward()
        optimizer.step()
    scheduler.step()
`,
    fix: 'The quick fix moves `scheduler.step()` out of the batch loop to just after it, in the epoch loop. Alternatively keep the per-batch step and make the horizon count steps (`T_max=num_epochs * len(train_loader)`).',
    silent: 'Only horizons whose names say "epochs" are trusted, and a literal only when it fits the number of epochs the enclosing loop runs: a cosine or polynomial horizon equal to it (`T_max=90` inside `for epoch in range(90)`), step decays whose milestones fall inside it (`StepLR(step_size=30)` over 90 epochs, unless `gamma` is 0.99 or more): `T_max=20000` could count either, so it is left alone. An exponential decay (`ExponentialLR`, `StepLR(step_size=1)`) in the batch loop of an epoch loop counts epochs when its gamma is a known number below 0.99: per batch, such a gamma leaves almost nothing of the learning rate after a few hundred batches (0.95 ** 100 ≈ 0.006). A command-line option counts as its `default=` in the file\'s argparse declarations (`parser.add_argument(\'--step_size\', type=int, default=30)`), unless the file declares it twice with different defaults or assigns `args.step_size` itself. A step under a gradient-accumulation guard that also steps the optimizer (`if (i + 1) % accum == 0:`) is still per batch, every `accum` batches. Schedules that count steps by construction (OneCycleLR, CyclicLR, transformers\' `get_*_schedule_with_warmup`, horizons built from `len(loader)`, `steps_per_epoch`, `num_training_steps`, `max_steps`), LambdaLR warmups, and steps under any other condition (`if i == len(loader) - 1:`) are silent.',
    suppress: '        scheduler.step()  # noqa: OL004',
  },
  concerns: {
    scheduler: ['StepLR', 'MultiStepLR', 'ConstantLR', 'LinearLR', 'ExponentialLR', 'PolynomialLR', 'CosineAnnealingLR', 'CosineAnnealingWarmRestarts', 'SequentialLR', 'ChainedScheduler'],
    method: ['scheduler.step'],
  },
  actions: { scheduleEffect: { intended: 'epoch', actual: 'batch' } },
  check(ctx, m) {
    const out: CheckFinding[] = [];
    for (const unit of ctx.model.units) {
      if (unit.kind !== 'loop' || unit.tainted || !unit.loop || !isBatchLoop(unit)) continue;
      const top = placedEvents(unit).filter((e) => e.depth === 0);
      if (!top.some((e) => e.event.kind === 'step')) continue;
      for (const k of top) {
        const e = k.event;
        if (e.kind !== 'sched' || e.hasArgs) continue;
        // Under `if (i + 1) % accum == 0:` beside the optimizer step: still once per (accumulated) batch.
        const every = unconditional(k.path) ? null : accumulationEvery(k, top);
        if (!unconditional(k.path) && every === null) continue;
        const agreed = agreedHorizon(ctx.model, e.scheds, 'epoch') ?? literalEpochHorizon(ctx.model, e.scheds, unit);
        const decay = agreed ? null : exponentialEpochDecay(ctx.model, e.scheds, unit);
        const sched = agreed?.sched ?? decay?.sched;
        if (!sched) continue;
        const setting = agreed ? agreed.horizon.arg : (decay?.gamma ?? null);
        const scheduler = e.sched.text;
        const horizonText = setting ? sched.site.chunk.text.slice(setting.s, setting.e) : '';
        const loop = unit.loop;
        const epochLoop = enclosingLoop(unit);
        const f = every === null && epochLoop?.loop?.epochNamed && e.act === unit.act
          ? moveAfterLoop(ctx, e.stmt, loop, m.fixes.moveSchedulerOutOfBatchLoop({ scheduler }))
          : null;
        out.push({
          ...abs(e.site),
          message: decay
            ? every === null
              ? m.variants.exponential({ scheduler, class: sched.cls, gamma: String(decay.value), after: fraction(decay.value ** 100) })
              : m.variants.exponentialAccumulated({ scheduler, class: sched.cls, gamma: String(decay.value), after: fraction(decay.value ** 100), every })
            : every === null
              ? m.main({ scheduler, class: sched.cls, horizon: horizonText })
              : m.variants.accumulated({ scheduler, class: sched.cls, horizon: horizonText, every }),
          related: [
            { ...headerOf({ chunk: loop.chunk, s: loop.stmt.s, e: loop.stmt.e }), message: m.related.loop() },
            ...(setting && agreed ? [{ ...abs({ chunk: sched.site.chunk, s: setting.s, e: setting.e }), message: message('horizon', { horizon: horizonText }) }] : []),
            // The gamma, or the whole construction when it is StepLR's default.
            ...(decay ? [{ ...abs(decay.gamma ? { chunk: sched.site.chunk, s: decay.gamma.s, e: decay.gamma.e } : sched.site), message: m.related.gamma({ gamma: String(decay.value) }) }] : []),
          ],
          fixes: f ? [f] : [],
        });
      }
    }
    for (const l of ctx.model.lightning) {
      const agreed = l.interval === 'step' ? agreedHorizon(ctx.model, l.scheds, 'epoch') : null;
      if (!agreed?.horizon.arg) continue;
      const { sched, horizon } = agreed;
      const setting = horizon.arg;
      if (!setting) continue;
      const horizonText = sched.site.chunk.text.slice(setting.s, setting.e);
      out.push({
        ...abs(l.site),
        message: m.variants.lightning({ scheduler: l.text, class: sched.cls, horizon: horizonText }),
        related: [{ ...abs({ chunk: sched.site.chunk, s: setting.s, e: setting.e }), message: message('horizon', { horizon: horizonText }) }],
        fixes: [],
      });
    }
    return out;
  },
});

/** `0.0059`, `2.6e-8`: what is left of the learning rate, readable at any scale. */
function fraction(x: number): string {
  return x >= 1e-3 ? String(Number(x.toPrecision(2))) : x.toExponential(1);
}
