/**
 * OL008 adam-weight-decay: `torch.optim.Adam(..., weight_decay>0)`. Adam adds the decay to the
 * gradient, where the adaptive denominator rescales it; AdamW decouples it. Only fires for a
 * weight decay that is a known positive number (a literal or a constant), never for
 * `args.weight_decay`, and not when `decoupled_weight_decay=True` is passed.
 */
import { useAdamW } from './fixes';
import { argument } from '../model';
import { message } from './messages';
import { abs, type RawFinding, type RuleContext } from './common';

export function OL008(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  const seen = new Set<string>();
  for (const c of ctx.model.optimizers) {
    const key = `${c.site.chunk.uid}:${c.site.s}`;
    if (c.cls !== 'Adam' || seen.has(key)) continue;
    seen.add(key);
    const decoupled = c.call.kw.find((k) => k.name === 'decoupled_weight_decay')?.value;
    if (decoupled && !(decoupled.k === 'const' && decoupled.v === 'False')) continue;
    const wd = argument(c.call, 'weight_decay', 4);
    if (!wd) continue;
    const vals = ctx.model.ev.expr(wd, c.site.chunk, c.act);
    if (vals.length === 0 || !vals.every((v) => v.k === 'num' && v.v > 0)) continue;
    const f = useAdamW(ctx, c);
    out.push({
      code: 'OL008',
      ...abs(c.site),
      message: message('OL008', { weightDecay: c.site.chunk.text.slice(wd.s, wd.e) }),
      related: [],
      fixes: f ? [f] : [],
    });
  }
  return out;
}
