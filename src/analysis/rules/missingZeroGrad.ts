/**
 * OL001 missing-zero-grad: a loop iteration runs a backward pass and an optimizer step, and
 * nothing in the iteration (including the functions it calls and an LBFGS closure) can clear that
 * optimizer's gradients. Every step then applies the sum of all gradients so far.
 */
import { insertAfterStatement, insertAtLoopTop } from './fixes';
import { defineRule, type CheckFinding } from './define';
import { isOptimizer, type Event, type Receiver } from '../model';
import type { LoopInfo } from '../model';
import type { Site } from '../model';
import { abs, distinctOptimizers, exclusive, firstLoop, headerOf, placedEvents, sameOptimizer, unconditional, type PlacedEvent } from './common';

/** Models whose parameters each optimizer of the unit was built from (`Adam(netD.parameters())`). */
type ModelOwners = ReadonlyMap<string, ReadonlySet<string>>;

function modelOwners(events: readonly PlacedEvent[]): ModelOwners {
  const owners = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.event.kind !== 'step') continue;
    for (const v of e.event.opt.vals) {
      if (v.k !== 'optimizer') continue;
      for (const m of v.models) {
        const set = owners.get(m) ?? new Set<string>();
        set.add(v.key);
        owners.set(m, set);
      }
    }
  }
  return owners;
}

const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/**
 * `netD.zero_grad()` does not clear an optimizer built from `netG.parameters()`: the zeroed model
 * is the one another optimizer was built from, and none of this optimizer's models.
 */
function clearsOtherModel(target: Receiver, opt: Receiver, owners: ModelOwners): boolean {
  const text = target.text.replace(/\s+/g, '');
  const mine = opt.vals.flatMap((v) => (v.k === 'optimizer' ? v.models : []));
  if (mine.length === 0 || mine.some((m) => related(m, text))) return false;
  const keys = new Set(opt.vals.map((v) => (v.k === 'optimizer' ? v.key : '')));
  return [...(owners.get(text) ?? [])].some((k) => !keys.has(k));
}

/** Can `e` clear the gradients `opt` steps with? Unknown calls and other receivers count as yes. */
function clears(e: Event, opt: Receiver, owners: ModelOwners): boolean {
  switch (e.kind) {
    case 'clearAll':
      return true;
    case 'mayClear':
      return e.vals === null || !distinctOptimizers(e.vals, opt.vals);
    case 'zero':
      // `model.zero_grad()` on a module (not an optimizer) clears its parameters: only the models
      // the optimizers were built from can tell it clears another one's.
      if (e.target === null) return true;
      if (!isOptimizer(e.target)) return !clearsOtherModel(e.target, opt, owners);
      return !distinctOptimizers(e.target.vals, opt.vals) && !clearsOtherModel(e.target, opt, owners);
    default:
      return false;
  }
}

/**
 * Every clearing of the iteration sits on another arm of an `if` than the step (`if amp:
 * zero_grad … else: backward, step`): the step's own path never clears. Unless the clearing arm
 * clears without stepping and its condition changes between iterations: that is accumulation
 * spread over iterations (clear on one, step on another), on purpose.
 */
function clearedOnOtherArmOnly(step: PlacedEvent, clearing: readonly PlacedEvent[], events: readonly PlacedEvent[]): boolean {
  if (step.event.kind !== 'step') return false;
  const opt = step.event.opt;
  return clearing.every((c) => {
    const arm = c.path.find((p) => p.kind === 'branch' && step.path.some((q) => q.kind === 'branch' && q.owner === p.owner && q.index !== p.index));
    if (!arm || arm.kind !== 'branch') return false;
    if (!arm.dynamic) return true;
    return events.some((s) => s.event.kind === 'step' && sameOptimizer(s.event.opt, opt) && s.path.includes(arm));
  });
}

function within(site: Site, loop: LoopInfo): boolean {
  return site.chunk === loop.chunk && site.s >= loop.stmt.s && site.e <= loop.stmt.e;
}

