/**
 * A whole loss call on 1-D input and target (the regression losses and both binary
 * cross-entropies): the per-element losses, the reduction, and d(loss)/d(input). For 'none' the
 * gradient is that of the sum of the losses (backward with a gradient of ones), as
 * `loss.backward(torch.ones_like(loss))` gives.
 */
import { bceGrad, bceValue, bceWithLogitsGrad, bceWithLogitsValue } from './binary';
import type { LossConfig, LossType, Reduction } from './config';
import { HUBER, L1, MSE, SMOOTH_L1, type ElementLoss } from './regression';

export interface ElementwiseResult {
  readonly loss: number | number[];
  readonly grad: number[];
}

type ElementwiseType = Exclude<LossType, 'CrossEntropyLoss'>;

const REGRESSION: Readonly<Record<Exclude<ElementwiseType, 'BCELoss' | 'BCEWithLogitsLoss'>, ElementLoss>> = {
  MSELoss: MSE,
  L1Loss: L1,
  HuberLoss: HUBER,
  SmoothL1Loss: SMOOTH_L1,
};

/** One element's loss and gradient (given the reduction's factor `norm`) for `config`. */
export function elementFunctions(config: LossConfig & { readonly type: ElementwiseType }): {
  value: (input: number, target: number) => number;
  grad: (input: number, target: number, norm: number) => number;
} {
  switch (config.type) {
    case 'BCELoss':
      return { value: bceValue, grad: bceGrad };
    case 'BCEWithLogitsLoss': {
      const pw = config.pos_weight;
      return { value: (x, t) => bceWithLogitsValue(x, t, pw), grad: (x, t, norm) => bceWithLogitsGrad(x, t, pw, norm) };
    }
    default: {
      const loss = REGRESSION[config.type];
      return { value: (x, t) => loss.value(x - t, config), grad: (x, t, norm) => loss.grad(x - t, norm, config) };
    }
  }
}

export function reduce(values: number[], reduction: Reduction): number | number[] {
  if (reduction === 'none') return values;
  const sum = values.reduce((s, v) => s + v, 0);
  return reduction === 'mean' ? sum / values.length : sum;
}

export function elementwiseLoss(config: LossConfig & { readonly type: ElementwiseType }, input: readonly number[], target: readonly number[]): ElementwiseResult {
  const { value, grad } = elementFunctions(config);
  const norm = config.reduction === 'mean' ? 1 / input.length : 1;
  return {
    loss: reduce(input.map((x, i) => value(x, target[i]!)), config.reduction),
    grad: input.map((x, i) => grad(x, target[i]!, norm)),
  };
}
