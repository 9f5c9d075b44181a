/**
 * torch 1.13's binary cross-entropies, element by element (aten/src/ATen/native/Loss.cpp).
 * Written as 1.13 computes them, which is not always the most accurate way: BCELoss takes
 * log(1 − p) (not log1p(−p)) clamped at −100, and BCEWithLogitsLoss's log-sum-exp is
 * log(exp(−m) + exp(−x − m)) + m with m = max(−x, 0), so it returns exactly 0 once exp(−x) drops
 * below half an ulp of 1 (x ≳ 37). The unit tests hold these to torch's own numbers.
 */

/** binary_cross_entropy_backward's floor on p(1 − p): a float constant in torch, hence fround. */
const EPSILON = Math.fround(1e-12);

export function bceValue(p: number, t: number): number {
  return (t - 1) * Math.max(Math.log(1 - p), -100) - t * Math.max(Math.log(p), -100);
}

/** d/dp, times `norm` (grad_output of the element after the reduction). */
export function bceGrad(p: number, t: number, norm: number): number {
  return (norm * (p - t)) / Math.max((1 - p) * p, EPSILON);
}

/** torch's CPU sigmoid for doubles. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** `posWeight` null: no pos_weight (not the same arithmetic as pos_weight = 1, hence not a default of 1). */
export function bceWithLogitsValue(x: number, t: number, posWeight: number | null): number {
  const m = Math.max(-x, 0);
  const logSumExp = Math.log(Math.exp(-m) + Math.exp(-x - m));
  if (posWeight === null) return (1 - t) * x + m + logSumExp;
  const logWeight = (posWeight - 1) * t + 1;
  return (1 - t) * x + logWeight * (logSumExp + m);
}

export function bceWithLogitsGrad(x: number, t: number, posWeight: number | null, norm: number): number {
  if (posWeight === null) return (sigmoid(x) - t) * norm;
  const pt = posWeight * t;
  return ((pt + 1 - t) * sigmoid(x) - pt) * norm;
}
