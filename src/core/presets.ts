/**
 * Ready-made races, each showing one thing about optimizers: the panel's preset menu and
 * `optim-lens presets` read this one list. A preset is data: a `simulate` spec (the CLI's own
 * input, so any preset can be reproduced in a terminal), what to notice (its caption), the labels
 * that say how its racers differ, and how fast the panel plays it. Titles and captions are
 * English here and translated where they are shown (the host's and the CLI's `l10n.t`).
 *
 * The numbers were chosen by running the core; test/unit/core/presets.test.ts measures what each
 * caption claims, so a caption cannot drift away from what the race shows.
 */
import { DEFAULT_RACE } from './simulate';
import type { Point, SurfaceName } from './surfaces';
import type { OptimizerName } from './optim';

export const PRESET_NAMES = ['seed', 'adamw', 'rosenbrock', 'saddle', 'lrTooHigh', 'nesterov'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface PresetRacer {
  readonly type: OptimizerName;
  /** Torch keyword arguments; torch's defaults for the rest. */
  readonly kwargs: Readonly<Record<string, number | boolean | readonly [number, number]>>;
  /** What tells this racer apart from the others when the automatic name would not ("Adam wd=0.5"). */
  readonly label?: string;
}

export interface Preset {
  readonly name: PresetName;
  /** The menu entry (English; an l10n key). */
  readonly title: string;
  /** What to notice, one or two lines (English; an l10n key). */
  readonly caption: string;
  readonly surface: SurfaceName;
  /** Omitted: the surface's own start. */
  readonly start?: Point;
  readonly steps: number;
  /** Animation speed in steps per second, so that each preset plays in a few seconds. */
  readonly speed: number;
  readonly racers: readonly PresetRacer[];
}

export const PRESETS: readonly Preset[] = [
  {
    name: 'seed',
    title: 'SGD, Momentum and Adam in a narrow valley',
    caption:
      'SGD (red) zig-zags across the valley and crawls along it; Momentum (orange) builds speed and rides over the oscillation; Adam (green) scales each axis and walks an almost straight line.',
    surface: DEFAULT_RACE.surface,
    start: DEFAULT_RACE.start,
    steps: DEFAULT_RACE.steps,
    speed: 25,
    racers: DEFAULT_RACE.optimizers.map((o) => ({ type: o.type, kwargs: nonDefault(o.kwargs, { lr: true, momentum: true }) })),
  },
  {
    // From (0, 0) all three head for the minimum at (3, 2). Adam's L2 term goes through the same
    // adaptive denominator as the gradient; AdamW's decoupled decay shrinks the weights directly
    // every step and holds them short of the minimum.
    name: 'adamw',
    title: 'Adam vs AdamW with weight decay',
    caption:
      'The same weight decay, two meanings: Adam adds it to the gradient, where the adaptive scaling divides it away; AdamW shrinks the weights themselves and settles visibly short of the minimum at (3, 2).',
    surface: 'himmelblau',
    steps: 300,
    speed: 50,
    racers: [
      { type: 'Adam', kwargs: { lr: 0.1 }, label: 'Adam wd=0' },
      { type: 'Adam', kwargs: { lr: 0.1, weight_decay: 0.5 }, label: 'Adam wd=0.5' },
      { type: 'AdamW', kwargs: { lr: 0.1, weight_decay: 0.5 }, label: 'AdamW wd=0.5' },
    ],
  },
  {
    // Plain SGD crawls along the banana-shaped valley, momentum reaches (1, 1), Adam and RMSprop
    // follow the curve at their own pace.
    name: 'rosenbrock',
    title: 'Rosenbrock’s curved valley',
    caption: 'The valley bends: plain SGD creeps along its floor, momentum carries speed round the curve to (1, 1), Adam and RMSprop follow the bend at their own pace.',
    surface: 'rosenbrock',
    steps: 1000,
    speed: 100,
    racers: [
      { type: 'SGD', kwargs: { lr: 1e-3 } },
      { type: 'SGD', kwargs: { lr: 1e-3, momentum: 0.9 } },
      { type: 'Adam', kwargs: { lr: 0.05 } },
      { type: 'RMSprop', kwargs: { lr: 0.01 } },
    ],
  },
  {
    // A hair off the ridge (y = 0.01) the gradient along y is tiny: SGD and momentum slide down x to
    // the saddle point and linger; Adam and RMSprop rescale the tiny gradient into full-size steps.
    name: 'saddle',
    title: 'Escaping a saddle point',
    caption:
      'A hair off the ridge the gradient that leads away is tiny: SGD and momentum slide into the saddle point and linger, Adam and RMSprop scale it up and leave first. There is no minimum: heading down without end is escaping, not converging.',
    surface: 'saddle',
    steps: 80,
    speed: 20,
    racers: [
      { type: 'SGD', kwargs: { lr: 0.05 } },
      { type: 'SGD', kwargs: { lr: 0.01, momentum: 0.9 } },
      { type: 'Adam', kwargs: { lr: 0.05 } },
      { type: 'RMSprop', kwargs: { lr: 0.01 } },
    ],
  },
  {
    // The ravine's steep direction has curvature 2, so SGD is stable for lr < 1: at 0.5 it converges,
    // at 1.0 it bounces between y = ±1.5 forever, at 1.1 it diverges. Adam's steps are bounded by lr.
    name: 'lrTooHigh',
    title: 'Learning rate too high',
    caption: 'The steep direction allows SGD an lr below 1 (2 / its curvature 2): at 0.5 it converges, at 1.0 it bounces between the walls forever, at 1.1 it diverges. Adam’s steps stay about lr long.',
    surface: 'ravine',
    steps: 100,
    speed: 20,
    racers: [
      { type: 'SGD', kwargs: { lr: 0.5 }, label: 'SGD lr=0.5' },
      { type: 'SGD', kwargs: { lr: 1.0 }, label: 'SGD lr=1.0' },
      { type: 'SGD', kwargs: { lr: 1.1 }, label: 'SGD lr=1.1' },
      { type: 'Adam', kwargs: { lr: 1.5 }, label: 'Adam lr=1.5' },
    ],
  },
  {
    // The same lr and momentum; Nesterov's gradient at the look-ahead point damps the swings across
    // the valley that heavy ball keeps making.
    name: 'nesterov',
    title: 'Nesterov vs heavy ball',
    caption: 'The same lr and momentum: Nesterov takes the gradient at the point the momentum is carrying it to, so it brakes before each wall; its swings die out sooner and its loss falls faster.',
    surface: 'valley',
    steps: 100,
    speed: 25,
    racers: [
      { type: 'SGD', kwargs: { lr: 0.5, momentum: 0.9 }, label: 'heavy ball' },
      { type: 'SGD', kwargs: { lr: 0.5, momentum: 0.9, nesterov: true }, label: 'Nesterov' },
    ],
  },
];

/** The keywords of `kwargs` named in `keep`: the preset says what it sets, torch's defaults do the rest. */
function nonDefault(kwargs: PresetRacer['kwargs'], keep: Readonly<Record<string, true>>): PresetRacer['kwargs'] {
  return Object.fromEntries(Object.entries(kwargs).filter(([key, value]) => keep[key] && value !== 0));
}

export function presetByName(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** The preset as a `simulate` spec (what `optim-lens simulate` reads). */
export function presetSpec(preset: Preset): { surface: SurfaceName; start?: Point; steps: number; optimizers: Record<string, unknown>[] } {
  return {
    surface: preset.surface,
    ...(preset.start ? { start: preset.start } : {}),
    steps: preset.steps,
    optimizers: preset.racers.map((r) => ({ type: r.type, ...r.kwargs })),
  };
}

/** Every title and caption: the l10n keys the host and the CLI translate. */
export const PRESET_TEXTS: readonly string[] = PRESETS.flatMap((p) => [p.title, p.caption]);
