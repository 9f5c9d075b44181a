/**
 * Shared by the two step-cadence rules (an epoch schedule stepped per batch, a batch schedule
 * stepped per epoch): which loops run once per batch or once per epoch, and what a scheduler's
 * horizon counts.
 */
import type { Expr } from '../syntax/ir';
import type { PlacedEvent } from './common';
import type { Unit } from '../model';
import type { Count, Horizon } from '../model';
import { argument, armCondition, moduloGuard, rangeCall } from '../model';
import type { Model } from '../model';
import type { Activation, SchedulerVal } from '../model';
import type { Chunk } from '../syntax/source';

/** The nearest loop around `unit` in the flattening (through calls). */
export function enclosingLoop(unit: Unit): Unit | null {
  for (let u = unit.parent; u; u = u.parent) if (u.kind === 'loop') return u;
  return null;
}

/** A loop over batches: it iterates a loader, or sits directly inside an epoch loop. */
export function isBatchLoop(unit: Unit): boolean {
  const loop = unit.loop;
  if (!loop || loop.epochNamed) return false;
  if (loop.loaderLike) return true;
  return enclosingLoop(unit)?.loop?.epochNamed === true;
}

/** The horizon all of a step's schedulers agree on, or null when they do not. */
export function agreedHorizon(model: Model, scheds: readonly SchedulerVal[], count: Count): { sched: SchedulerVal; horizon: Horizon } | null {
  let first: { sched: SchedulerVal; horizon: Horizon } | null = null;
  for (const sched of scheds) {
    const horizon = model.horizons.of(sched);
    if (horizon.count !== count) return null;
    first ??= { sched, horizon };
  }
  return first;
}

/** Horizons that, set to the number of epochs, make a schedule span the run once. */
const SPANS_RUN: ReadonlySet<string> = new Set(['CosineAnnealingLR', 'PolynomialLR']);

function numberOf(model: Model, x: Expr, chunk: Chunk, act: Activation): number | null {
  const vals = model.ev.expr(x, chunk, act);
  const v = vals[0];
  return vals.length === 1 && v?.k === 'num' ? v.v : null;
}

/** How many iterations `for epoch in range(a, b)` runs, when the bounds are known numbers. */
export function iterations(model: Model, unit: Unit): number | null {
  const stmt = unit.loop?.stmt;
  if (stmt?.k !== 'for' || !unit.loop) return null;
  const range = rangeCall(stmt.iter);
  if (!range || range.args.length === 0 || range.args.length > 2 || range.args.some((a) => a.k === 'star')) return null;
  const [first, second] = range.args;
  const chunk = unit.loop.chunk;
  const from = second ? numberOf(model, first as Expr, chunk, unit.act) : 0;
  const to = numberOf(model, (second ?? first) as Expr, chunk, unit.act);
  return from === null || to === null ? null : to - from;
}

/**
 * A literal horizon equal to the number of epochs the enclosing epoch loop runs
 * (`CosineAnnealingLR(T_max=90)` inside `for epoch in range(90)`) counts epochs too.
 */
export function literalEpochHorizon(model: Model, scheds: readonly SchedulerVal[], batchLoop: Unit): { sched: SchedulerVal; horizon: Horizon } | null {
  const epochLoop = enclosingLoop(batchLoop);
  if (!epochLoop?.loop?.epochNamed) return null;
  const epochs = iterations(model, epochLoop);
  if (epochs === null || epochs <= 0) return null;
  let first: { sched: SchedulerVal; horizon: Horizon } | null = null;
  for (const sched of scheds) {
    const horizon = model.horizons.of(sched);
    if (horizon.count !== 'literal' || !horizon.arg) return null;
    if (SPANS_RUN.has(sched.cls)) {
      if (numberOf(model, horizon.arg, sched.site.chunk, sched.act) !== epochs) return null;
    } else if (DECAYS_IN_RUN.has(sched.cls)) {
      if (!decaysWithinEpochs(model, sched, horizon.arg, epochs)) return null;
    } else return null;
    first ??= { sched, horizon: { count: 'epoch', arg: horizon.arg } };
  }
  return first;
}

