/** torch.optim.NAdam, following torch 1.13's `_single_tensor_nadam` (see docs/torch-compat.md). */
import { PowerSequence, pow096 } from './arith';
import { averageIn, averageSquareIn, checkAdamLike, checkNonNegative, effectiveGrad, readKwargs, type OptimizerDef, type Stepper } from './common';
import { OPTIMIZER_FACTS } from '../torch/optimizers';

export type NadamKwargs = {
  readonly lr: number;
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weight_decay: number;
  readonly momentum_decay: number;
  /** torch 2.x only: decay the parameter (AdamW style) instead of the gradient. */
  readonly decoupled_weight_decay: boolean;
  /** torch 2.x only. */
  readonly maximize: boolean;
};

const f32 = Math.fround;

class NadamStepper implements Stepper {
  memory(): Float64Array {
    return this.expAvg;
  }

  private readonly expAvg: Float64Array;
  private readonly expAvgSq: Float64Array;
  private readonly beta2Power: PowerSequence;
  private step_ = 0;
  // torch keeps mu_product in a default-dtype (float32) scalar tensor, so its products round to float32.
  private muProduct = 1;
  // 0.96 ** ((t + 1) * momentum_decay) of one step is 0.96 ** (t * momentum_decay) of the next.
  private nextDecay: number;

  constructor(
    private readonly o: NadamKwargs,
    size: number,
  ) {
    this.expAvg = new Float64Array(size);
    this.expAvgSq = new Float64Array(size);
    this.beta2Power = new PowerSequence(o.betas[1]);
    this.nextDecay = pow096(o.momentum_decay);
  }

  step(param: Float64Array, grad: Float64Array): void {
    const { lr, eps, weight_decay, momentum_decay, maximize } = this.o;
    const beta1 = this.o.betas[0];
    const beta2 = this.o.betas[1];
    const { expAvg, expAvgSq } = this;
    const t = ++this.step_;
    const biasCorrection2 = 1 - this.beta2Power.next();
    const mu = beta1 * (1 - 0.5 * this.nextDecay);
    this.nextDecay = pow096((t + 1) * momentum_decay);
    const muNext = beta1 * (1 - 0.5 * this.nextDecay);
    this.muProduct = f32(this.muProduct * f32(mu));
    // torch 1.13 multiplies by mu a second time here (fixed in 2.0, where it is mu_product * mu_next).
    const muProductNext = f32(f32(this.muProduct * f32(mu)) * f32(muNext));
    const gradStep = (-lr * (1 - mu)) / (1 - this.muProduct);
    const avgStep = (-lr * muNext) / (1 - muProductNext);
    const decoupled = this.o.decoupled_weight_decay;
    const decay = 1 - lr * weight_decay;
    for (let i = 0; i < param.length; i++) {
      if (decoupled && weight_decay !== 0) param[i] = param[i]! * decay;
      const g = effectiveGrad(grad[i]!, param[i]!, maximize, decoupled ? 0 : weight_decay);
      const m = (expAvg[i] = averageIn(expAvg[i]!, g, beta1, 1 - beta1));
      const v = (expAvgSq[i] = averageSquareIn(expAvgSq[i]!, g, beta2, 1 - beta2));
      const denom = Math.sqrt(v / biasCorrection2) + eps;
      const p = param[i]! + (gradStep * g) / denom;
      param[i] = p + (avgStep * m) / denom;
    }
  }
}

export const NAdam: OptimizerDef<NadamKwargs> = {
  name: 'NAdam',
  defaults: OPTIMIZER_FACTS.NAdam.defaults,
  parse(raw, field) {
    const o = readKwargs(raw, field, NAdam.defaults);
    checkAdamLike(o, field);
    checkNonNegative(o, field, 'momentum_decay', 'momentum_decay value');
    return o;
  },
  create: (kwargs, size) => new NadamStepper(kwargs, size),
};
