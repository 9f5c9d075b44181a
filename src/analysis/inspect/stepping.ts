/**
 * How the code steps a scheduler and for how long, read from the loops around its `step()` calls
 * (through the functions the model follows): the cadence the panels plot it at, and the number of
 * epochs when the epoch loop is a `range(...)` of known bounds.
 */
import type { CallExpr } from '../syntax/ir';
import type { Model, Unit } from '../model';
import type { Event } from '../model';
import { enclosingLoop, isBatchLoop, iterations } from '../rules/cadence';
import type { Chunk } from '../syntax/source';
import type { SchedulerStepping } from '../symbols';
import { moduloGuard, siteKey } from '../model';

type Where = 'batch' | 'epoch' | 'none';
/** Where a call runs, `accumulated` for a batch loop's call under `if (i + 1) % k == 0:`. */
export type CallPlace = Where | 'accumulated';

/** Every event of the flattened model with the unit it runs in once per iteration. */
function* events(model: Model): Generator<{ event: Event; unit: Unit }> {
  for (const unit of model.units) for (const item of unit.items) if (item.kind !== 'loop') yield { event: item, unit };
}

/** Once per batch, once per epoch, or outside any training loop. */
export function loopKind(unit: Unit): Where {
  if (unit.kind !== 'loop' || !unit.loop) return 'none';
  if (isBatchLoop(unit)) return 'batch';
  if (unit.loop.epochNamed) return 'epoch';
  // `for step in range(max_steps)` around the optimizer's step: every iteration is a batch.
  if (unit.items.some((i) => i.kind === 'step')) return 'batch';
  if (unit.items.some((i) => i.kind === 'loop' && i.unit.items.some((j) => j.kind === 'step'))) return 'epoch';
  return 'none';
}

export function steppingOf(model: Model, chunk: Chunk, call: CallExpr): SchedulerStepping {
  const key = siteKey(chunk, call);
  const where = new Set<Where>();
  let epochs: number | undefined;
  let stepsPerEpoch: number | undefined;
  for (const { event, unit } of events(model)) {
    if (event.kind !== 'sched' || !event.scheds.some((s) => s.key === key)) continue;
    const kind = loopKind(unit);
    where.add(kind);
    const epochLoop = kind === 'epoch' ? unit : kind === 'batch' ? enclosingLoop(unit) : null;
    const n = epochLoop && loopKind(epochLoop) === 'epoch' ? iterations(model, epochLoop) : null;
    if (n !== null && n > 0) epochs = n;
    if (kind === 'batch') {
      const perEpoch = iterations(model, unit);
      if (perEpoch !== null && perEpoch > 0) stepsPerEpoch = perEpoch;
    }
  }
  where.delete('none');
  const cadence = where.size === 1 ? [...where][0]! : 'unknown';
  return { cadence: cadence === 'none' ? 'unknown' : cadence, ...(epochs !== undefined ? { epochs } : {}), ...(stepsPerEpoch !== undefined ? { stepsPerEpoch } : {}) };
}

/** Where the call at `site` runs: the loop of the unit holding its event. */
export function whereCalled(model: Model, chunk: Chunk, call: CallExpr): CallPlace {
  for (const { event, unit } of events(model)) {
    if (event.site.chunk !== chunk || event.site.s !== call.s) continue;
    const kind = loopKind(unit);
    return kind === 'batch' && underModuloGuard(event) ? 'accumulated' : kind;
  }
  return 'none';
}

/** Under `if (i + 1) % k == 0:` (a gradient-accumulation guard) in its iteration. */
function underModuloGuard(event: Event): boolean {
  return event.path.some((p) => moduloGuard(p) !== null);
}
