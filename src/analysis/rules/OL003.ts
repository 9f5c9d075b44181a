/**
 * OL003 scheduler-before-optimizer: in one iteration, `scheduler.step()` runs before the first
 * `optimizer.step()` of the optimizer it schedules. PyTorch then skips the schedule's first value
 * and warns. `step(epoch)` at the top of the epoch loop is the same mistake: each milestone lands
 * one epoch early. Schedulers known by role count (a `scheduler` parameter). Silent for
 * ReduceLROnPlateau, conditional calls
 * (`if epoch > 0: scheduler.step()`) and when the optimizer already stepped in the iteration.
 */
import { moveAfter } from './fixes';
import { message } from './messages';
import { abs, exclusive, placedEvents, schedulerMatches, unconditional, type RawFinding, type RuleContext } from './common';

export function OL003(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const unit of ctx.model.units) {
    if (unit.tainted || (unit.kind === 'body' && unit.act.fn === null)) continue;
    const events = placedEvents(unit);
    for (const k of events) {
      const e = k.event;
      if (e.kind !== 'sched' || k.depth !== 0 || !unconditional(k.path)) continue;
      // `step(epoch)` (deprecated) on a torch scheduler still moves the schedule before the
      // optimizer steps, one epoch early; a library's `step(epoch)` (timm) is its own API.
      const byEpoch = e.epochArg !== null && !e.byRole;
      if (e.hasArgs && !byEpoch) continue;
      if (e.scheds.length > 0 && e.scheds.every((s) => s.cls === 'ReduceLROnPlateau')) continue;
      const steps = events.filter((s) => s.event.kind === 'step' && (e.byRole || schedulerMatches(ctx.model, e.scheds, s.event.opt)));
      if (steps.some((s) => s.order < k.order)) continue;
      // A plain function body (not a loop) runs once: only its own straight-line steps count.
      const step = steps.find((s) => s.order > k.order && !exclusive(k.path, s.path) && (unit.kind === 'loop' || s.depth === 0));
      if (!step || step.event.kind !== 'step') continue;
      const scheduler = e.sched.text;
      const optimizer = step.event.opt.text;
      const f = byEpoch ? null : moveAfter(ctx, e.stmt, step.event.stmt, message('fixMoveSchedulerAfterStep', { scheduler, optimizer }), true);
      out.push({
        code: 'OL003',
        ...abs(e.site),
        message: byEpoch ? message('OL003_epoch', { scheduler, optimizer, epoch: e.epochArg ?? '' }) : message('OL003', { scheduler, optimizer }),
        related: [
          { ...abs(step.event.site), message: message('OL003_step') },
          ...e.scheds.slice(0, 1).map((sched) => ({ ...abs(sched.site), message: message('schedulerCreated') })),
        ],
        fixes: f ? [f] : [],
      });
    }
  }
  return out;
}
