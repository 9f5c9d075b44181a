/** torch.optim.Adagrad, following `_single_tensor_adagrad` (dense gradients). */
import { fma } from './arith';
import { checkNonNegative, effectiveGrad, readKwargs, type OptimizerDef, type Stepper } from './common';
import { OPTIMIZER_FACTS } from '../torch/optimizers';

export type AdagradKwargs = {
  readonly lr: number;
  readonly lr_decay: number;
  readonly weight_decay: number;
  readonly initial_accumulator_value: number;
  readonly eps: number;
  readonly maximize: boolean;
};

class AdagradStepper implements Stepper {
  private readonly sum: Float64Array;
  private step_ = 0;

  constructor(
    private readonly o: AdagradKwargs,
    size: number,
  ) {
    this.sum = new Float64Array(size).fill(o.initial_accumulator_value);
  }

  step(param: Float64Array, grad: Float64Array): void {
    const { lr, lr_decay, weight_decay, eps, maximize } = this.o;
    const sum = this.sum;
    this.step_++;
    const clr = lr / (1 + (this.step_ - 1) * lr_decay);
    for (let i = 0; i < param.length; i++) {
      const g = effectiveGrad(grad[i]!, param[i]!, maximize, weight_decay);
      // state_sum.addcmul_(grad, grad, value=1)
      const s = (sum[i] = fma(g, g, sum[i]!));
      param[i] = param[i]! + (-clr * g) / (Math.sqrt(s) + eps);
    }
  }
}

export const Adagrad: OptimizerDef<AdagradKwargs> = {
  name: 'Adagrad',
  defaults: OPTIMIZER_FACTS.Adagrad.defaults,
  parse(raw, field) {
    const o = readKwargs(raw, field, Adagrad.defaults);
    checkNonNegative(o, field, 'lr', 'learning rate');
    checkNonNegative(o, field, 'lr_decay', 'lr_decay value');
    checkNonNegative(o, field, 'weight_decay', 'weight_decay value');
    checkNonNegative(o, field, 'initial_accumulator_value', 'initial_accumulator_value value');
    checkNonNegative(o, field, 'eps', 'epsilon value');
    return o;
  },
  create: (kwargs, size) => new AdagradStepper(kwargs, size),
};
