/**
 * `optim-lens simulate`: torch optimizers racing on a 2-D surface, with torch's float64 numbers.
 * Each optimizer starts at `start` and runs `steps` times zero_grad, loss = f(p), backward, step.
 *
 * Two APIs: `runSimulate`/`simulate` build the CLI's JSON (null for overflowed points), and
 * `simulateInto` fills caller-owned Float64Arrays for the webview, which re-runs every race on each
 * slider move and so must not allocate per step.
 */
import { SpecError, specError } from './errors';
import { createStepper, OPTIMIZER_NAMES, optimizerDef, type Kwargs, type OptimizerName, type Stepper } from './optim';
import { checkOutputSize, expectArray, expectNumber, expectObject, expectOneOf, expectPoint, isObject, MAX_OPTIMIZER_STEPS, MAX_STEPS, optional, rejectUnknownKeys, required } from './spec';
import { SURFACE_NAMES, SURFACES, type Point, type Surface, type SurfaceName } from './surfaces';

export interface OptimizerSpec {
  readonly type: OptimizerName;
  /** Every keyword of the class, torch's defaults filled in. */
  readonly kwargs: Kwargs;
}

export interface SimulateSpec {
  readonly surface: SurfaceName;
  readonly start: Point;
  readonly steps: number;
  readonly optimizers: readonly OptimizerSpec[];
}

export interface Trajectory {
  /** steps + 1 points; null from the first non-finite point on. */
  readonly points: ([number, number] | null)[];
  /** f at each point; null where the point is null or f overflows. */
  readonly losses: (number | null)[];
}

export interface SimulateResult {
  readonly trajectories: Trajectory[];
}

function at(field: string, key: string): string {
  return field ? `${field}.${key}` : key;
}

/** Reads one optimizer entry: `{"type": "Adam", ...torch kwargs}`. */
export function parseOptimizerSpec(json: unknown, field: string): OptimizerSpec {
  const obj = expectObject(json, field);
  const type = required(obj, 'type', field, (value, f) => expectOneOf(value, f, OPTIMIZER_NAMES));
  return { type, kwargs: optimizerDef(type).parse(obj, field) };
}

function parseSpecAt(json: unknown, field: string): SimulateSpec {
  const obj = expectObject(json, field);
  rejectUnknownKeys(obj, ['surface', 'start', 'steps', 'optimizers'], field);
  const surface = required(obj, 'surface', field, (value, f) => expectOneOf(value, f, SURFACE_NAMES));
  const start = optional(obj, 'start', field, SURFACES[surface].start, expectPoint);
  const steps = required(obj, 'steps', field, expectSteps);
  const list = required(obj, 'optimizers', field, expectArray);
  // Before reading the entries: the refusal must not wait on a million of them being validated.
  if (list.length * steps > MAX_OPTIMIZER_STEPS) {
    throw specError(at(field, 'optimizers'), 'optimizerSteps', { limit: MAX_OPTIMIZER_STEPS, optimizers: list.length, steps });
  }
  const optimizers = list.map((item, index) => parseOptimizerSpec(item, `${at(field, 'optimizers')}[${index}]`));
  return { surface, start, steps, optimizers };
}

function expectSteps(value: unknown, field: string): number {
  const steps = expectNumber(value, field, { integer: true, min: 0 });
  if (steps > MAX_STEPS) throw new SpecError(field, `at most ${MAX_STEPS} steps, got ${steps}`);
  return steps;
}

/** Validates a simulate spec (the CLI's input); throws SpecError naming the offending field. */
export function parseSimulateSpec(json: unknown): SimulateSpec {
  const spec = parseSpecAt(json, '');
  checkOutputSize(outputNumbers(spec), 'optimizers');
  return spec;
}

/** How many numbers simulate(spec) prints: x, y and the loss of each point. */
function outputNumbers(spec: SimulateSpec): number {
  return 3 * spec.optimizers.length * (spec.steps + 1);
}

// Scratch gradient: simulations run synchronously, so one buffer serves them all.
const gradient = new Float64Array(2);

/**
 * Runs `stepper` from `start` for `steps` steps on `surface`, writing x₀, y₀, x₁, y₁, … into `xy`
 * (length ≥ 2·(steps + 1)) and f(pₖ) into `losses` (length ≥ steps + 1). Returns how many points
 * are finite; the run stops at the first non-finite point and the slots after it are NaN.
 * A fresh stepper is needed per run (it carries the optimizer state).
 */
