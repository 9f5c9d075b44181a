/**
 * The schedule webview's hot path: the full 100,000-step schedule (MAX_STEPS) of each scheduler,
 * written into preallocated arrays. Goal: well under a frame budget per edit, 100 ms per schedule.
 */
import type { BenchCase } from '../harness';
import { MAX_STEPS } from '../../src/core/spec';
import { parseScheduleSpec, simulateSchedule } from '../../src/core/schedule/run';

const SCHEDULERS: Record<string, unknown> = {
  LambdaLR: { type: 'LambdaLR', lr_lambda: 'lambda e: 0.5 * (1 + math.cos(math.pi * e / 100000)) if e > 1000 else e / 1000' },
  MultiplicativeLR: { type: 'MultiplicativeLR', lr_lambda: 'lambda e: 0.99999' },
  StepLR: { type: 'StepLR', step_size: 10000, gamma: 0.5 },
  MultiStepLR: { type: 'MultiStepLR', milestones: [30000, 60000, 90000] },
  ConstantLR: { type: 'ConstantLR', total_iters: 1000 },
  LinearLR: { type: 'LinearLR', start_factor: 0.01, total_iters: 100000 },
  ExponentialLR: { type: 'ExponentialLR', gamma: 0.99995 },
  PolynomialLR: { type: 'PolynomialLR', total_iters: 100000, power: 0.9 },
  CosineAnnealingLR: { type: 'CosineAnnealingLR', T_max: 100000, eta_min: 1e-6 },
  CosineAnnealingWarmRestarts: { type: 'CosineAnnealingWarmRestarts', T_0: 1000, T_mult: 2 },
  CyclicLR: { type: 'CyclicLR', base_lr: 1e-4, max_lr: 1e-2, mode: 'exp_range', gamma: 0.99999 },
  OneCycleLR: { type: 'OneCycleLR', max_lr: 0.1, total_steps: 100000, three_phase: true },
  ReduceLROnPlateau: { type: 'ReduceLROnPlateau', patience: 100, cooldown: 10 },
  SequentialLR: { type: 'SequentialLR', schedulers: [{ type: 'LinearLR', start_factor: 0.01, total_iters: 2000 }, { type: 'CosineAnnealingLR', T_max: 98000 }], milestones: [2000] },
  ChainedScheduler: { type: 'ChainedScheduler', schedulers: [{ type: 'ExponentialLR', gamma: 0.99999 }, { type: 'CyclicLR', base_lr: 0.01, max_lr: 0.1 }] },
};

// A slowly improving, noisy metric for ReduceLROnPlateau (deterministic).
const metrics = Array.from({ length: MAX_STEPS }, (_, k) => 1 / (1 + k / 5000) + 0.01 * Math.sin(k * 12.9898));

const into = { lrs: new Float64Array(MAX_STEPS + 1), momenta: new Float64Array(MAX_STEPS + 1) };

export const cases: BenchCase[] = Object.entries(SCHEDULERS).map(([name, scheduler]) => {
  const spec = parseScheduleSpec({ base_lr: 0.1, steps: MAX_STEPS, scheduler, ...(name === 'ReduceLROnPlateau' ? { metrics } : {}) });
  return {
    group: 'schedule',
    name: `${name} · ${MAX_STEPS.toLocaleString('en')} steps`,
    goalMs: 100,
    run: () => simulateSchedule(spec, into).lrs[MAX_STEPS],
  };
});