export const missingZeroGrad = defineRule({
  code: 'OL001',
  name: 'missing-zero-grad',
  severity: 'error',
  messages: {
    main: 'Gradients of {optimizer} are never cleared in this loop: every backward pass adds to the gradients of earlier iterations, so {optimizer}.step() applies their running sum. Call {optimizer}.zero_grad() once per iteration, before the backward pass.',
    variants: {
      branch: 'Gradients of {optimizer} are cleared on another branch of this iteration but never on the path that reaches this {optimizer}.step(): when this branch runs, every backward pass adds to the gradients of earlier iterations and the step applies their running sum. Call {optimizer}.zero_grad() on this branch too, or once before the if.',
    },
    summary: 'Backward and optimizer step repeat in a loop, but gradients are never cleared',
    related: {
      backward: 'Backward pass whose gradients pile up across iterations',
      loop: 'Loop that repeats backward and step without clearing gradients',
    },
    fixes: {
      insertZeroGrad: 'Insert {optimizer}.zero_grad() at the top of the loop',
      insertZeroGradAfterStep: 'Insert {optimizer}.zero_grad() after {optimizer}.step()',
    },
  },
  doc: {
    setting: 'gradients are never cleared in a training loop.',
    what: "A loop runs a backward pass and an optimizer step on every iteration, but nothing in the loop clears that optimizer's gradients.",
    why: '`loss.backward()` *adds* to `param.grad`; it never overwrites it. Without a `zero_grad()` each step applies the sum of every gradient computed so far, so the effective learning rate grows with the iteration count and training diverges or stalls. Nothing raises an error: the loss curve just looks wrong.',
    wrong: `
import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(10):
    for inputs, targets in train_loader:
        loss = criterion(model(inputs), targets)
        loss.backward()
        optimizer.step()
`,
    right: `
import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(10):
    for inputs, targets in train_loader:
        optimizer.zero_grad()
        loss = criterion(model(inputs), targets)
        loss.backward()
        optimizer.step()
`,
    fix: "The quick fix inserts `<optimizer>.zero_grad()` at the top of the loop body, using the optimizer's own name (`self.optimizer`, `opt_g`, …). When the step is conditional (gradient accumulation), it inserts the call right after the step instead, so accumulation keeps working.",
    silent: "Gradients count as cleared by `opt.zero_grad()`, `model.zero_grad()`, `p.grad = None` / `p.grad.zero_()` loops, an LBFGS closure that clears, a function the loop calls (of the same file, or of another file of the project), and by calls the analyser cannot see into that receive the optimizer. Engines that manage gradients themselves (DeepSpeed's `engine.backward(); engine.step()`, `torch.distributed` RPC optimizers) and optimizers re-created every iteration are left alone.",
    suppress: '        optimizer.step()  # noqa: OL001',
  },
  concerns: { optimizer: ['SGD'], method: ['zero_grad', 'backward', 'optimizer.step'] },
  check(ctx, m) {
    const out: CheckFinding[] = [];
    for (const unit of ctx.model.units) {
      if (unit.kind !== 'loop' || unit.tainted || !unit.loop) continue;
      const events = placedEvents(unit);
      const backwards = events.filter((e) => e.event.kind === 'backward');
      if (backwards.length === 0) continue;
      const owners = modelOwners(events);
      // Only these kinds can clear (see clears): looked for once per loop, not once per step.
      const clearers = events.filter((e) => e.event.kind === 'clearAll' || e.event.kind === 'mayClear' || e.event.kind === 'zero');
      for (const step of events) {
        if (step.event.kind !== 'step') continue;
        const opt = step.event.opt;
        // An optimizer (re)created every iteration usually comes with fresh parameters.
        const rootName = /^[A-Za-z_]\w*/.exec(opt.text)?.[0] ?? '';
        const loopInfo = unit.loop;
        if (loopInfo.defined.has(rootName) || opt.vals.some((v) => v.k === 'optimizer' && within(v.site, loopInfo))) continue;
        // `optimizer.backward(loss)`: a framework optimizer that manages its own gradients.
        if (backwards.some((b) => b.event.kind === 'backward' && b.event.recv && sameOptimizer(b.event.recv, opt))) continue;
        // Both inside the same nested loop: that loop's own unit decides.
        const inner = firstLoop(step.path);
        const clearing = clearers.filter((e) => clears(e.event, opt, owners));
        const otherArm = clearing.length > 0;
        if (clearing.some((c) => !exclusive(c.path, step.path)) || (otherArm && !clearedOnOtherArmOnly(step, clearing, events))) continue;
        // On a branch, the backward pass that piles up must be able to run with the step.
        const backward = backwards.find((b) => (inner === null || firstLoop(b.path) !== inner) && !(otherArm && exclusive(b.path, step.path)));
        if (!backward) continue;

        const loop = unit.loop;
        const zero = `${opt.text}.zero_grad()`;
        const fixes = [];
        if (step.event.act === unit.act && step.event.stmt.chunk === loop.chunk) {
          const atTop = step.depth === 0 && unconditional(step.path);
          const f = atTop
            ? insertAtLoopTop(ctx, loop, zero, m.fixes.insertZeroGrad({ optimizer: opt.text }))
            : insertAfterStatement(ctx, step.event.stmt, zero, m.fixes.insertZeroGradAfterStep({ optimizer: opt.text }));
          if (f) fixes.push(f);
        }
        out.push({
          ...abs(step.event.site),
          message: otherArm ? m.variants.branch({ optimizer: opt.text }) : m.main({ optimizer: opt.text }),
          related: [
            { ...abs(backward.event.site), message: m.related.backward() },
            { ...headerOf({ chunk: loop.chunk, s: loop.stmt.s, e: loop.stmt.e }), message: m.related.loop() },
          ],
          fixes,
        });
      }
    }
    return out;
  },
});
