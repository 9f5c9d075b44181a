/** torch.optim.RAdam, following `_single_tensor_radam`. */
import { PowerSequence } from './arith';
import { averageIn, averageSquareIn, checkAdamLike, effectiveGrad, readKwargs, type OptimizerDef, type Stepper } from './common';
import { OPTIMIZER_FACTS } from '../torch/optimizers';

export type RadamKwargs = {
  readonly lr: number;
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weight_decay: number;
  /** torch 2.x only: decay the parameter (AdamW style) instead of the gradient. */
  readonly decoupled_weight_decay: boolean;
  /** torch 2.x only. */
  readonly maximize: boolean;
};

class RadamStepper implements Stepper {
  memory(): Float64Array {
    return this.expAvg;
  }

  private readonly expAvg: Float64Array;
  private readonly expAvgSq: Float64Array;
  private readonly beta1Power: PowerSequence;
  private readonly beta2Power: PowerSequence;
  private readonly rhoInf: number;
  private step_ = 0;

  constructor(
    private readonly o: RadamKwargs,
    size: number,
  ) {
    this.expAvg = new Float64Array(size);
    this.expAvgSq = new Float64Array(size);
    this.beta1Power = new PowerSequence(o.betas[0]);
    this.beta2Power = new PowerSequence(o.betas[1]);
    this.rhoInf = 2 / (1 - o.betas[1]) - 1;
  }

  step(param: Float64Array, grad: Float64Array): void {
    const { lr, eps, weight_decay, maximize } = this.o;
    const beta1 = this.o.betas[0];
    const beta2 = this.o.betas[1];
    const { expAvg, expAvgSq, rhoInf } = this;
    const t = ++this.step_;
    const biasCorrection1 = 1 - this.beta1Power.next();
    const beta2Power = this.beta2Power.next();
    const biasCorrection2 = 1 - beta2Power;
    // Length of the approximated simple moving average; rectify only once it exceeds 5.
    const rhoT = rhoInf - (2 * t * beta2Power) / biasCorrection2;
    const rectified = rhoT > 5;
    const rect = rectified ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
    const sqrtBc2 = Math.sqrt(biasCorrection2);
    const decoupled = this.o.decoupled_weight_decay;
    const decay = 1 - lr * weight_decay;
    for (let i = 0; i < param.length; i++) {
      if (decoupled && weight_decay !== 0) param[i] = param[i]! * decay;
      const g = effectiveGrad(grad[i]!, param[i]!, maximize, decoupled ? 0 : weight_decay);
      const m = (expAvg[i] = averageIn(expAvg[i]!, g, beta1, 1 - beta1));
      const v = (expAvgSq[i] = averageSquareIn(expAvgSq[i]!, g, beta2, 1 - beta2));
      let update = (m / biasCorrection1) * lr;
      if (rectified) {
        // `scalar / tensor` is tensor.reciprocal() * scalar in torch: two roundings.
        const adaptiveLr = (1 / (Math.sqrt(v) + eps)) * sqrtBc2;
        update = update * adaptiveLr * rect;
      }
      param[i] = param[i]! - update;
    }
  }
}

export const RAdam: OptimizerDef<RadamKwargs> = {
  name: 'RAdam',
  defaults: OPTIMIZER_FACTS.RAdam.defaults,
  parse(raw, field) {
    const o = readKwargs(raw, field, RAdam.defaults);
    checkAdamLike(o, field);
    return o;
  },
  create: (kwargs, size) => new RadamStepper(kwargs, size),
};
