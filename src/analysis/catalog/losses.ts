/** The torch.nn losses the analyser recognises, with their torch.nn.functional names. */
import { ofKind, p, type ClassDoc } from './types';

const REDUCTION = "how the per-element losses are combined: 'mean', 'sum' or 'none'";
const WEIGHT = 'a manual rescaling weight per class (or per element)';
const IGNORE_INDEX = 'target value that is ignored and does not count in the mean';

export const LOSS_DOCS: readonly ClassDoc[] = ofKind('loss', [
  {
    cls: 'MSELoss',
    functional: 'mse_loss',
    summary: 'Mean squared error between prediction and target.',
    formula: ['ℓ = mean((xᵢ − yᵢ)²)'],
    params: [p('reduction', 'mean', REDUCTION)],
    use: 'Regression with roughly Gaussian noise.',
    pitfalls: [
      'A prediction of shape (N, 1) against a target of shape (N) broadcasts to (N, N): torch only warns. Match the shapes.',
      'Outliers dominate the mean; HuberLoss is more robust.',
    ],
  },
  {
    cls: 'L1Loss',
    functional: 'l1_loss',
    summary: 'Mean absolute error between prediction and target.',
    formula: ['ℓ = mean(|xᵢ − yᵢ|)'],
    params: [p('reduction', 'mean', REDUCTION)],
    use: 'Regression robust to outliers (predicts the median).',
    pitfalls: ['Its gradient is ±1 whatever the error, so it does not shrink near the optimum: decay the lr, or use SmoothL1Loss.'],
  },
  {
    cls: 'HuberLoss',
    functional: 'huber_loss',
    summary: 'Squared error for small errors, linear beyond delta.',
    formula: ['ℓᵢ = ½·(xᵢ − yᵢ)²  if |xᵢ − yᵢ| < delta', 'ℓᵢ = delta·(|xᵢ − yᵢ| − ½·delta)  else'],
    params: [p('reduction', 'mean', REDUCTION), p('delta', 1.0, 'the error at which the loss turns from quadratic to linear')],
    use: 'Regression with outliers, value functions in reinforcement learning: delta 1.0.',
    pitfalls: ['HuberLoss(delta) equals delta × SmoothL1Loss(beta=delta): swapping them rescales the gradients.'],
  },
  {
    cls: 'SmoothL1Loss',
    functional: 'smooth_l1_loss',
    summary: 'Like HuberLoss, divided by beta: L1 beyond beta, a smooth quadratic below.',
    formula: ['ℓᵢ = ½·(xᵢ − yᵢ)² / beta  if |xᵢ − yᵢ| < beta', 'ℓᵢ = |xᵢ − yᵢ| − ½·beta  else'],
    params: [p('reduction', 'mean', REDUCTION), p('beta', 1.0, 'the error at which the loss turns from quadratic to linear')],
    use: 'Box regression in detection (Fast R-CNN): beta 1.0 or 1/9.',
    pitfalls: ['With `beta=0` it is exactly L1Loss.'],
  },
  {
    cls: 'CrossEntropyLoss',
    functional: 'cross_entropy',
    summary: 'Log-softmax and negative log-likelihood in one: classification from raw logits.',
    formula: ['ℓₙ = −log( exp(x[n, yₙ]) / Σⱼ exp(x[n, j]) )'],
    params: [
      p('weight', null, WEIGHT),
      p('ignore_index', -100, IGNORE_INDEX),
      p('reduction', 'mean', REDUCTION),
      p('label_smoothing', 0.0, 'amount of smoothing of the target distribution, in [0, 1]'),
    ],
    use: 'Multi-class classification (one label per sample), language modelling; label_smoothing 0.1 for large image models.',
    pitfalls: [
      'It expects logits: a softmax before it squashes the gradients and slows training.',
      'Targets are class indices (int64, shape (N)) or class probabilities of the input’s shape, not one-hot floats of another shape.',
    ],
  },
  {
    cls: 'NLLLoss',
    functional: 'nll_loss',
    summary: 'Negative log-likelihood of the target class, from log-probabilities.',
    formula: ['ℓₙ = −weight[yₙ] · x[n, yₙ]'],
    params: [p('weight', null, WEIGHT), p('ignore_index', -100, IGNORE_INDEX), p('reduction', 'mean', REDUCTION)],
    use: 'After a `log_softmax` layer; otherwise CrossEntropyLoss on the logits does both.',
    pitfalls: ['It expects log-probabilities: on logits or softmax output it computes something else, silently.'],
  },
  {
    cls: 'BCELoss',
    functional: 'binary_cross_entropy',
    summary: 'Binary cross-entropy between probabilities and targets in [0, 1].',
    formula: ['ℓₙ = −weightₙ · (yₙ·log xₙ + (1 − yₙ)·log(1 − xₙ))'],
    params: [p('weight', null, WEIGHT), p('reduction', 'mean', REDUCTION)],
    use: 'Only when the model already outputs probabilities; prefer BCEWithLogitsLoss on the logits.',
    pitfalls: [
      'It expects probabilities (after a sigmoid); the logs are clamped at −100, which hides saturated outputs. BCEWithLogitsLoss is numerically stable.',
      'It is not allowed inside autocast (mixed precision): torch raises an error there.',
    ],
  },
  {
    cls: 'BCEWithLogitsLoss',
    functional: 'binary_cross_entropy_with_logits',
    summary: 'Sigmoid and binary cross-entropy in one, computed stably from raw logits.',
    formula: ['ℓₙ = −weightₙ · (pos_weight·yₙ·log σ(xₙ) + (1 − yₙ)·log(1 − σ(xₙ)))'],
    params: [
      p('weight', null, WEIGHT),
      p('reduction', 'mean', REDUCTION),
      p('pos_weight', null, 'weight of positive examples per class (negatives / positives for balance)'),
    ],
    use: 'Binary and multi-label classification.',
    pitfalls: ['It expects logits: a sigmoid before it applies the sigmoid twice.'],
  },
  {
    cls: 'KLDivLoss',
    functional: 'kl_div',
    summary: 'Kullback–Leibler divergence of the target distribution from the input distribution.',
    formula: ['ℓ = y · (log y − x),   x = log q', 'ℓ = exp(y) · (y − x)      if log_target'],
    params: [p('reduction', 'mean', REDUCTION), p('log_target', false, 'the target is given as log-probabilities')],
    use: "Distillation and VAEs, with `reduction='batchmean'`.",
    pitfalls: [
      'The input must be log-probabilities (`log_softmax`), the target probabilities unless `log_target=True`.',
      "`reduction='mean'` divides by the number of elements, not the batch size: `'batchmean'` gives the KL divergence.",
    ],
  },
]);
