/**
 * OL002 zero-grad-between-backward-and-step: in one iteration (or one call of a function), a
 * backward pass is followed by clearing the same optimizer's gradients and then its step, with no
 * backward in between: the step sees zeros. Only fires when the clearing surely runs before the
 * step (same or enclosing block) and surely targets that optimizer (the optimizer itself, or the
 * model whose parameters it was built from).
 */
import { moveBefore } from './fixes';
import { message } from './messages';
import type { Receiver } from '../model';
import { abs, exclusive, isPrefix, placedEvents, sameOptimizer, siteText, type PlacedEvent, type RawFinding, type RuleContext } from './common';

function clearsThisOptimizer(target: Receiver | null, opt: Receiver): boolean {
  if (!target) return false;
  if (sameOptimizer(target, opt)) return true;
  // model.zero_grad() where the optimizer was built from model.parameters()
  const models = opt.vals.flatMap((v) => (v.k === 'optimizer' ? v.models : []));
  return models.length > 0 && models.includes(target.text.replace(/\s+/g, ''));
}

export function OL002(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const unit of ctx.model.units) {
    if (unit.tainted) continue;
    const events = placedEvents(unit);
    const top = events.filter((e) => e.depth === 0);
    for (const zero of top) {
      if (zero.event.kind !== 'zero') continue;
      const target = zero.event.target;
      const step = top.find(
        (s): s is PlacedEvent & { event: { kind: 'step'; opt: Receiver } } =>
          s.order > zero.order && s.event.kind === 'step' && clearsThisOptimizer(target, s.event.opt),
      );
      if (!step || !isPrefix(zero.path, step.path)) continue;
      const opt = step.event.opt;
      const between = (e: PlacedEvent, from: number, to: number) => e.order > from && e.order < to;
      if (events.some((e) => e.event.kind === 'backward' && between(e, zero.order, step.order))) continue;
      const backward = [...top].reverse().find(
        (b) => b.event.kind === 'backward' && b.order < zero.order && !exclusive(b.path, zero.path) &&
          !events.some((s) => s.event.kind === 'step' && between(s, b.order, zero.order) && sameOptimizer(s.event.opt, opt)),
      );
      if (!backward) continue;
      const call = siteText(zero.event.site);
      const f = moveBefore(ctx, zero.event.stmt, backward.event.stmt, message('fixMoveZeroGrad', { call }));
      out.push({
        code: 'OL002',
        ...abs(zero.event.site),
        message: message('OL002', { call, optimizer: opt.text }),
        related: [
          { ...abs(backward.event.site), message: message('OL002_backward') },
          { ...abs(step.event.site), message: message('OL002_step') },
        ],
        fixes: f ? [f] : [],
      });
    }
  }
  return out;
}
