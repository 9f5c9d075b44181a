/**
 * The panel's curves: each loss and its gradient as a function of one number, with torch's
 * arithmetic.
 *   - Regression losses against the residual r = input − target (target 0).
 *   - CrossEntropyLoss against the logit of the true class, the other C − 1 logits at 0.
 *   - BCEWithLogitsLoss against the logit, BCELoss against the probability, of a positive (target 1).
 * `extra_activation` draws the mistake the analyser flags: cross_entropy applied to
 * softmax(logits), or BCEWithLogitsLoss to sigmoid(logit); the gradient is then taken through
 * that activation too (softmax_backward / sigmoid_backward), so the flattening is visible.
 * One sample per point, so the reduction does not change a curve.
 */
import { sigmoid } from './binary';
import type { LossConfig } from './config';
import { crossEntropy, laneSum, softmax } from './crossEntropy';
import { elementFunctions } from './elementwise';

export type ExtraActivation = 'softmax' | 'sigmoid';

/** Which activation doubles which loss. */
export const EXTRA_ACTIVATION_OF: Readonly<Partial<Record<LossConfig['type'], ExtraActivation>>> = {
  CrossEntropyLoss: 'softmax',
  BCEWithLogitsLoss: 'sigmoid',
};

export interface CurveRequest {
  readonly loss: LossConfig;
  /** Number of classes of a CrossEntropyLoss curve (≥ 2). */
  readonly classes: number;
  readonly extraActivation: ExtraActivation | null;
}

export interface CurvePoint {
  readonly loss: number;
  readonly grad: number;
}

/** The loss and d(loss)/dx at `x`. */
export function curvePoint(request: CurveRequest, x: number): CurvePoint {
  const { loss: config } = request;
  if (config.type === 'CrossEntropyLoss') return crossEntropyPoint(config.label_smoothing, request.classes, x, request.extraActivation === 'softmax');
  const f = elementFunctions({ ...config, type: config.type });
  // Regression: input r against target 0. Binary: a positive example.
  const target = config.type === 'BCELoss' || config.type === 'BCEWithLogitsLoss' ? 1 : 0;
  if (request.extraActivation !== 'sigmoid') return { loss: f.value(x, target), grad: f.grad(x, target, 1) };
  const s = sigmoid(x);
  // sigmoid_backward: grad · (1 − out) · out.
  return { loss: f.value(s, target), grad: f.grad(s, target, 1) * (1 - s) * s };
}

function crossEntropyPoint(labelSmoothing: number, classes: number, x: number, throughSoftmax: boolean): CurvePoint {
  const logits = new Array<number>(classes).fill(0);
  logits[0] = x;
  if (!throughSoftmax) {
    const { loss, grad } = crossEntropy([logits], [0], 'mean', labelSmoothing);
    return { loss: loss as number, grad: grad[0]![0]! };
  }
  const probs = new Float64Array(classes);
  softmax(logits, probs);
  const { loss, grad } = crossEntropy([Array.from(probs)], [0], 'mean', labelSmoothing);
  const g = grad[0]!;
  // softmax_backward: (grad − Σ grad · out) · out, at the true class.
  const dot = laneSum(g.map((gj, j) => gj * probs[j]!));
  return { loss: loss as number, grad: (g[0]! - dot) * probs[0]! };
}

/** The curve at every x. */
export function lossCurve(request: CurveRequest, xs: readonly number[]): { loss: number[]; grad: number[] } {
  const loss: number[] = [];
  const grad: number[] = [];
  for (const x of xs) {
    const point = curvePoint(request, x);
    loss.push(point.loss);
    grad.push(point.grad);
  }
  return { loss, grad };
}
