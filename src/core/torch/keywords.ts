/**
 * One line of help per keyword of the simulated optimizers, shown next to its field in the
 * optimizers panel (`kw.<name>`). English text, and its own l10n key: the host translates it.
 */
import type { OPTIMIZER_FACTS, SimulatedOptimizer } from './optimizers';

/** Every keyword a simulated optimizer accepts: the type makes a new one need its help line. */
export type OptimizerKeyword = { [K in SimulatedOptimizer]: keyof (typeof OPTIMIZER_FACTS)[K]['defaults'] }[SimulatedOptimizer];

export const KEYWORD_HELP: { readonly [K in OptimizerKeyword]: string } = {
  lr: 'learning rate',
  momentum: 'momentum factor',
  dampening: 'dampening for momentum',
  weight_decay: 'weight decay',
  nesterov: 'use Nesterov momentum',
  betas: 'coefficients of the running averages of the gradient and of its square',
  eps: 'term added to the denominator for numerical stability',
  amsgrad: 'use the AMSGrad variant',
  alpha: 'smoothing constant',
  centered: 'normalize by the estimated variance of the gradient',
  lr_decay: 'learning rate decay',
  initial_accumulator_value: 'initial value of the sum of squared gradients',
  rho: 'coefficient of the running average of squared gradients',
  momentum_decay: 'momentum decay',
  maximize: 'maximize the objective instead of minimizing it',
  decoupled_weight_decay: 'decoupled weight decay, as in AdamW',
};

export const OPTIMIZER_KEYWORDS = Object.keys(KEYWORD_HELP) as readonly OptimizerKeyword[];

/** The panel keys of the keyword help: `kw.lr`. */
export const KEYWORD_KEYS: readonly `kw.${OptimizerKeyword}`[] = OPTIMIZER_KEYWORDS.map((name) => `kw.${name}` as const);
