/**
 * OL008 adam-weight-decay: `torch.optim.Adam(..., weight_decay=λ)` with λ at AdamW's scale. Adam
 * adds the decay to the gradient, where the adaptive denominator rescales it; AdamW decouples it.
 *
 * Which one the code means is only visible in the value. Decoupled-decay recipes (BERT, ViT,
 * ConvNeXt, AdamW's own default) use 0.01 to 0.3; L2 coefficients (the SGD-era 1e-4/5e-4, the
 * papers that prescribe L2 through Adam such as GCN's 5e-4) are far smaller. On 179 labelled
 * commits of public code, values below 0.01 were L2 meant on purpose about as often as not (37 of
 * 74 findings), values from 0.01 up were AdamW recipes in 4 of 5. So the rule fires from AdamW's
 * default weight decay up, for a known number (a literal or a constant), never for a configurable
 * default (`args.weight_decay`, a configuration class), and not with `decoupled_weight_decay=True`.
 */
import { useAdamW } from './fixes';
import { argument } from '../model';
import { defineRule, type CheckFinding } from './define';
import { abs } from './common';
import { OPTIMIZER_FACTS } from '../../core/torch';

/** AdamW's default weight decay: the scale of decoupled-decay recipes. */
const ADAMW_SCALE = OPTIMIZER_FACTS.AdamW.defaults.weight_decay;

export const adamWeightDecay = defineRule({
  code: 'OL008',
  name: 'adam-weight-decay',
  severity: 'information',
  messages: {
    main: 'Adam with weight_decay={weightDecay} adds the decay to the gradient (L2 regularisation), so the adaptive scaling shrinks it for weights with large gradients: it is not the decoupled weight decay of AdamW. Use AdamW if decoupled weight decay is what you meant.',
    summary: 'Adam with weight_decay > 0 is L2 regularisation, not AdamW\'s decoupled weight decay',
    fixes: {
      useAdamW: 'Use AdamW (decoupled weight decay)',
    },
  },
  doc: {
    setting: "Adam with weight_decay, where AdamW's decoupled decay is usually meant.",
    what: "`torch.optim.Adam` is created with a `weight_decay` at AdamW's scale (0.01, AdamW's default, or more).",
    why: '`Adam(weight_decay=λ)` adds `λ·w` to the gradient *before* the adaptive scaling (classic L2 regularisation), so weights with large or noisy gradients are barely decayed. AdamW applies the decay directly to the weights ("decoupled weight decay", Loshchilov & Hutter), which is what most recipes mean by weight decay and what their hyperparameters were tuned for. A value at AdamW\'s scale (0.01 to 0.3 in decoupled recipes) is the sign of such a recipe run through Adam: as an L2 coefficient it would be unusually strong. This is information, not an error: L2 through Adam is sometimes intended.',
    wrong: `
import torch

optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0.05)
`,
    right: `
import torch

optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.05)
`,
    fix: "The quick fix replaces `Adam` by `AdamW` (and swaps `from torch.optim import Adam` for AdamW when that import binds the name). It is not marked preferred: decoupled decay usually wants a larger value (AdamW's default is `0.01`), so revisit `weight_decay` after switching.",
    silent: "When the weight decay is below AdamW's default of 0.01 (an L2 coefficient such as 1e-4 or 5e-4: coupled L2 is what such values usually mean, and what papers prescribing L2 through Adam ask for), when it is not a known number written in the code (`args.weight_decay`, even with a `default=` in the file's argparse declarations, or a configuration class's field), when `decoupled_weight_decay=True` is passed, and for optimizers named Adam that are not torch's.",
    suppress: 'optimizer = torch.optim.Adam(model.parameters(), weight_decay=0.05)  # noqa: OL008',
  },
  concerns: { optimizer: ['Adam', 'AdamW'] },
  check(ctx, m) {
    const out: CheckFinding[] = [];
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
      // A command-line default is the user's choice at each run, not a decision of this code.
      if (vals.length === 0 || !vals.every((v) => v.k === 'num' && v.v >= ADAMW_SCALE && !v.cli)) continue;
      const f = useAdamW(ctx, c, m.fixes.useAdamW());
      out.push({
        ...abs(c.site),
        message: m.main({ weightDecay: c.site.chunk.text.slice(wd.s, wd.e) }),
        related: [],
        fixes: f ? [f] : [],
      });
    }
    return out;
  },
});
