/** torch.optim.Adam, following `_single_tensor_adam` (AdamW reuses it with decoupled weight decay). */
import { PowerSequence } from './arith';
import { averageIn, averageSquareIn, checkAdamLike, effectiveGrad, readKwargs, type OptimizerDef, type Stepper } from './common';
import { OPTIMIZER_FACTS } from '../torch/optimizers';

export type AdamKwargs = {
  readonly lr: number;
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weight_decay: number;
  readonly amsgrad: boolean;
  readonly maximize: boolean;
  /** torch 2.x: decay the parameter like AdamW instead of adding weight_decay·p to the gradient. */
  readonly decoupled_weight_decay: boolean;
};

export class AdamStepper implements Stepper {
  memory(): Float64Array {
    return this.expAvg;
  }

  private readonly expAvg: Float64Array;
  private readonly expAvgSq: Float64Array;
  private readonly maxExpAvgSq: Float64Array | null;
  private readonly beta1Power: PowerSequence;
  private readonly beta2Power: PowerSequence;

  constructor(
    private readonly o: AdamKwargs,
    size: number,
  ) {
    this.expAvg = new Float64Array(size);
    this.expAvgSq = new Float64Array(size);
    this.maxExpAvgSq = o.amsgrad ? new Float64Array(size) : null;
    this.beta1Power = new PowerSequence(o.betas[0]);
    this.beta2Power = new PowerSequence(o.betas[1]);
  }

  step(param: Float64Array, grad: Float64Array): void {
    const { lr, eps, weight_decay, maximize } = this.o;
    const beta1 = this.o.betas[0];
    const beta2 = this.o.betas[1];
    const decoupled = this.o.decoupled_weight_decay;
    const { expAvg, expAvgSq, maxExpAvgSq } = this;
    const decay = 1 - lr * weight_decay;
    const stepSize = lr / (1 - this.beta1Power.next());
    const biasCorrection2Sqrt = Math.sqrt(1 - this.beta2Power.next());
    for (let i = 0; i < param.length; i++) {
      // AdamW multiplies unconditionally (by 1 when weight_decay is 0, which is exact).
      if (decoupled) param[i] = param[i]! * decay;
      const g = effectiveGrad(grad[i]!, param[i]!, maximize, decoupled ? 0 : weight_decay);
      const m = (expAvg[i] = averageIn(expAvg[i]!, g, beta1, 1 - beta1));
      let v = (expAvgSq[i] = averageSquareIn(expAvgSq[i]!, g, beta2, 1 - beta2));
      if (maxExpAvgSq) v = maxExpAvgSq[i] = Math.max(maxExpAvgSq[i]!, v);
      const denom = Math.sqrt(v) / biasCorrection2Sqrt + eps;
      param[i] = param[i]! + (-stepSize * m) / denom;
    }
  }
}

export const Adam: OptimizerDef<AdamKwargs> = {
  name: 'Adam',
  defaults: OPTIMIZER_FACTS.Adam.defaults,
  parse(raw, field) {
    const o = readKwargs(raw, field, Adam.defaults);
    checkAdamLike(o, field);
    return o;
  },
  create: (kwargs, size) => new AdamStepper(kwargs, size),
};
