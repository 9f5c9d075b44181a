/**
 * OL002 zero-grad-between-backward-and-step: in one iteration (or one call of a function), a
 * backward pass is followed by clearing the same optimizer's gradients and then its step, with no
 * backward in between: the step sees zeros. Only fires when the clearing surely runs before the
 * step (same or enclosing block) and surely targets that optimizer (the optimizer itself, or the
 * model whose parameters it was built from).
 */
import { moveBefore } from './fixes';
import { defineRule, type CheckFinding } from './define';
import type { Receiver } from '../model';
import { abs, exclusive, isPrefix, placedEvents, sameOptimizer, siteText, type PlacedEvent } from './common';

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
    summary: 'zero_grad() between backward() and step(): the step sees zeroed gradients',
    related: {
      backward: 'Backward pass whose gradients are cleared before the step',
      step: 'Step that runs on cleared gradients',
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
    silent: 'Clearing right after the step, or before the next backward pass in the same iteration, is correct and silent. So is clearing another optimizer (GANs), clearing inside a branch that may not run (skipping a bad batch), or clearing a model the optimizer was not built from.',
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
        const f = moveBefore(ctx, zero.event.stmt, backward.event.stmt, m.fixes.moveZeroGrad({ call }));
        out.push({
          ...abs(zero.event.site),
          message: m.main({ call, optimizer: opt.text }),
          related: [
            { ...abs(backward.event.site), message: m.related.backward() },
            { ...abs(step.event.site), message: m.related.step() },
          ],
          fixes: f ? [f] : [],
        });
      }
    }
    return out;
  },
});
