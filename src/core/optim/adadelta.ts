/** torch.optim.Adadelta, following `_single_tensor_adadelta`. */
import { fma } from './arith';
import { averageSquareIn, check, checkNonNegative, effectiveGrad, readKwargs, type OptimizerDef, type Stepper } from './common';
import { OPTIMIZER_FACTS } from '../torch/optimizers';

export type AdadeltaKwargs = {
  readonly lr: number;
  readonly rho: number;
  readonly eps: number;
  readonly weight_decay: number;
  readonly maximize: boolean;
};

class AdadeltaStepper implements Stepper {
  private readonly squareAvg: Float64Array;
  private readonly accDelta: Float64Array;

  constructor(
    private readonly o: AdadeltaKwargs,
    size: number,
  ) {
    this.squareAvg = new Float64Array(size);
    this.accDelta = new Float64Array(size);
  }

  step(param: Float64Array, grad: Float64Array): void {
    const { lr, rho, eps, weight_decay, maximize } = this.o;
    const { squareAvg, accDelta } = this;
    for (let i = 0; i < param.length; i++) {
      const g = effectiveGrad(grad[i]!, param[i]!, maximize, weight_decay);
      const sq = (squareAvg[i] = averageSquareIn(squareAvg[i]!, g, rho, 1 - rho));
      const std = Math.sqrt(sq + eps);
      const delta = (Math.sqrt(accDelta[i]! + eps) / std) * g;
      accDelta[i] = averageSquareIn(accDelta[i]!, delta, rho, 1 - rho);
      param[i] = fma(-lr, delta, param[i]!);
    }
  }
}

export const Adadelta: OptimizerDef<AdadeltaKwargs> = {
  name: 'Adadelta',
  defaults: OPTIMIZER_FACTS.Adadelta.defaults,
  parse(raw, field) {
    const o = readKwargs(raw, field, Adadelta.defaults);
    checkNonNegative(o, field, 'lr', 'learning rate');
    check(o.rho >= 0 && o.rho <= 1, field, 'rho', `Invalid rho value: ${o.rho}`);
    checkNonNegative(o, field, 'eps', 'epsilon value');
    checkNonNegative(o, field, 'weight_decay', 'weight_decay value');
    return o;
  },
  create: (kwargs, size) => new AdadeltaStepper(kwargs, size),
};
