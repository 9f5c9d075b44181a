/**
 * The webview's hot path: every slider move re-runs the whole race. Goal: 10 optimizers × 1,000
 * steps on one surface in ≤ 2 ms, writing into preallocated arrays (no allocation per step).
 */
import type { BenchCase } from '../harness';
import { parseOptimizerSpec, simulateInto } from '../../src/core/simulate';
import { createStepper } from '../../src/core/optim';
import { SURFACE_NAMES, SURFACES } from '../../src/core/surfaces';

const STEPS = 1000;

const RACE = [
  { type: 'SGD', lr: 1e-3 },
  { type: 'SGD', lr: 1e-3, momentum: 0.9, nesterov: true },
  { type: 'Adam', lr: 0.05, amsgrad: true },
  { type: 'AdamW', lr: 0.05 },
  { type: 'RMSprop', lr: 0.01, centered: true, momentum: 0.5 },
  { type: 'Adagrad', lr: 0.1, lr_decay: 1e-3 },
  { type: 'Adadelta' },
  { type: 'Adamax', lr: 0.05 },
  { type: 'NAdam', lr: 0.05 },
  { type: 'RAdam', lr: 0.05 },
].map((json, index) => parseOptimizerSpec(json, `race[${index}]`));

const xy = RACE.map(() => new Float64Array(2 * (STEPS + 1)));
const losses = RACE.map(() => new Float64Array(STEPS + 1));

export const cases: BenchCase[] = SURFACE_NAMES.map((name) => ({
  group: 'simulate',
  name: `10 optimizers × ${STEPS} steps · ${name}`,
  goalMs: 2,
  run: () => {
    const surface = SURFACES[name];
    let points = 0;
    RACE.forEach((spec, i) => {
      points += simulateInto(surface, createStepper(spec.type, spec.kwargs), surface.start, STEPS, xy[i]!, losses[i]!);
    });
    return points;
  },
}));
