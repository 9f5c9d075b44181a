/**
 * OL006 scheduler-never-stepped: a scheduler is bound to a name and the file never calls `.step`
 * on anything with that name, nor uses the name in any other way (passing it on, returning it,
 * storing it, testing it), any of which could step it elsewhere. Deliberately textual and
 * over-cautious: every occurrence of the name anywhere in the file is looked at.
 */
import type { Event, LoopInfo, SchedulerVal } from '../model';
import { mentionsTrainingVocabulary } from '../syntax/source';
import { defineRule, type CheckFinding } from './define';
import { abs, distinctOptimizers, placedEvents, schedulerOptimizers, type RuleContext } from './common';

type Use = 'neutral' | 'stepped' | 'other';

function classify(text: string, at: number, name: string, isAttr: boolean): Use | null {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const before = text.slice(lineStart, at);
  if (/#/.test(before.replace(/(["'])(?:\\.|(?!\1).)*\1/g, ''))) return null; // in a comment
  const after = text.slice(at + name.length, at + name.length + 80);
  const viaDot = /\.\s*$/.test(before);
  const member = /^\s*\.\s*(\w+)/.exec(after);
  if (member) return member[1]?.startsWith('step') ? 'stepped' : viaDot && !isAttr ? null : 'neutral';
  if (viaDot && !isAttr) return null; // `obj.scheduler` is another object
  if (/^\s*(?::[^=\n]*)?=(?!=)/.test(after)) return 'neutral'; // assigned
  return 'other';
}

/** Whether the optimizer the scheduler drives steps somewhere in the file, or may (true when unknown). */
function optimizerSteps(ctx: RuleContext, sched: SchedulerVal): boolean {
  const opts = schedulerOptimizers(ctx.model, sched);
  if (opts.length === 0 || !opts.some((v) => v.k === 'optimizer')) return true;
  // Handed, in a loop, to a call the model cannot follow (`train(model, loader, optimizer)`) counts
  // as stepped there (outside loops the scheduler's own construction is such a call).
  const drives = (e: Event) =>
    (e.kind === 'step' && !distinctOptimizers(opts, e.opt.vals)) || (e.kind === 'mayClear' && (e.vals === null || !distinctOptimizers(opts, e.vals)));
  return ctx.model.units.some((u) => u.kind === 'loop' && placedEvents(u).some((p) => drives(p.event)));
}

/**
 * The absolute span of `configure_optimizers` when the scheduler belongs to a LightningModule that
 * optimizes manually (`self.automatic_optimization = False`, steps `self.optimizers()` itself) and
 * never asks for its schedulers (`self.lr_schedulers()`): Lightning then steps none of those
 * `configure_optimizers` returns, so returning one there is not a use that steps it.
 */
function manualLightningConfigure(sched: SchedulerVal): { readonly s: number; readonly e: number } | null {
  const cls = sched.act.fn?.cls;
  const configure = cls?.methods.get('configure_optimizers');
  if (!cls || !configure || cls.chunk.file) return null;
  const text = cls.chunk.text.slice(cls.stmt.s, cls.stmt.e);
  if (!/\bself\.automatic_optimization\s*=\s*False\b/.test(text) || !/\bself\.optimizers\s*\(/.test(text) || /\blr_schedulers\s*\(/.test(text)) return null;
  return { s: cls.chunk.start + configure.def.s, e: cls.chunk.start + configure.def.e };
}

function epochLoopTrains(loop: LoopInfo): boolean {
  return mentionsTrainingVocabulary(loop.chunk.text.slice(loop.stmt.s, loop.stmt.e));
}

export const schedulerNeverStepped = defineRule({
  code: 'OL006',
  name: 'scheduler-never-stepped',
  severity: 'warning',
  messages: {
    main: '{scheduler} ({class}) is created but never stepped: the learning rate stays at its initial value for the whole run. Call {scheduler}.step() once per epoch (or after every optimizer step for schedules that count steps).',
    variants: {
      manual: '{scheduler} ({class}) is returned from configure_optimizers, but this module sets self.automatic_optimization = False, and then Lightning steps no scheduler: the learning rate stays at its initial value for the whole run. Step it yourself: sch = self.lr_schedulers(), then sch.step() at the end of each epoch (on_train_epoch_end) or after the optimizer steps.',
    },
    summary: 'A learning-rate scheduler is created but never stepped',
  },
  doc: {
    setting: 'a scheduler is created but never stepped.',
    what: 'A learning-rate scheduler is created and bound to a name, and the file never calls `step()` on it nor hands it to anything else.',
    why: 'A scheduler only changes the learning rate when `step()` is called. Never stepped, the run uses the initial learning rate throughout (for warmup schedulers, the tiny *starting* learning rate), which is rarely what was tuned.',
    wrong: `
import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)
for epoch in range(90):
    train(model, train_loader, optimizer)
    print(epoch, scheduler.get_last_lr())
`,
    right: `
import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)
for epoch in range(90):
    train(model, train_loader, optimizer)
    scheduler.step()
`,
    fix: "Call `scheduler.step()` once per epoch (after the epoch's optimizer steps), or after every `optimizer.step()` for schedules that count steps. There is no automatic fix: where the call belongs depends on the schedule.",
    silent: 'Any other use of the name counts as "maybe stepped elsewhere": passing it to a function (even one the file does not define), returning it (Lightning\'s `configure_optimizers`, unless the LightningModule sets `self.automatic_optimization = False`, steps `self.optimizers()` itself and never calls `self.lr_schedulers()`: Lightning then steps no scheduler), storing it in a list or dict, wrapping it in `SequentialLR`, or stepping something else with the same name. A module-level or `self.` scheduler in a file that runs no training loop of its own (a config module, a trainer class driven from another file) is left alone too: another file may step it. A scheduler whose optimizer never steps in the file either (a notebook cell that only shows how to build one) is left alone.',
    suppress: 'scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)  # noqa: OL006',
  },
  concerns: {
    scheduler: ['LambdaLR', 'MultiplicativeLR', 'StepLR', 'MultiStepLR', 'ConstantLR', 'LinearLR', 'ExponentialLR', 'PolynomialLR', 'CosineAnnealingLR', 'CosineAnnealingWarmRestarts', 'CyclicLR', 'OneCycleLR', 'ReduceLROnPlateau', 'SequentialLR', 'ChainedScheduler'],
  },
  check(ctx, m) {
    const out: CheckFinding[] = [];
    const seen = new Set<string>();
    // A scheduler can be stepped by code this file does not show (a config module, a trainer driven
    // from elsewhere, a test that only inspects it): only trust "never stepped" when this file runs a
    // training loop itself.
    // (An epoch loop counts when its own text has training vocabulary: whether it was modelled at
    // all must not decide, see Source.relevant.)
    const trains = ctx.model.units.some((u) => u.kind === 'loop' && ((u.loop?.epochNamed === true && epochLoopTrains(u.loop)) || placedEvents(u).some((e) => e.event.kind !== 'mayClear')));
    for (const b of ctx.model.schedulerBindings) {
      const key = b.sched.key;
      if (seen.has(key)) continue;
      const configure = manualLightningConfigure(b.sched);
      if (!trains && !configure) continue;
      seen.add(key);
      const re = new RegExp(`\\b${b.name}\\b`, 'g');
      let verdict: Use = 'neutral';
      for (const m of ctx.text.matchAll(re)) {
        const use = classify(ctx.text, m.index, b.name, b.isAttr);
        if (use === 'other' && configure && m.index >= configure.s && m.index < configure.e) continue;
        if (use === 'stepped' || use === 'other') {
          verdict = use;
          break;
        }
      }
      if (verdict !== 'neutral') continue;
      // A scheduler on an optimizer that never steps here either is a demonstration (a notebook
      // cell showing how to build one), not a training run that forgot it.
      if (!configure && !optimizerSteps(ctx, b.sched)) continue;
      const args = { scheduler: b.isAttr ? `self.${b.name}` : b.name, class: b.sched.cls };
      out.push({
        ...abs(b.sched.site),
        message: configure ? m.variants.manual(args) : m.main(args),
        related: [],
        fixes: [],
      });
    }
    return out;
  },
});