/**
 * An exponential decay meant per epoch (`ExponentialLR(gamma=0.95)`, `StepLR(step_size=1,
 * gamma=0.85)`) stepped in the batch loop of an epoch loop: a gamma below 0.99 per batch leaves
 * almost nothing of the learning rate after a few hundred batches, so the decay counts epochs.
 * A gamma of 0.99 or more decays per batch on purpose; an unknown gamma is left alone.
 */
export function exponentialEpochDecay(model: Model, scheds: readonly SchedulerVal[], batchLoop: Unit): { sched: SchedulerVal; gamma: Expr | null; value: number } | null {
  if (!enclosingLoop(batchLoop)?.loop?.epochNamed) return null;
  let first: { sched: SchedulerVal; gamma: Expr | null; value: number } | null = null;
  for (const sched of scheds) {
    const chunk = sched.site.chunk;
    let gamma: Expr | null;
    if (sched.cls === 'ExponentialLR') gamma = argument(sched.call, 'gamma', 1);
    else if (sched.cls === 'StepLR') {
      const size = argument(sched.call, 'step_size', 1);
      if (!size || numberOf(model, size, chunk, sched.act) !== 1) return null;
      gamma = argument(sched.call, 'gamma', 2);
    } else return null;
    // StepLR's gamma defaults to 0.1; ExponentialLR has no default.
    const value = gamma ? numberOf(model, gamma, chunk, sched.act) : sched.cls === 'StepLR' ? 0.1 : null;
    if (value === null || !(value > 0 && value < 0.99)) return null;
    first ??= { sched, gamma, value };
  }
  return first;
}

/** Step decays whose literal milestones, read as epochs, fall inside the run (`StepLR(step_size=30)` over 90 epochs). */
const DECAYS_IN_RUN: ReadonlySet<string> = new Set(['StepLR', 'MultiStepLR']);

/**
 * Every milestone (or the step size) lies strictly inside the run's epochs and is more than one:
 * a per-batch decay would count in hundreds or thousands of batches. A gamma of 0.99 or more
 * decays per batch on purpose.
 */
function decaysWithinEpochs(model: Model, sched: SchedulerVal, arg: Expr, epochs: number): boolean {
  const chunk = sched.site.chunk;
  const marks = arg.k === 'seq' ? arg.items.map((x) => numberOf(model, x, chunk, sched.act)) : [numberOf(model, arg, chunk, sched.act)];
  if (marks.length === 0 || marks.some((m) => m === null || m <= 1 || m >= epochs)) return false;
  const gamma = argument(sched.call, 'gamma', 2);
  const g = gamma ? numberOf(model, gamma, chunk, sched.act) : 0.1;
  return g !== null && g < 0.99;
}

/**
 * The `k` of a gradient-accumulation guard (`if (i + 1) % k == 0:`, `if step % k == 0:`) that
 * every condition around `event` is, when each guarded arm also steps an optimizer; else null.
 */
export function accumulationEvery(event: PlacedEvent, top: readonly PlacedEvent[]): string | null {
  let every: string | null = null;
  for (const p of event.path) {
    if (p.kind === 'guard') return null;
    if (p.kind !== 'branch' || !p.dynamic) continue;
    const k = moduloGuard(p);
    if (!k || !top.some((s) => s.event.kind === 'step' && s.path.includes(p))) return null;
    every = (p.chunk ?? event.event.site.chunk).text.slice(k.s, k.e);
  }
  return every;
}

/**
 * Every condition around `event` only delays it to later epochs (`if epoch >= warmup_epochs:`):
 * from then on it still runs once per iteration of `epochLoop`.
 */
export function onlyFromEpochOn(event: PlacedEvent, epochLoop: Unit): boolean {
  const defined = epochLoop.loop?.defined;
  if (!defined) return false;
  return event.path.every((p) => {
    if (p.kind === 'guard') return !p.dynamic;
    if (p.kind !== 'branch' || !p.dynamic) return p.kind === 'branch';
    const test = p.index === 0 ? armCondition(p) : null;
    if (test?.k !== 'cmp' || test.ops.length !== 1) return false;
    const [a, b] = test.xs;
    const op = test.ops[0];
    const counter = (x: Expr | undefined) => x?.k === 'name' && defined.has(x.id);
    return ((op === '>=' || op === '>') && counter(a)) || ((op === '<=' || op === '<') && counter(b));
  });
}
