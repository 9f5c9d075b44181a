/** torch.optim.RMSprop, following `_single_tensor_rmsprop`. */
import { fma } from './arith';
import { averageIn, averageSquareIn, checkNonNegative, effectiveGrad, readKwargs, type OptimizerDef, type Stepper } from './common';
import { OPTIMIZER_FACTS } from '../torch/optimizers';

export type RmspropKwargs = {
  readonly lr: number;
  readonly alpha: number;
  readonly eps: number;
  readonly weight_decay: number;
  readonly momentum: number;
  readonly centered: boolean;
  readonly maximize: boolean;
};

class RmspropStepper implements Stepper {
  memory(): Float64Array | null {
    return this.momentumBuffer;
  }

  private readonly squareAvg: Float64Array;
  // Unlike SGD, RMSprop's buffers start at zero.
  private readonly momentumBuffer: Float64Array | null;
  private readonly gradAvg: Float64Array | null;

  constructor(
    private readonly o: RmspropKwargs,
    size: number,
  ) {
    this.squareAvg = new Float64Array(size);
    this.momentumBuffer = o.momentum > 0 ? new Float64Array(size) : null;
    this.gradAvg = o.centered ? new Float64Array(size) : null;
  }

  step(param: Float64Array, grad: Float64Array): void {
    const { lr, alpha, eps, weight_decay, momentum, maximize } = this.o;
    const { squareAvg, momentumBuffer, gradAvg } = this;
    for (let i = 0; i < param.length; i++) {
      const g = effectiveGrad(grad[i]!, param[i]!, maximize, weight_decay);
      const sq = (squareAvg[i] = averageSquareIn(squareAvg[i]!, g, alpha, 1 - alpha));
      let avg: number;
      if (gradAvg) {
        const ga = (gradAvg[i] = averageIn(gradAvg[i]!, g, alpha, 1 - alpha));
        // square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_(): one fused rounding before the root.
        avg = Math.sqrt(fma(-ga, ga, sq));
      } else avg = Math.sqrt(sq);
      avg += eps;
      if (momentumBuffer) {
        const b = (momentumBuffer[i] = momentumBuffer[i]! * momentum + g / avg);
        param[i] = fma(-lr, b, param[i]!);
      } else param[i] = param[i]! + (-lr * g) / avg;
    }
  }
}

export const RMSprop: OptimizerDef<RmspropKwargs> = {
  name: 'RMSprop',
  defaults: OPTIMIZER_FACTS.RMSprop.defaults,
  parse(raw, field) {
    const o = readKwargs(raw, field, RMSprop.defaults);
    checkNonNegative(o, field, 'lr', 'learning rate');
    checkNonNegative(o, field, 'eps', 'epsilon value');
    checkNonNegative(o, field, 'momentum', 'momentum value');
    checkNonNegative(o, field, 'weight_decay', 'weight_decay value');
    checkNonNegative(o, field, 'alpha', 'alpha value');
    return o;
  },
  create: (kwargs, size) => new RmspropStepper(kwargs, size),
};
