/**
 * OL007 plateau-step-without-metric: `step()` with no argument on something that can only be a
 * ReduceLROnPlateau. Its `step(metrics)` has no default, so this raises TypeError at run time.
 * Silent when the name may hold another scheduler, or the call sits under a type test.
 */
import { defineRule, type CheckFinding } from './define';
import { abs, placedEvents, type RawFix, type RuleContext } from './common';
import { passArgument } from './fixes';
import { metricCandidates } from './plateauMetric';
import type { Message } from '../types';
import type { SchedulerVal, Site } from '../model';

/** At most this many metrics are offered when several are in scope. */
const MAX_CANDIDATES = 3;

export const plateauStepWithoutMetric = defineRule({
  code: 'OL007',
  name: 'plateau-step-without-metric',
  severity: 'error',
  messages: {
    main: 'ReduceLROnPlateau.step() needs the metric it monitors: {scheduler}.step() without an argument raises a TypeError at run time. Pass the value to watch, e.g. {scheduler}.step(val_loss).',
    summary: 'ReduceLROnPlateau.step() called without the metric it monitors',
    related: {
      ctor: 'ReduceLROnPlateau created here',
    },
    fixes: {
      passMetric: 'Pass the metric computed above: {scheduler}.step({metric})',
    },
  },
  doc: {
    setting: 'ReduceLROnPlateau.step() is called without a metric.',
    what: '`ReduceLROnPlateau.step()` is called without the metric it monitors.',
    why: "Unlike the other schedulers, `ReduceLROnPlateau.step(metrics)` requires the value to watch (usually the validation loss). Called with no argument it raises `TypeError: step() missing 1 required positional argument: 'metrics'`, typically at the end of the first epoch, after a full epoch of training.",
    wrong: `
import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", patience=5)
for epoch in range(100):
    train(model, train_loader, optimizer)
    val_loss = validate(model, val_loader)
    scheduler.step()
`,
    right: `
import torch

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", patience=5)
for epoch in range(100):
    train(model, train_loader, optimizer)
    val_loss = validate(model, val_loader)
    scheduler.step(val_loss)
`,
    fix: [
      'Pass the monitored value: `scheduler.step(val_loss)`.',
      "When a validation metric is computed above the call in the same loop body or function — a name such as `val_loss`, `valid_acc` or `loss_val`, `metrics['val_loss']`, the result of a `validate(...)` or `evaluate(...)` call, or a `val_loss` parameter — the quick fix passes it, as the preferred fix when it is the only one. With several, up to three are offered, those suiting the scheduler's `mode` first (`'min'`, the default, for losses; `'max'` for accuracies): only you know which one the scheduler should watch.",
    ],
    silent: 'When the name may hold another scheduler class (chosen by a flag), or the call sits under a type test such as `isinstance(scheduler, ReduceLROnPlateau)`.',
    suppress: '    scheduler.step()  # noqa: OL007',
  },
  concerns: { scheduler: ['ReduceLROnPlateau'], method: ['plateau.step'] },
  check(ctx, m) {
    const out: CheckFinding[] = [];
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
          ...abs(e.site),
          message: m.main({ scheduler: e.sched.text }),
          related: ctor ? [{ ...abs(ctor.site), message: m.related.ctor() }] : [],
          fixes: metricFixes(ctx, e.site, ctor, (metric) => m.fixes.passMetric({ scheduler: e.sched.text, metric })),
        });
      }
    }
    return out;
  },
});

/** The scheduler's `mode` when written as a literal; torch's default is 'min'. */
function modeOf(s: SchedulerVal | undefined): 'min' | 'max' {
  const arg = s?.call.kw.find((k) => k.name === 'mode')?.value ?? s?.call.args[1];
  return arg?.k === 'str' && arg.v === 'max' ? 'max' : 'min';
}

/** `scheduler.step(<metric>)` for each metric in scope: preferred when it is the only one. */
function metricFixes(ctx: RuleContext, site: Site, ctor: SchedulerVal | undefined, title: (metric: string) => Message): RawFix[] {
  // A call followed into a function: the step is elsewhere (`site.origin`), and so are its metrics.
  const at = site.origin ?? site;
  if (at.chunk.file) return [];
  const candidates = metricCandidates(at, modeOf(ctor)).slice(0, MAX_CANDIDATES);
  const out: RawFix[] = [];
  for (const c of candidates) {
    const f = passArgument(ctx, { chunk: at.chunk, s: at.s, e: at.e }, c.text, title(c.text), candidates.length === 1);
    if (f) out.push(f);
  }
  return out;
}
