/**
 * OL007 plateau-step-without-metric: `step()` with no argument on something that can only be a
 * ReduceLROnPlateau. Its `step(metrics)` has no default, so this raises TypeError at run time.
 * Silent when the name may hold another scheduler, or the call sits under a type test.
 */
import { message } from './messages';
import { abs, placedEvents, type RawFinding, type RuleContext } from './common';

export function OL007(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const unit of ctx.model.units) {
    if (unit.tainted) continue;
    for (const k of placedEvents(unit)) {
      const e = k.event;
      if (e.kind !== 'sched' || e.hasArgs) continue;
      const vals = e.sched.vals.filter((v) => v.k !== 'none');
      if (!vals.every((v) => v.k === 'scheduler' && v.cls === 'ReduceLROnPlateau')) continue;
      if (k.path.some((p) => p.kind === 'branch' && p.typeTest)) continue;
      const ctor = e.scheds[0];
      out.push({
        code: 'OL007',
        ...abs(e.site),
        message: message('OL007', { scheduler: e.sched.text }),
        related: ctor ? [{ ...abs(ctor.site), message: message('OL007_ctor') }] : [],
        fixes: [],
      });
    }
  }
  return out;
}
