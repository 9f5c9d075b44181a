/** torch.optim.AdamW, following `_single_tensor_adamw`: Adam with the parameter decayed first. */
import { AdamStepper, type AdamKwargs } from './adam';
import { checkAdamLike, readKwargs, type OptimizerDef } from './common';

export type AdamWKwargs = Omit<AdamKwargs, 'decoupled_weight_decay'>;

export const AdamW: OptimizerDef<AdamWKwargs> = {
  name: 'AdamW',
  defaults: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 1e-2, amsgrad: false, maximize: false },
  parse(raw, field) {
    const o = readKwargs(raw, field, AdamW.defaults);
    checkAdamLike(o, field);
    return o;
  },
  create: (kwargs, size) => new AdamStepper({ ...kwargs, decoupled_weight_decay: true }, size),
};
