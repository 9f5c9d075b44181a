/**
 * The torch.optim classes: one entry per class. The first nine are the ones the core simulates, in
 * the order the panels offer them; their defaults are the core's (src/core/optim/<name>.ts reads
 * them from here).
 */
import type { OptimizerFact } from './types';

const ADAM_BETAS = [0.9, 0.999] as const;

export const OPTIMIZER_FACTS = {
  SGD: {
    simulated: true,
    positional: ['lr', 'momentum', 'dampening', 'weight_decay', 'nesterov'],
    // torch 1.13 requires lr; recent torch 2.x defaults it to 1e-3, which we follow.
    defaults: { lr: 1e-3, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false },
  },
  Adam: {
    simulated: true,
    positional: ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
    defaults: { lr: 1e-3, betas: ADAM_BETAS, eps: 1e-8, weight_decay: 0, amsgrad: false, maximize: false, decoupled_weight_decay: false },
  },
  AdamW: {
    simulated: true,
    positional: ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
    defaults: { lr: 1e-3, betas: ADAM_BETAS, eps: 1e-8, weight_decay: 1e-2, amsgrad: false, maximize: false },
  },
  RMSprop: {
    simulated: true,
    positional: ['lr', 'alpha', 'eps', 'weight_decay', 'momentum', 'centered', 'capturable', 'foreach', 'maximize', 'differentiable'],
    defaults: { lr: 1e-2, alpha: 0.99, eps: 1e-8, weight_decay: 0, momentum: 0, centered: false, maximize: false },
  },
  Adagrad: {
    simulated: true,
    positional: ['lr', 'lr_decay', 'weight_decay', 'initial_accumulator_value', 'eps', 'foreach'],
    defaults: { lr: 1e-2, lr_decay: 0, weight_decay: 0, initial_accumulator_value: 0, eps: 1e-10, maximize: false },
  },
  Adadelta: {
    simulated: true,
    positional: ['lr', 'rho', 'eps', 'weight_decay', 'foreach'],
    defaults: { lr: 1.0, rho: 0.9, eps: 1e-6, weight_decay: 0, maximize: false },
  },
  Adamax: {
    simulated: true,
    positional: ['lr', 'betas', 'eps', 'weight_decay', 'foreach'],
    defaults: { lr: 2e-3, betas: ADAM_BETAS, eps: 1e-8, weight_decay: 0, maximize: false },
  },
  NAdam: {
    simulated: true,
    positional: ['lr', 'betas', 'eps', 'weight_decay', 'momentum_decay', 'decoupled_weight_decay'],
    defaults: { lr: 2e-3, betas: ADAM_BETAS, eps: 1e-8, weight_decay: 0, momentum_decay: 4e-3, decoupled_weight_decay: false, maximize: false },
  },
  RAdam: {
    simulated: true,
    positional: ['lr', 'betas', 'eps', 'weight_decay', 'decoupled_weight_decay'],
    defaults: { lr: 1e-3, betas: ADAM_BETAS, eps: 1e-8, weight_decay: 0, decoupled_weight_decay: false, maximize: false },
  },
  SparseAdam: {
    simulated: false,
    positional: ['lr', 'betas', 'eps', 'maximize'],
    defaults: { lr: 1e-3, betas: ADAM_BETAS, eps: 1e-8, maximize: false },
  },
  ASGD: {
    simulated: false,
    positional: ['lr', 'lambd', 'alpha', 't0', 'weight_decay', 'foreach', 'maximize', 'differentiable', 'capturable'],
    defaults: { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weight_decay: 0, maximize: false },
  },
  LBFGS: {
    simulated: false,
    positional: ['lr', 'max_iter', 'max_eval', 'tolerance_grad', 'tolerance_change', 'history_size', 'line_search_fn'],
    defaults: { lr: 1, max_iter: 20, max_eval: null, tolerance_grad: 1e-7, tolerance_change: 1e-9, history_size: 100, line_search_fn: null },
  },
  Rprop: {
    simulated: false,
    positional: ['lr', 'etas', 'step_sizes'],
    defaults: { lr: 1e-2, etas: [0.5, 1.2], step_sizes: [1e-6, 50], maximize: false },
  },
  Adafactor: {
    simulated: false,
    positional: ['lr', 'beta2_decay', 'eps', 'd', 'weight_decay'],
    defaults: { lr: 1e-2, beta2_decay: -0.8, eps: [null, 1e-3], d: 1.0, weight_decay: 0.0, maximize: false },
  },
} as const satisfies Readonly<Record<string, OptimizerFact>>;

export type OptimizerClass = keyof typeof OPTIMIZER_FACTS;

/** The classes the core simulates (`simulated: true`), as a type. */
export type SimulatedOptimizer = { [K in OptimizerClass]: (typeof OPTIMIZER_FACTS)[K]['simulated'] extends true ? K : never }[OptimizerClass];

export const OPTIMIZER_CLASSES = Object.keys(OPTIMIZER_FACTS) as readonly OptimizerClass[];

export const SIMULATED_OPTIMIZERS = OPTIMIZER_CLASSES.filter((name): name is SimulatedOptimizer => OPTIMIZER_FACTS[name].simulated);

/**
 * Where a class name means torch's optimizer: `torch.optim`, the usual `optim` alias (also when the
 * file never imports it: a notebook cell or snippet), transformers' re-exports, or no module at all
 * (a bare `Adam` nothing else defines).
 */
export const OPTIMIZER_MODULES: readonly string[] = ['', 'torch.optim', 'optim', 'transformers', 'transformers.optimization'];

/**
 * torch.optim's base class, where it is defined and re-exported: a class deriving from it (or from
 * one of OPTIMIZER_CLASSES) is an optimizer of its own, whose `step()` is its update rule.
 */
export const OPTIMIZER_BASE_CLASSES: readonly string[] = ['Optimizer'];
export const OPTIMIZER_BASE_MODULES: readonly string[] = [...OPTIMIZER_MODULES, 'torch.optim.optimizer'];
