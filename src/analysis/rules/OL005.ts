/**
 * OL005 batch-scheduler-stepped-per-epoch: a scheduler that counts optimizer steps (OneCycleLR,
 * CyclicLR, transformers' warmup schedules, a horizon from `len(loader)`/`num_training_steps`) is
 * stepped once per iteration of an epoch loop whose optimizer steps happen in an inner loop.
 */
import { moveAfter } from './fixes';
import { message } from './messages';
import { abs, headerOf, placedEvents, unconditional, type PlacedEvent, type RawFinding, type RuleContext } from './common';
import { agreedHorizon, isBatchLoop } from './cadence';
import type { Event } from '../model';
import type { SchedulerVal } from '../model';

/** The scheduler's optimizer argument as written (`optimizer`), for the message. */
function optimizerName(ctx: RuleContext, sched: SchedulerVal): string {
  const arg = sched.call.kw.find((k) => k.name === 'optimizer')?.value ?? sched.call.args[sched.cls === 'get_scheduler' ? 1 : 0];
  return arg ? sched.site.chunk.text.slice(arg.s, arg.e) : 'optimizer';
}

export function OL005(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
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
      if (e.kind !== 'sched' || k.depth !== 0 || e.hasArgs || !unconditional(k.path)) continue;
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
      const f = first && innerSteps.length === 1 && loops.size === 1 && first.loop && isBatchLoop(first.loop) && first.event.act === e.act
        ? moveAfter(ctx, e.stmt, first.event.stmt, message('fixMoveSchedulerIntoBatchLoop', { scheduler, optimizer }), false)
        : null;
      const loop = unit.loop;
      out.push({
        code: 'OL005',
        ...abs(e.site),
        message: message('OL005', { scheduler, class: sched.cls, horizon: horizonText, optimizer }),
        related: [
          { ...headerOf({ chunk: loop.chunk, s: loop.stmt.s, e: loop.stmt.e }), message: message('OL005_loop') },
          ...(first ? [{ ...abs(first.event.site), message: message('OL005_step') }] : []),
          { ...abs(horizon.arg ? { chunk: sched.site.chunk, s: horizon.arg.s, e: horizon.arg.e } : sched.site), message: message('horizon', { horizon: horizonText }) },
        ],
        fixes: f ? [f] : [],
      });
    }
  }
  return out;
}
