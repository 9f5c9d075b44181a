/**
 * The element-wise regression losses of torch 1.13 (aten/src/ATen/native/Loss.cpp and the CPU
 * kernels of BinaryOpsKernel.cpp / PointwiseOpsKernel.cpp), as functions of the residual
 * r = input − target. `grad` is d(loss)/d(input) for one element given `norm`, the factor the
 * reduction puts on every element's gradient (1/N for 'mean', 1 for 'sum' and 'none'); torch
 * multiplies it in the same place, so the branches below mirror its backward kernels.
 */

export interface RegressionParams {
  /** HuberLoss's delta (> 0). */
  readonly delta: number;
  /** SmoothL1Loss's beta (≥ 0). */
  readonly beta: number;
}

export interface ElementLoss {
  value(r: number, params: RegressionParams): number;
  grad(r: number, norm: number, params: RegressionParams): number;
}

/** torch's `sgn` for real numbers: 0 at 0 (so L1's gradient there is 0, not ±1). */
function sgn(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

export const MSE: ElementLoss = {
  value: (r) => r * r,
  // mse_loss_backward: (input − target) · (2/N or 2) · grad_output.
  grad: (r, norm) => r * (2 * norm),
};

export const L1: ElementLoss = {
  value: (r) => Math.abs(r),
  // l1_loss is abs() then the reduction in 1.13: the gradient is autograd's, sgn(r) · norm.
  grad: (r, norm) => norm * sgn(r),
};

export const HUBER: ElementLoss = {
  value: (r, { delta }) => {
    const z = Math.abs(r);
    return z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta);
  },
  grad: (r, norm, { delta }) => (r < -delta ? -norm * delta : r > delta ? norm * delta : norm * r),
};

/**
 * With beta = 0 torch's forward hands over to l1_loss (the same values: z < 0 never holds), but its
 * backward stays smooth_l1's, whose first branch (x <= −0) makes the gradient at r = 0 −norm.
 */
export const SMOOTH_L1: ElementLoss = {
  value: (r, { beta }) => {
    const z = Math.abs(r);
    return z < beta ? (0.5 * z * z) / beta : z - 0.5 * beta;
  },
  grad: (r, norm, { beta }) => (r <= -beta ? -norm : r >= beta ? norm : (norm * r) / beta),
};
