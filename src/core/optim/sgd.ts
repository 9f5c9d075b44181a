/** torch.optim.SGD, following `_single_tensor_sgd`. */
import { fma } from './arith';
import { check, checkNonNegative, effectiveGrad, readKwargs, type OptimizerDef, type Stepper } from './common';
import { OPTIMIZER_FACTS } from '../torch/optimizers';

export type SgdKwargs = {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weight_decay: number;
  readonly nesterov: boolean;
  readonly maximize: boolean;
};

class SgdStepper implements Stepper {
  // torch creates the buffer lazily as a clone of the first gradient, not as zeros.
  private buf: Float64Array | null = null;
  private readonly keep: number;

  constructor(private readonly o: SgdKwargs) {
    this.keep = 1 - o.dampening;
  }

  step(param: Float64Array, grad: Float64Array): void {
    const { lr, momentum, nesterov, maximize, weight_decay } = this.o;
    const first = this.buf === null;
    const buf = (this.buf ??= new Float64Array(param.length));
    for (let i = 0; i < param.length; i++) {
      let d = effectiveGrad(grad[i]!, param[i]!, maximize, weight_decay);
      if (momentum !== 0) {
        const b = first ? d : fma(this.keep, d, buf[i]! * momentum);
        buf[i] = b;
        d = nesterov ? fma(momentum, b, d) : b;
      }
      param[i] = fma(-lr, d, param[i]!);
    }
  }

  memory(): Float64Array | null {
    return this.o.momentum !== 0 ? this.buf : null;
  }
}

export const SGD: OptimizerDef<SgdKwargs> = {
  name: 'SGD',
  defaults: OPTIMIZER_FACTS.SGD.defaults,
  parse(raw, field) {
    const o = readKwargs(raw, field, SGD.defaults);
    checkNonNegative(o, field, 'lr', 'learning rate');
    checkNonNegative(o, field, 'momentum', 'momentum value');
    checkNonNegative(o, field, 'weight_decay', 'weight_decay value');
    check(!o.nesterov || (o.momentum > 0 && o.dampening === 0), field, 'nesterov', 'Nesterov momentum requires a momentum and zero dampening');
    return o;
  },
  create: (kwargs) => new SgdStepper(kwargs),
};
