/** The torch.nn losses the hovers explain, each with its torch.nn.functional twin (torch 2.x). */
import type { LossFact } from './types';

const REDUCTION = { reduction: 'mean' } as const;
/** `size_average` and `reduce` are deprecated but still positional in torch: they keep their places. */
const MEAN = ['size_average', 'reduce', 'reduction'] as const;

export const LOSS_FACTS = {
  MSELoss: { functional: 'mse_loss', positional: MEAN, fnPositional: ['input', 'target', ...MEAN], defaults: REDUCTION },
  L1Loss: { functional: 'l1_loss', positional: MEAN, fnPositional: ['input', 'target', ...MEAN], defaults: REDUCTION },
  HuberLoss: { functional: 'huber_loss', positional: ['reduction', 'delta'], fnPositional: ['input', 'target', 'reduction', 'delta'], defaults: { ...REDUCTION, delta: 1.0 } },
  SmoothL1Loss: {
    functional: 'smooth_l1_loss', positional: [...MEAN, 'beta'], fnPositional: ['input', 'target', ...MEAN, 'beta'], defaults: { ...REDUCTION, beta: 1.0 },
  },
  CrossEntropyLoss: {
    functional: 'cross_entropy',
    positional: ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
    fnPositional: ['input', 'target', 'weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
    defaults: { weight: null, ignore_index: -100, ...REDUCTION, label_smoothing: 0.0 },
  },
  NLLLoss: {
    functional: 'nll_loss',
    positional: ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'],
    fnPositional: ['input', 'target', 'weight', 'size_average', 'ignore_index', 'reduce', 'reduction'],
    defaults: { weight: null, ignore_index: -100, ...REDUCTION },
  },
  BCELoss: {
    functional: 'binary_cross_entropy',
    positional: ['weight', ...MEAN],
    fnPositional: ['input', 'target', 'weight', ...MEAN],
    defaults: { weight: null, ...REDUCTION },
  },
  BCEWithLogitsLoss: {
    functional: 'binary_cross_entropy_with_logits',
    positional: ['weight', ...MEAN, 'pos_weight'],
    fnPositional: ['input', 'target', 'weight', ...MEAN, 'pos_weight'],
    defaults: { weight: null, ...REDUCTION, pos_weight: null },
  },
  KLDivLoss: {
    functional: 'kl_div', positional: [...MEAN, 'log_target'], fnPositional: ['input', 'target', ...MEAN, 'log_target'], defaults: { ...REDUCTION, log_target: false },
  },
} as const satisfies Readonly<Record<string, LossFact>>;

export type LossClass = keyof typeof LOSS_FACTS;

export const LOSS_CLASSES = Object.keys(LOSS_FACTS) as readonly LossClass[];

/** Where the loss classes live, as written after imports (`nn` is `torch.nn` by convention). */
export const LOSS_MODULES: readonly string[] = ['', 'torch.nn', 'nn', 'torch.nn.modules.loss', 'torch.nn.modules', 'nn.modules.loss'];
/** Where their functional twins live. */
export const FUNCTIONAL_MODULES: readonly string[] = ['torch.nn.functional', 'nn.functional', 'F', 'functional'];
