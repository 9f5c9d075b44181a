/**
 * torch 1.13's cross_entropy with class-index targets: log_softmax (max subtracted first), then
 * nll_loss, and with label_smoothing ε the mix (1 − ε)·nll + (ε/C)·(−Σⱼ log pⱼ). The gradient is
 * what autograd runs: the gradient g of the log-probabilities from both terms, then
 * log_softmax_backward, g − exp(log p)·Σg.
 */
import type { Reduction } from './config';

const LANES = 4;
const lanes = new Float64Array(LANES);

/**
 * Σ f(xⱼ) in the order of aten's `vec::map_reduce_all` on AVX2 doubles: four lane accumulators
 * (lane k sums elements k, k + 4, …; a short tail goes into the first lanes), then
 * ((lane₀ + lane₁) + lane₂) + lane₃. Over a thousand classes a plain left-to-right sum drifts
 * from torch's by hundreds of ulps; this order is what keeps the sums torch's.
 */
export function laneSum(xs: ArrayLike<number>, f: (x: number) => number = (x) => x): number {
  const size = xs.length;
  if (size < LANES) {
    let acc = size > 0 ? f(xs[0]!) : 0;
    for (let i = 1; i < size; i++) acc += f(xs[i]!);
    return acc;
  }
  for (let k = 0; k < LANES; k++) lanes[k] = f(xs[k]!);
  let d = LANES;
  for (; d < size - (size % LANES); d += LANES) for (let k = 0; k < LANES; k++) lanes[k] = lanes[k]! + f(xs[d + k]!);
  for (let k = 0; d + k < size; k++) lanes[k] = lanes[k]! + f(xs[d + k]!);
  return lanes[0]! + lanes[1]! + lanes[2]! + lanes[3]!;
}

function maxOf(row: ArrayLike<number>): number {
  let max = -Infinity;
  for (let j = 0; j < row.length; j++) max = Math.max(max, row[j]!);
  return max;
}

/** log_softmax of `row` into `out` (the same length), as aten's CPU kernel: x − max − log Σ exp(x − max). */
export function logSoftmax(row: ArrayLike<number>, out: Float64Array): void {
  const max = maxOf(row);
  const logSum = Math.log(laneSum(row, (x) => Math.exp(x - max)));
  for (let j = 0; j < row.length; j++) out[j] = row[j]! - max - logSum;
}

/** softmax of `row` into `out`, as aten's CPU kernel: exp(x − max) times the reciprocal of their sum. */
export function softmax(row: ArrayLike<number>, out: Float64Array): void {
  const max = maxOf(row);
  for (let j = 0; j < row.length; j++) out[j] = Math.exp(row[j]! - max);
  const inverse = 1 / laneSum(out);
  for (let j = 0; j < row.length; j++) out[j] = out[j]! * inverse;
}

export interface CrossEntropyResult {
  /** One loss per sample ('none'), or the reduced loss. */
  readonly loss: number | number[];
  /** d(loss)/d(logits), row by row (for 'none', the gradient of the sum of the per-sample losses). */
  readonly grad: number[][];
}

/** Cross-entropy of N rows of C logits against class indices. */
export function crossEntropy(logits: readonly (readonly number[])[], targets: readonly number[], reduction: Reduction, labelSmoothing: number): CrossEntropyResult {
  const n = logits.length;
  const classes = logits[0]?.length ?? 0;
  const logp = new Float64Array(classes);
  const nll: number[] = [];
  const smooth: number[] = [];
  const grad: number[][] = [];
  // grad_output of each sample's nll and smooth terms: mean divides by N (no weights, no ignored targets).
  const norm = reduction === 'mean' ? 1 / n : 1;
  const nllScale = (1 - labelSmoothing) * norm;
  const smoothScale = (labelSmoothing / classes) * norm;
  for (let i = 0; i < n; i++) {
    const row = logits[i]!;
    const target = targets[i]!;
    logSoftmax(row, logp);
    nll.push(-logp[target]!);
    let sumLogp = 0;
    for (let j = 0; j < classes; j++) sumLogp += logp[j]!;
    smooth.push(-sumLogp);
    const g = new Float64Array(classes);
    for (let j = 0; j < classes; j++) {
      // Without smoothing torch never builds the smooth term, so its gradient is not even a zero added.
      const fromSmooth = labelSmoothing > 0 ? -smoothScale : 0;
      g[j] = j === target ? -nllScale + fromSmooth : fromSmooth;
    }
    const gSum = laneSum(g);
    grad.push(Array.from(g, (gj, j) => gj - Math.exp(logp[j]!) * gSum));
  }
  const mix = (a: number, b: number) => (labelSmoothing > 0 ? a * (1 - labelSmoothing) + b * (labelSmoothing / classes) : a);
  if (reduction === 'none') return { loss: nll.map((a, i) => mix(a, smooth[i]!)), grad };
  const total = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  const scale = reduction === 'mean' ? n : 1;
  return { loss: mix(total(nll) / scale, total(smooth) / scale), grad };
}
