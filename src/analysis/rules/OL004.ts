/**
 * OL004 epoch-scheduler-stepped-per-batch: a scheduler whose horizon is a number of epochs
 * (`CosineAnnealingLR(T_max=num_epochs)`) is stepped unconditionally in a batch loop that also
 * steps the optimizer, also every k batches under a gradient-accumulation guard that steps the
 * optimizer too. The schedule then runs `len(loader)` (or `len(loader) / k`) times too fast.
 */
import { moveAfterLoop } from './fixes';
import { message } from './messages';
import { abs, headerOf, placedEvents, unconditional, type RawFinding, type RuleContext } from './common';
import { accumulationEvery, agreedHorizon, enclosingLoop, isBatchLoop, literalEpochHorizon } from './cadence';

export function OL004(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
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
      if (!agreed) continue;
      const { sched, horizon } = agreed;
      const scheduler = e.sched.text;
      const horizonText = horizon.arg ? sched.site.chunk.text.slice(horizon.arg.s, horizon.arg.e) : '';
      const loop = unit.loop;
      const epochLoop = enclosingLoop(unit);
      const f = every === null && epochLoop?.loop?.epochNamed && e.act === unit.act
        ? moveAfterLoop(ctx, e.stmt, loop, message('fixMoveSchedulerOutOfBatchLoop', { scheduler }))
        : null;
      out.push({
        code: 'OL004',
        ...abs(e.site),
        message: every === null
          ? message('OL004', { scheduler, class: sched.cls, horizon: horizonText })
          : message('OL004_accumulated', { scheduler, class: sched.cls, horizon: horizonText, every }),
        related: [
          { ...headerOf({ chunk: loop.chunk, s: loop.stmt.s, e: loop.stmt.e }), message: message('OL004_loop') },
          ...(horizon.arg ? [{ ...abs({ chunk: sched.site.chunk, s: horizon.arg.s, e: horizon.arg.e }), message: message('horizon', { horizon: horizonText }) }] : []),
        ],
        fixes: f ? [f] : [],
      });
    }
  }
  return out;
}
