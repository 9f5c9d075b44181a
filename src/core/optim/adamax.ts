/** torch.optim.Adamax, following `_single_tensor_adamax`. */
import { PowerSequence } from './arith';
import { averageIn, checkAdamLike, effectiveGrad, readKwargs, type OptimizerDef, type Stepper } from './common';
import { OPTIMIZER_FACTS } from '../torch/optimizers';

export type AdamaxKwargs = {
  readonly lr: number;
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weight_decay: number;
  readonly maximize: boolean;
};

class AdamaxStepper implements Stepper {
  memory(): Float64Array {
    return this.expAvg;
  }

  private readonly expAvg: Float64Array;
  private readonly expInf: Float64Array;
  private readonly beta1Power: PowerSequence;

  constructor(
    private readonly o: AdamaxKwargs,
    size: number,
  ) {
    this.expAvg = new Float64Array(size);
    this.expInf = new Float64Array(size);
    this.beta1Power = new PowerSequence(o.betas[0]);
  }

  step(param: Float64Array, grad: Float64Array): void {
    const { lr, eps, weight_decay, maximize } = this.o;
    const beta1 = this.o.betas[0];
    const beta2 = this.o.betas[1];
    const { expAvg, expInf } = this;
    const clr = lr / (1 - this.beta1Power.next());
    for (let i = 0; i < param.length; i++) {
      const g = effectiveGrad(grad[i]!, param[i]!, maximize, weight_decay);
      const m = (expAvg[i] = averageIn(expAvg[i]!, g, beta1, 1 - beta1));
      // amax over [exp_inf * beta2, |g| + eps]; like torch, NaN wins.
      const u = (expInf[i] = Math.max(expInf[i]! * beta2, Math.abs(g) + eps));
      param[i] = param[i]! + (-clr * m) / u;
    }
  }
}

export const Adamax: OptimizerDef<AdamaxKwargs> = {
  name: 'Adamax',
  defaults: OPTIMIZER_FACTS.Adamax.defaults,
  parse(raw, field) {
    const o = readKwargs(raw, field, Adamax.defaults);
    checkAdamLike(o, field);
    return o;
  },
  create: (kwargs, size) => new AdamaxStepper(kwargs, size),
};
