/** torch.optim.AdamW, following `_single_tensor_adamw`: Adam with the parameter decayed first. */
import { AdamStepper, type AdamKwargs } from './adam';
import { checkAdamLike, readKwargs, type OptimizerDef } from './common';
import { OPTIMIZER_FACTS } from '../torch/optimizers';

export type AdamWKwargs = Omit<AdamKwargs, 'decoupled_weight_decay'>;

export const AdamW: OptimizerDef<AdamWKwargs> = {
  name: 'AdamW',
  defaults: OPTIMIZER_FACTS.AdamW.defaults,
  parse(raw, field) {
    const o = readKwargs(raw, field, AdamW.defaults);
    checkAdamLike(o, field);
    return o;
  },
  create: (kwargs, size) => new AdamStepper({ ...kwargs, decoupled_weight_decay: true }, size),
};
