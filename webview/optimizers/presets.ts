/**
 * Ready-made races, each showing one thing about optimizers. The numbers were chosen by running the
 * core: the seed demo is the core's DEFAULT_RACE; the others are described next to each.
 */
import { DEFAULT_RACE } from '../../src/core/simulate';
import type { Point, SurfaceName } from '../../src/core/surfaces';
import type { OptimizerName } from '../../src/core/optim';

export type PresetId = 'seed' | 'adamw' | 'rosenbrock' | 'saddle' | 'lrTooHigh';

export interface Preset {
  readonly id: PresetId;
  readonly surface: SurfaceName;
  /** Omitted: the surface's own start. */
  readonly start?: Point;
  readonly steps: number;
  /** Animation speed in steps per second, so that each preset plays in a few seconds. */
  readonly speed: number;
  readonly optimizers: readonly { readonly type: OptimizerName; readonly kwargs: Readonly<Record<string, unknown>> }[];
}

export const PRESETS: readonly Preset[] = [
  {
    // SGD zig-zags across the steep direction, momentum overshoots and swings back, Adam goes straight.
    id: 'seed',
    surface: DEFAULT_RACE.surface,
    start: DEFAULT_RACE.start,
    steps: DEFAULT_RACE.steps,
    speed: 25,
    optimizers: DEFAULT_RACE.optimizers.map((o) => ({ type: o.type, kwargs: o.kwargs })),
  },
  {
    // From (0, 0) all three head for the minimum at (3, 2). Adam's L2 term is divided by the same
    // adaptive denominator as the gradient and barely matters; AdamW's decoupled decay shrinks the
    // weights directly and settles near (1.98, 1.83), loss ≈ 30.
    id: 'adamw',
    surface: 'himmelblau',
    steps: 300,
    speed: 50,
    optimizers: [
      { type: 'Adam', kwargs: { lr: 0.1 } },
      { type: 'Adam', kwargs: { lr: 0.1, weight_decay: 0.5 } },
      { type: 'AdamW', kwargs: { lr: 0.1, weight_decay: 0.5 } },
    ],
  },
  {
    // Plain SGD crawls along the banana-shaped valley (loss ≈ 2.8 after 1,000 steps), momentum
    // reaches (1, 1), Adam and RMSprop follow the curve at their own pace.
    id: 'rosenbrock',
    surface: 'rosenbrock',
    steps: 1000,
    speed: 100,
    optimizers: [
      { type: 'SGD', kwargs: { lr: 1e-3 } },
      { type: 'SGD', kwargs: { lr: 1e-3, momentum: 0.9 } },
      { type: 'Adam', kwargs: { lr: 0.05 } },
      { type: 'RMSprop', kwargs: { lr: 0.01 } },
    ],
  },
  {
    // Starting a hair off the ridge (y = 0.01) the gradient along y is tiny: SGD and momentum first
    // slide down x to the saddle point and linger there; Adam and RMSprop rescale the tiny gradient
    // into full-size steps and are off the ridge long before (after 50 steps Adam's loss is −9, SGD's −1.4).
    id: 'saddle',
    surface: 'saddle',
    steps: 80,
    speed: 20,
    optimizers: [
      { type: 'SGD', kwargs: { lr: 0.05 } },
      { type: 'SGD', kwargs: { lr: 0.01, momentum: 0.9 } },
      { type: 'Adam', kwargs: { lr: 0.05 } },
      { type: 'RMSprop', kwargs: { lr: 0.01 } },
    ],
  },
  {
    // The ravine's steep direction has curvature 2, so SGD is stable for lr < 1: at 0.5 it converges,
    // at 1.0 it bounces between y = ±1.5 forever, at 1.1 it diverges. Adam's steps are bounded by lr.
    id: 'lrTooHigh',
    surface: 'ravine',
    steps: 100,
    speed: 20,
    optimizers: [
      { type: 'SGD', kwargs: { lr: 0.5 } },
      { type: 'SGD', kwargs: { lr: 1.0 } },
      { type: 'SGD', kwargs: { lr: 1.1 } },
      { type: 'Adam', kwargs: { lr: 1.5 } },
    ],
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
