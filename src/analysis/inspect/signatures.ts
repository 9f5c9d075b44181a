/**
 * torch's constructor signatures, for mapping positional arguments to parameter names and for the
 * defaults of the classes the core does not simulate. The 9 simulated optimizers and the 15
 * schedulers take their defaults from the core (one source of truth; a unit test checks that the
 * positional names here are keywords the core knows).
 *
 * A signature's positional list starts at the first parameter: `params`, `optimizer`, or a
 * functional loss's `input` (the thing configured or the data, never shown as a setting).
 */
import { OPTIMIZERS as CORE_OPTIMIZERS, isOptimizerName } from '../../core/optim';
import { SCHEDULERS as CORE_SCHEDULERS } from '../../core/schedule';
import { SCHEDULER_TYPES, type SchedulerType } from '../../core/schedule/types';
import type { ArgValue, TorchKind } from '../symbols';

export interface Signature {
  readonly kind: TorchKind;
  /** Parameters that may be given by position, in order (after `params` / `optimizer`). */
  readonly positional: readonly string[];
  /** Keyword-only parameters that matter (deprecated and performance-only ones left out). */
  readonly keywordOnly: readonly string[];
  /** Defaults of every parameter that has one; required parameters are absent. */
  readonly defaults: Readonly<Record<string, ArgValue>>;
}

/** Parameters with no effect on the numbers (implementation switches, deprecated flags). */
export const SILENT_PARAMS: ReadonlySet<string> = new Set([
  'foreach', 'capturable', 'differentiable', 'fused', 'verbose', 'size_average', 'reduce', 'last_epoch',
]);

const EPOCH = ['last_epoch', 'verbose'];

/** Positional parameters of the optimizers after `params` (torch 2.x; 1.13 has the same order). */
const OPTIMIZER_POSITIONAL: Readonly<Record<string, readonly string[]>> = {
  SGD: ['lr', 'momentum', 'dampening', 'weight_decay', 'nesterov'],
  Adam: ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
  AdamW: ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
  RMSprop: ['lr', 'alpha', 'eps', 'weight_decay', 'momentum', 'centered', 'capturable', 'foreach', 'maximize', 'differentiable'],
  Adagrad: ['lr', 'lr_decay', 'weight_decay', 'initial_accumulator_value', 'eps', 'foreach'],
  Adadelta: ['lr', 'rho', 'eps', 'weight_decay', 'foreach'],
  Adamax: ['lr', 'betas', 'eps', 'weight_decay', 'foreach'],
  NAdam: ['lr', 'betas', 'eps', 'weight_decay', 'momentum_decay', 'decoupled_weight_decay'],
  RAdam: ['lr', 'betas', 'eps', 'weight_decay', 'decoupled_weight_decay'],
  SparseAdam: ['lr', 'betas', 'eps', 'maximize'],
  ASGD: ['lr', 'lambd', 'alpha', 't0', 'weight_decay', 'foreach', 'maximize', 'differentiable', 'capturable'],
  LBFGS: ['lr', 'max_iter', 'max_eval', 'tolerance_grad', 'tolerance_change', 'history_size', 'line_search_fn'],
  Rprop: ['lr', 'etas', 'step_sizes'],
  Adafactor: ['lr', 'beta2_decay', 'eps', 'd', 'weight_decay'],
};

/** Defaults of the optimizers the core does not simulate (torch 2.x). */
const OTHER_OPTIMIZER_DEFAULTS: Readonly<Record<string, Readonly<Record<string, ArgValue>>>> = {
  SparseAdam: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, maximize: false },
  ASGD: { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weight_decay: 0, maximize: false },
  LBFGS: { lr: 1, max_iter: 20, max_eval: null, tolerance_grad: 1e-7, tolerance_change: 1e-9, history_size: 100, line_search_fn: null },
  Rprop: { lr: 1e-2, etas: [0.5, 1.2], step_sizes: [1e-6, 50], maximize: false },
  Adafactor: { lr: 1e-2, beta2_decay: -0.8, eps: [null, 1e-3], d: 1.0, weight_decay: 0.0, maximize: false },
};

/** Positional parameters of the schedulers, after `optimizer`. */
const SCHEDULER_POSITIONAL: { readonly [K in SchedulerType]: readonly string[] } = {
  LambdaLR: ['lr_lambda', ...EPOCH],
  MultiplicativeLR: ['lr_lambda', ...EPOCH],
  StepLR: ['step_size', 'gamma', ...EPOCH],
  MultiStepLR: ['milestones', 'gamma', ...EPOCH],
  ConstantLR: ['factor', 'total_iters', ...EPOCH],
  LinearLR: ['start_factor', 'end_factor', 'total_iters', ...EPOCH],
  ExponentialLR: ['gamma', ...EPOCH],
  PolynomialLR: ['total_iters', 'power', ...EPOCH],
  CosineAnnealingLR: ['T_max', 'eta_min', ...EPOCH],
  CosineAnnealingWarmRestarts: ['T_0', 'T_mult', 'eta_min', ...EPOCH],
  CyclicLR: [
    'base_lr', 'max_lr', 'step_size_up', 'step_size_down', 'mode', 'gamma', 'scale_fn', 'scale_mode', 'cycle_momentum',
    'base_momentum', 'max_momentum', ...EPOCH,
  ],
  OneCycleLR: [
    'max_lr', 'total_steps', 'epochs', 'steps_per_epoch', 'pct_start', 'anneal_strategy', 'cycle_momentum', 'base_momentum',
    'max_momentum', 'div_factor', 'final_div_factor', 'three_phase', ...EPOCH,
  ],
  ReduceLROnPlateau: ['mode', 'factor', 'patience', 'threshold', 'threshold_mode', 'cooldown', 'min_lr', 'eps', 'verbose'],
  SequentialLR: ['schedulers', 'milestones', ...EPOCH],
  ChainedScheduler: [],
};