export function simulateInto(surface: Surface, stepper: Stepper, start: Point, steps: number, xy: Float64Array, losses: Float64Array): number {
  const p = new Float64Array(start);
  const loss = surface.loss ?? surface.f;
  let count = 0;
  for (;;) {
    const x = p[0]!;
    const y = p[1]!;
    if (!(Number.isFinite(x) && Number.isFinite(y))) break;
    xy[2 * count] = x;
    xy[2 * count + 1] = y;
    losses[count] = loss(x, y);
    count++;
    if (count > steps) break;
    surface.grad(x, y, gradient);
    stepper.step(p, gradient);
  }
  xy.fill(NaN, 2 * count, 2 * (steps + 1));
  losses.fill(NaN, count, steps + 1);
  return count;
}

/** Runs a validated spec and builds the CLI's output. */
export function simulate(spec: SimulateSpec): SimulateResult {
  const surface = SURFACES[spec.surface];
  const n = spec.steps + 1;
  const xy = new Float64Array(2 * n);
  const losses = new Float64Array(n);
  const trajectories = spec.optimizers.map((optimizer): Trajectory => {
    const count = simulateInto(surface, createStepper(optimizer.type, optimizer.kwargs), spec.start, spec.steps, xy, losses);
    const out: Trajectory = { points: new Array<[number, number] | null>(n).fill(null), losses: new Array<number | null>(n).fill(null) };
    for (let k = 0; k < count; k++) {
      out.points[k] = [xy[2 * k]!, xy[2 * k + 1]!];
      const loss = losses[k]!;
      out.losses[k] = Number.isFinite(loss) ? loss : null;
    }
    return out;
  });
  return { trajectories };
}

/** The CLI entry: one spec, or `{"cases": [spec, …]}` → `{"results": [output, …]}`. */
export function runSimulate(json: unknown): unknown {
  if (isObject(json) && 'cases' in json) {
    rejectUnknownKeys(json, ['cases'], '');
    const cases = expectArray(json.cases, 'cases');
    // Validate every case before running any, so a typo in the last one fails fast.
    const specs = cases.map((item, index) => parseSpecAt(item, `cases[${index}]`));
    checkOutputSize(specs.reduce((sum, spec) => sum + outputNumbers(spec), 0), 'cases');
    return { results: specs.map(simulate) };
  }
  return simulate(parseSimulateSpec(json));
}

/**
 * The chapter's demo (the `seed` preset, what the panel opens with): on the narrow valley
 * x²/100 + y², SGD zig-zags across the steep y axis and crawls along the flat x axis, momentum
 * builds speed along x and rides over the oscillation, Adam scales each axis and walks an almost
 * straight line. Why these numbers (test/unit/core/story.test.ts measures each claim from the
 * trajectories, docs/compare-optimizers.md tells the story):
 * - the valley, not the ravine: with condition number 20 the three finish within a factor of a
 *   few of each other at any step count; at 100 the ordering is two orders of magnitude apart;
 * - start (−8, 2): far along the flat axis, and high enough on the steep one that the zig-zag is
 *   wide on screen;
 * - SGD lr 0.95: just under its stability limit on y (2 / curvature 2 = 1), so y flips sign every
 *   step and shrinks by only 10 % per step; along x it moves 1.9 % of the way per step — the best
 *   plain SGD can do here, and still the slowest of the three;
 * - Momentum lr 0.3, momentum 0.8: the velocity builds along x (about 1/(1−0.8) = 5× the
 *   gradient's step) while the swings across y cancel in the buffer;
 * - Adam lr 0.15: its steps are about lr long on each axis whatever the curvature, so from
 *   (−8, 2) it heads down the valley at once and reaches the bottom in about 8 / 0.15 steps.
 */
export const DEFAULT_RACE: SimulateSpec = parseSimulateSpec({
  surface: 'valley',
  start: SURFACES.valley.start,
  steps: 100,
  optimizers: [
    { type: 'SGD', lr: 0.95 },
    { type: 'SGD', lr: 0.3, momentum: 0.8 },
    { type: 'Adam', lr: 0.15 },
  ],
});
