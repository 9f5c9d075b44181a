/**
 * The teaching layer's numbers: at each step of one racer, the plain gradient step −lr·∇f, what the
 * optimizer carries from earlier steps, and the update it actually makes. The race (race.ts) keeps
 * only points; this re-runs the one racer being explained with the core's stepper and reads its
 * memory (the momentum buffer, Adam's first moment) after every step. Pure and DOM-free.
 */
import { createStepper, isOptimizerName, type Kwargs } from '../../src/core/optim';
import type { Point, Surface } from '../../src/core/surfaces';
import type { Entry } from './entries';
import { role } from './entries';

/** How the carried arrow reads: SGD's β·v (momentum), the Adam family's first moment, or nothing. */
export type MemoryKind = 'momentum' | 'moment' | null;

export interface Forces {
  readonly kind: MemoryKind;
  /** Per step k (0…steps−1), interleaved x, y: −lr·∇f(p_k). */
  readonly gradient: Float64Array;
  /** Per step k: what the state adds. Momentum: −lr·β·v_{k−1} (the last velocity carried on); the Adam family: −lr·m̂_{k+1} (the averaged gradient, before the per-axis division). */
  readonly carried: Float64Array;
  /** Per step k: p_{k+1} − p_k. */
  readonly update: Float64Array;
  /** Steps with all three known (the run may stop early when it overflows). */
  readonly count: number;
}

function memoryKind(entry: Entry): MemoryKind {
  const r = role(entry);
  if (r === 'momentum' || r === 'nesterov') return 'momentum';
  if (['Adam', 'AdamW', 'NAdam', 'RAdam', 'Adamax'].includes(entry.type)) return 'moment';
  return null;
}

export function forcesFor(surface: Surface, start: Point, steps: number, entry: Entry): Forces | null {
  const kwargs = entry.valid;
  if (!kwargs || !isOptimizerName(entry.type)) return null;
  const kind = memoryKind(entry);
  const lr = kwargs.lr as number;
  const beta = kind === 'momentum' ? (kwargs.momentum as number) : kind === 'moment' ? (kwargs.betas as readonly [number, number])[0] : 0;
  const stepper = createStepper(entry.type, kwargs as Kwargs);
  const gradient = new Float64Array(2 * steps);
  const carried = new Float64Array(2 * steps);
  const update = new Float64Array(2 * steps);
  const p = new Float64Array(start);
  const g = new Float64Array(2);
  const previous = new Float64Array(2);
  let count = 0;
  for (let k = 0; k < steps; k++) {
    const x = p[0]!;
    const y = p[1]!;
    surface.grad(x, y, g);
    if (!(Number.isFinite(g[0]) && Number.isFinite(g[1]))) break;
    gradient[2 * k] = -lr * g[0]!;
    gradient[2 * k + 1] = -lr * g[1]!;
    if (kind === 'momentum') {
      carried[2 * k] = -lr * beta * previous[0]!;
      carried[2 * k + 1] = -lr * beta * previous[1]!;
    }
    stepper.step(p, g);
    if (!(Number.isFinite(p[0]) && Number.isFinite(p[1]))) break;
    update[2 * k] = p[0]! - x;
    update[2 * k + 1] = p[1]! - y;
    const memory = stepper.memory?.() ?? null;
    if (memory && kind === 'momentum') previous.set(memory);
    if (memory && kind === 'moment') {
      // Bias-corrected as Adam uses it: m̂ = m / (1 − β₁^(k+1)).
      const correction = 1 - beta ** (k + 1);
      carried[2 * k] = (-lr * memory[0]!) / correction;
      carried[2 * k + 1] = (-lr * memory[1]!) / correction;
    }
    count++;
  }
  return { kind, gradient, carried, update, count };
}

export interface ArrowSet {
  readonly from: Point;
  readonly gradient: Point;
  readonly carried: Point | null;
  readonly update: Point;
}

/** The arrows at the point of step `step` (the step about to be taken), or null past the end. */
export function arrowsAt(forces: Forces, xy: Float64Array, step: number): ArrowSet | null {
  if (step < 0 || step >= forces.count) return null;
  const pair = (a: Float64Array): Point => [a[2 * step]!, a[2 * step + 1]!];
  return { from: [xy[2 * step]!, xy[2 * step + 1]!], gradient: pair(forces.gradient), carried: forces.kind ? pair(forces.carried) : null, update: pair(forces.update) };
}
