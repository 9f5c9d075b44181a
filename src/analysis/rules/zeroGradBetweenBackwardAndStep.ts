/**
 * OL002 zero-grad-between-backward-and-step: in one iteration (or one call of a function), a
 * backward pass is followed by clearing the same optimizer's gradients and then its step, with no
 * backward in between: the step sees zeros. Only fires when the clearing surely runs before the
 * step (same or enclosing block) and surely targets that optimizer (the optimizer itself, or the
 * model whose parameters it was built from).
 *
 * Under gradient accumulation the same happens across iterations: a clearing that runs every batch
 * while the step waits for `if (i + 1) % k == 0:` wipes the k − 1 earlier backward passes before
 * the step, which then uses the last batch alone.
 */
import { moveBefore } from './fixes';
import { defineRule, type CheckFinding } from './define';
import { moduloGuard, type Receiver } from '../model';
import { abs, exclusive, isPrefix, placedEvents, sameOptimizer, siteText, unconditional, type PlacedEvent } from './common';
import { accumulationEvery } from './cadence';

function clearsThisOptimizer(target: Receiver | null, opt: Receiver): boolean {
  if (!target) return false;
  if (sameOptimizer(target, opt)) return true;
  // model.zero_grad() where the optimizer was built from model.parameters()
  const models = opt.vals.flatMap((v) => (v.k === 'optimizer' ? v.models : []));
  return models.length > 0 && models.includes(target.text.replace(/\s+/g, ''));
}

export const zeroGradBetweenBackwardAndStep = defineRule({
  code: 'OL002',
  name: 'zero-grad-between-backward-and-step',
  severity: 'error',
  messages: {
    main: '{call} clears the gradients of the backward pass before {optimizer}.step() uses them: the step sees zero gradients and the weights do not learn from this batch. Clear gradients before the backward pass or after the step.',
    variants: {
      accumulation: '{call} runs on every batch but {optimizer}.step() only every {every} batches: each clearing discards the gradients accumulated since the last step, so every step uses the last batch alone and the other backward passes are wasted. Clear the gradients right after the step, under the same condition.',
    },
    summary: 'zero_grad() between backward() and step(): the step sees zeroed gradients',
    related: {
      backward: 'Backward pass whose gradients are cleared before the step',
      step: 'Step that runs on cleared gradients',
      accumulatedStep: 'Step that runs every {every} batches',
    },
    fixes: {
      moveZeroGrad: 'Move {call} before the backward pass',
    },
  },
  doc: {
    setting: 'the optimizer step sees zeroed gradients.',
    what: "The gradients of an optimizer are cleared after the backward pass and before that optimizer's step, with no backward pass in between.",
    why: '`zero_grad()` wipes what `backward()` just computed, so `step()` sees zero (or `None`) gradients. Plain SGD then does nothing; momentum and Adam keep moving on stale statistics. The model trains as if the data were not there, silently.',
    wrong: `
import torch

optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for inputs, targets in train_loader:
    loss = criterion(model(inputs), targets)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
`,
    right: `
import torch

optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for inputs, targets in train_loader:
    optimizer.zero_grad()
    loss = criterion(model(inputs), targets)
    loss.backward()
    optimizer.step()
`,
    fix: 'The quick fix moves the `zero_grad()` call to just before the backward pass (when both are statements of the same block).',
    silent: 'Under gradient accumulation, clearing under the same condition as the step (`if (i + 1) % k == 0:`) is correct and silent; clearing on every batch while the step waits for that condition is reported. Clearing right after the step, or before the next backward pass in the same iteration, is correct and silent. So is clearing another optimizer (GANs), clearing inside a branch that may not run (skipping a bad batch), or clearing a model the optimizer was not built from.',
    suppress: '    optimizer.zero_grad()  # noqa: OL002',
  },
  concerns: { optimizer: ['SGD'], method: ['zero_grad', 'backward', 'optimizer.step'] },
  check(ctx, m) {
    const out: CheckFinding[] = [];
    for (const unit of ctx.model.units) {
      if (unit.tainted) continue;
      const events = placedEvents(unit);
      const top = events.filter((e) => e.depth === 0);
      for (const zero of top) {
        if (zero.event.kind !== 'zero') continue;
        const found = clearedBeforeStep(zero, events, top);
        if (found) {
          const call = siteText(zero.event.site);
          const f = moveBefore(ctx, zero.event.stmt, found.backward.event.stmt, m.fixes.moveZeroGrad({ call }));
          out.push({
            ...abs(zero.event.site),
            message: m.main({ call, optimizer: found.step.event.opt.text }),
            related: [
              { ...abs(found.backward.event.site), message: m.related.backward() },
              { ...abs(found.step.event.site), message: m.related.step() },
            ],
            fixes: f ? [f] : [],
          });
          continue;
        }
        const accumulated = unit.kind === 'loop' ? wipedAccumulation(zero, top) : null;
        if (!accumulated) continue;
        const call = siteText(zero.event.site);
        out.push({
          ...abs(zero.event.site),
          message: m.variants.accumulation({ call, optimizer: accumulated.step.event.opt.text, every: accumulated.every }),
          related: [
            { ...abs(accumulated.backward.event.site), message: m.related.backward() },
            { ...abs(accumulated.step.event.site), message: m.related.accumulatedStep({ every: accumulated.every }) },
          ],
          fixes: [],
        });
      }
    }
    return out;
  },
});

