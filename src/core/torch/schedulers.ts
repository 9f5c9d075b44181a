/**
 * The torch.optim.lr_scheduler classes, and the schedule factories of the libraries around torch.
 * Every class here is simulated by the core (src/core/schedule/<name>.ts holds its defaults and
 * validation); the order is the one the panels offer.
 */
import type { SchedulerFact } from './types';

/** Resuming and logging: positional in torch, never part of the schedule. */
const EPOCH = ['last_epoch', 'verbose'] as const;

export const SCHEDULER_FACTS = {
  LambdaLR: { positional: ['lr_lambda', ...EPOCH] },
  MultiplicativeLR: { positional: ['lr_lambda', ...EPOCH] },
  StepLR: { positional: ['step_size', 'gamma', ...EPOCH] },
  MultiStepLR: { positional: ['milestones', 'gamma', ...EPOCH] },
  ConstantLR: { positional: ['factor', 'total_iters', ...EPOCH] },
  LinearLR: { positional: ['start_factor', 'end_factor', 'total_iters', ...EPOCH] },
  ExponentialLR: { positional: ['gamma', ...EPOCH] },
  PolynomialLR: { positional: ['total_iters', 'power', ...EPOCH] },
  CosineAnnealingLR: { positional: ['T_max', 'eta_min', ...EPOCH] },
  CosineAnnealingWarmRestarts: { positional: ['T_0', 'T_mult', 'eta_min', ...EPOCH] },
  CyclicLR: {
    positional: [
      'base_lr', 'max_lr', 'step_size_up', 'step_size_down', 'mode', 'gamma', 'scale_fn', 'scale_mode', 'cycle_momentum',
      'base_momentum', 'max_momentum', ...EPOCH,
    ],
  },
  OneCycleLR: {
    positional: [
      'max_lr', 'total_steps', 'epochs', 'steps_per_epoch', 'pct_start', 'anneal_strategy', 'cycle_momentum', 'base_momentum',
      'max_momentum', 'div_factor', 'final_div_factor', 'three_phase', ...EPOCH,
    ],
  },
  ReduceLROnPlateau: { positional: ['mode', 'factor', 'patience', 'threshold', 'threshold_mode', 'cooldown', 'min_lr', 'eps', 'verbose'] },
  SequentialLR: { positional: ['schedulers', 'milestones', ...EPOCH] },
  // ChainedScheduler(schedulers, optimizer=None): the one whose first parameter is not the optimizer.
  ChainedScheduler: { positional: [] },
} as const satisfies Readonly<Record<string, SchedulerFact>>;

export type SchedulerClass = keyof typeof SCHEDULER_FACTS;

export const SCHEDULER_CLASSES = Object.keys(SCHEDULER_FACTS) as readonly SchedulerClass[];

/** Where a class name means torch's scheduler (as for optimizers: the aliases, or no module). */
export const SCHEDULER_MODULES: readonly string[] = ['', 'torch.optim.lr_scheduler', 'lr_scheduler', 'optim.lr_scheduler'];

/** The schedulers' base classes (`_LRScheduler` before torch 2.0): a class deriving from one is a scheduler. */
export const SCHEDULER_BASE_CLASSES: readonly string[] = ['LRScheduler', '_LRScheduler'];

/**
 * transformers / diffusers schedule factories (`transformers.optimization`): LambdaLR schedules
 * whose horizon is `num_training_steps`, i.e. optimizer steps.
 */
export const STEP_SCHEDULE_FACTORIES: readonly string[] = [
  'get_scheduler', 'get_linear_schedule_with_warmup', 'get_cosine_schedule_with_warmup',
  'get_cosine_with_hard_restarts_schedule_with_warmup', 'get_polynomial_decay_schedule_with_warmup',
  'get_constant_schedule', 'get_constant_schedule_with_warmup', 'get_inverse_sqrt_schedule',
  'get_wsd_schedule', 'get_cosine_with_min_lr_schedule_with_warmup', 'get_reduce_on_plateau_schedule',
];
/** Where those factories live (a bare name counts too). */
export const STEP_SCHEDULE_MODULES: readonly string[] = ['transformers', 'transformers.optimization', 'diffusers.optimization'];

/**
 * The warmup schedules of pytorch_transformers / early transformers (LambdaLR subclasses,
 * `WarmupLinearSchedule(optimizer, warmup_steps, t_total)`): their horizon, by keyword and
 * position, counts optimizer steps.
 */
export const LEGACY_WARMUP_SCHEDULES: Readonly<Record<string, readonly [keyword: string, position: number]>> = {
  WarmupLinearSchedule: ['t_total', 2],
  WarmupCosineSchedule: ['t_total', 2],
  WarmupCosineWithHardRestartsSchedule: ['t_total', 2],
  WarmupConstantSchedule: ['warmup_steps', 1],
};
/** Where those classes live (a bare name counts too). */
export const LEGACY_WARMUP_MODULES: readonly string[] = [
  'pytorch_transformers', 'pytorch_transformers.optimization', 'transformers', 'transformers.optimization',
];