const REDUCTION = { reduction: 'mean' } as const;

/** The losses the hovers explain: constructor parameters (torch 2.x, deprecated ones last). */
const LOSSES: Readonly<Record<string, { readonly positional: readonly string[]; readonly defaults: Readonly<Record<string, ArgValue>>; readonly functional: string; readonly fnPositional: readonly string[] }>> = {
  MSELoss: { positional: ['size_average', 'reduce', 'reduction'], defaults: REDUCTION, functional: 'mse_loss', fnPositional: ['input', 'target', 'size_average', 'reduce', 'reduction'] },
  L1Loss: { positional: ['size_average', 'reduce', 'reduction'], defaults: REDUCTION, functional: 'l1_loss', fnPositional: ['input', 'target', 'size_average', 'reduce', 'reduction'] },
  HuberLoss: { positional: ['reduction', 'delta'], defaults: { ...REDUCTION, delta: 1.0 }, functional: 'huber_loss', fnPositional: ['input', 'target', 'reduction', 'delta'] },
  SmoothL1Loss: {
    positional: ['size_average', 'reduce', 'reduction', 'beta'], defaults: { ...REDUCTION, beta: 1.0 }, functional: 'smooth_l1_loss',
    fnPositional: ['input', 'target', 'size_average', 'reduce', 'reduction', 'beta'],
  },
  CrossEntropyLoss: {
    positional: ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
    defaults: { weight: null, ignore_index: -100, ...REDUCTION, label_smoothing: 0.0 }, functional: 'cross_entropy',
    fnPositional: ['input', 'target', 'weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
  },
  NLLLoss: {
    positional: ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'], defaults: { weight: null, ignore_index: -100, ...REDUCTION },
    functional: 'nll_loss', fnPositional: ['input', 'target', 'weight', 'size_average', 'ignore_index', 'reduce', 'reduction'],
  },
  BCELoss: {
    positional: ['weight', 'size_average', 'reduce', 'reduction'], defaults: { weight: null, ...REDUCTION }, functional: 'binary_cross_entropy',
    fnPositional: ['input', 'target', 'weight', 'size_average', 'reduce', 'reduction'],
  },
  BCEWithLogitsLoss: {
    positional: ['weight', 'size_average', 'reduce', 'reduction', 'pos_weight'], defaults: { weight: null, ...REDUCTION, pos_weight: null },
    functional: 'binary_cross_entropy_with_logits', fnPositional: ['input', 'target', 'weight', 'size_average', 'reduce', 'reduction', 'pos_weight'],
  },
  KLDivLoss: {
    positional: ['size_average', 'reduce', 'reduction', 'log_target'], defaults: { ...REDUCTION, log_target: false }, functional: 'kl_div',
    fnPositional: ['input', 'target', 'size_average', 'reduce', 'reduction', 'log_target'],
  },
};

/** The loss classes the hovers cover, by name. */
export const LOSS_CLASSES: readonly string[] = Object.keys(LOSSES);

/** `cross_entropy` → `CrossEntropyLoss`. */
export const LOSS_BY_FUNCTIONAL: ReadonlyMap<string, string> = new Map(Object.entries(LOSSES).map(([cls, l]) => [l.functional, cls]));

function coreOptimizerDefaults(cls: string): Readonly<Record<string, ArgValue>> | undefined {
  return isOptimizerName(cls) ? (CORE_OPTIMIZERS[cls].defaults as unknown as Readonly<Record<string, ArgValue>>) : undefined;
}

function isSchedulerType(cls: string): cls is SchedulerType {
  return (SCHEDULER_TYPES as readonly string[]).includes(cls);
}

/** The signature of a torch class (`functional`: called as `F.cross_entropy`), or undefined. */
export function signatureOf(kind: TorchKind, cls: string, functional = false): Signature | undefined {
  if (kind === 'optimizer') {
    const positional = OPTIMIZER_POSITIONAL[cls];
    const defaults = coreOptimizerDefaults(cls) ?? OTHER_OPTIMIZER_DEFAULTS[cls];
    if (!positional || !defaults) return undefined;
    return { kind, positional: ['params', ...positional], keywordOnly: Object.keys(defaults).filter((k) => !positional.includes(k)), defaults };
  }
  if (kind === 'scheduler') {
    if (!isSchedulerType(cls)) return undefined;
    const entry = CORE_SCHEDULERS[cls];
    // ChainedScheduler(schedulers, optimizer=None) is the one whose first parameter is not the optimizer.
    const positional = cls === 'ChainedScheduler' ? ['schedulers', 'optimizer'] : ['optimizer', ...SCHEDULER_POSITIONAL[cls]];
    const names = [...entry.required, ...Object.keys(entry.defaults)];
    return { kind, positional, keywordOnly: names.filter((k) => !positional.includes(k)), defaults: entry.defaults as Readonly<Record<string, ArgValue>> };
  }
  const loss = LOSSES[cls];
  if (!loss) return undefined;
  if (functional) return { kind, positional: loss.fnPositional, keywordOnly: [], defaults: loss.defaults };
  return { kind, positional: loss.positional, keywordOnly: [], defaults: loss.defaults };
}

/** Required parameters (no default) the core knows of, in signature order. */
export function requiredParams(kind: TorchKind, cls: string): readonly string[] {
  if (kind === 'scheduler' && isSchedulerType(cls)) return CORE_SCHEDULERS[cls].required;
  return [];
}

export const OPTIMIZER_CLASSES: readonly string[] = Object.keys(OPTIMIZER_POSITIONAL);
export const SCHEDULER_CLASSES: readonly string[] = SCHEDULER_TYPES;