type StepEvent = PlacedEvent & { event: { kind: 'step'; opt: Receiver } };

/**
 * In one iteration of a loop, `zero` clears an optimizer on every pass (no condition that changes
 * between iterations), a backward pass runs on every pass too, and every step of that optimizer
 * waits for a gradient-accumulation guard: the step only ever sees the last batch's gradients.
 */
function wipedAccumulation(zero: PlacedEvent, top: readonly PlacedEvent[]): { step: StepEvent; backward: PlacedEvent; every: string } | null {
  if (zero.event.kind !== 'zero' || !unconditional(zero.path)) return null;
  const target = zero.event.target;
  const steps = top.filter((s): s is StepEvent => s.event.kind === 'step' && clearsThisOptimizer(target, s.event.opt));
  const step = steps[0];
  if (!step || steps.some((s) => unconditional(s.path))) return null;
  const everies = steps.map((s) => accumulationEvery(s, top));
  const every = everies[0];
  if (every === undefined || every === null || everies.includes(null)) return null;
  // A backward pass under the step's own condition is another schedule, not accumulation: a
  // WGAN generator trained every n_critic batches clears, backwards and steps on its turn only.
  const guards = step.path.filter((p) => p.kind !== 'loop' && moduloGuard(p) !== null);
  if (top.some((b) => b.event.kind === 'backward' && guards.some((g) => b.path.includes(g)))) return null;
  const backward = top.find((b) => b.event.kind === 'backward' && unconditional(b.path));
  return backward ? { step, backward, every } : null;
}

/** A step of the optimizer `zero` clears that follows it in the iteration with no backward pass in between, and the backward pass before. */
function clearedBeforeStep(zero: PlacedEvent, events: readonly PlacedEvent[], top: readonly PlacedEvent[]): { step: StepEvent; backward: PlacedEvent } | null {
  if (zero.event.kind !== 'zero') return null;
  const target = zero.event.target;
  const step = top.find((s): s is StepEvent => s.order > zero.order && s.event.kind === 'step' && clearsThisOptimizer(target, s.event.opt));
  if (!step || !isPrefix(zero.path, step.path)) return null;
  const opt = step.event.opt;
  const between = (e: PlacedEvent, from: number, to: number) => e.order > from && e.order < to;
  if (events.some((e) => e.event.kind === 'backward' && between(e, zero.order, step.order))) return null;
  const backward = [...top].reverse().find(
    (b) => b.event.kind === 'backward' && b.order < zero.order && !exclusive(b.path, zero.path) &&
      !events.some((s) => s.event.kind === 'step' && between(s, b.order, zero.order) && sameOptimizer(s.event.opt, opt)),
  );
  return backward ? { step, backward } : null;
}
