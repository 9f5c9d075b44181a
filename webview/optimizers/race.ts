/**
 * The race itself, run in the webview with the core's torch-exact optimizers (the code the CLI
 * runs). A run is recomputed only when something it depends on changes (surface, start, steps,
 * type or accepted keywords); the animation only reveals more of it. Pure and DOM-free.
 */
import { createStepper, isOptimizerName, type Kwargs } from '../../src/core/optim';
import { simulateInto } from '../../src/core/simulate';
import type { Point, Surface, ViewBox } from '../../src/core/surfaces';
import type { Entry } from './entries';

export interface Run {
  readonly id: number;
  readonly steps: number;
  /** x₀, y₀, x₁, y₁, …: steps + 1 points; NaN from the first non-finite one on. */
  readonly xy: Float64Array;
  /** f at each point; NaN where the point is. */
  readonly losses: Float64Array;
  /** How many points are finite. */
  readonly count: number;
  /**
   * The first step the run counts as diverged: its point or loss is not finite, or the point is
   * more than {@link ESCAPE} view sizes away from the view. Null when it never happens.
   */
  readonly divergedAt: number | null;
}

/** How many view widths (or heights) away from the view a point must be to count as diverged. */
export const ESCAPE = 100;

interface CacheEntry {
  readonly key: string;
  readonly type: string;
  readonly kwargs: Kwargs;
  readonly run: Run;
}

/** Keeps each entry's last run and recomputes only the entries whose inputs changed. */
export class RaceRunner {
  private cache = new Map<number, CacheEntry>();
  /** How many runs were computed (not reused) since construction: for tests and the bench. */
  computed = 0;

  run(surface: Surface, start: Point, steps: number, entries: readonly Entry[]): Map<number, Run> {
    const key = `${surface.name}|${start[0]}|${start[1]}|${steps}`;
    const next = new Map<number, CacheEntry>();
    const runs = new Map<number, Run>();
    for (const entry of entries) {
      if (!entry.valid || !isOptimizerName(entry.type)) continue;
      const old = this.cache.get(entry.id);
      const reuse = old && old.key === key && old.type === entry.type && old.kwargs === entry.valid;
      const cached: CacheEntry = reuse ? old : { key, type: entry.type, kwargs: entry.valid, run: this.simulate(entry.id, surface, start, steps, entry.type, entry.valid) };
      next.set(entry.id, cached);
      runs.set(entry.id, cached.run);
    }
    this.cache = next;
    return runs;
  }

  private simulate(id: number, surface: Surface, start: Point, steps: number, type: Parameters<typeof createStepper>[0], kwargs: Kwargs): Run {
    this.computed++;
    return runOne(id, surface, start, steps, createStepper(type, kwargs));
  }
}

/** One trajectory with its divergence step. */
export function runOne(id: number, surface: Surface, start: Point, steps: number, stepper: ReturnType<typeof createStepper>): Run {
  const xy = new Float64Array(2 * (steps + 1));
  const losses = new Float64Array(steps + 1);
  const count = simulateInto(surface, stepper, start, steps, xy, losses);
  return { id, steps, xy, losses, count, divergedAt: divergenceStep(xy, losses, count, steps, surface.view) };
}

export function divergenceStep(xy: Float64Array, losses: Float64Array, count: number, steps: number, view: ViewBox): number | null {
  const cx = (view.xMin + view.xMax) / 2;
  const cy = (view.yMin + view.yMax) / 2;
  const rx = ESCAPE * (view.xMax - view.xMin);
  const ry = ESCAPE * (view.yMax - view.yMin);
  for (let k = 0; k < count; k++) {
    if (!Number.isFinite(losses[k]!) || Math.abs(xy[2 * k]! - cx) > rx || Math.abs(xy[2 * k + 1]! - cy) > ry) return k;
  }
  return count <= steps ? count : null;
}

/** The last step whose point the view draws: the step before divergence, or the end. */
export function lastDrawable(run: Run): number {
  return run.divergedAt === null ? run.steps : Math.max(0, run.divergedAt - 1);
}

/**
 * What a run did, told honestly for the surface it ran on:
 * - `converged`: below the tolerance at the end, on a surface with a minimum;
 * - `notConverged`: still above it at the end;
 * - `diverged`: its loss overflowed or it flew off the picture uphill;
 * - `escaped`: on a surface unbounded below (the saddle), it left the picture with its loss
 *   falling without end — what one wants there, and never called converged;
 * - `unbounded`: on such a surface, still on the picture at the end (no minimum to reach).
 */
export type Status = 'converged' | 'notConverged' | 'diverged' | 'escaped' | 'unbounded';

export interface Summary {
  /** The loss after the last step; null when it is not finite. */
  readonly finalLoss: number | null;
  /** From the last drawable point to the nearest minimum; null on a surface without one. */
  readonly distance: number | null;
  /** The first step whose loss is below the tolerance (before any divergence); null if none, and always on a surface without a minimum. */
  readonly firstBelow: number | null;
  readonly divergedAt: number | null;
  readonly status: Status;
  /** The step the status happened at: the divergence or the escape; null for the others. */
  readonly statusAt: number | null;
  /** Below the tolerance at the end and not diverged (only where a minimum exists). */
  readonly converged: boolean;
}

export function summarize(run: Run, surface: Surface, tolerance: number): Summary {
  const hasMinimum = surface.minima.length > 0;
  const end = run.divergedAt ?? run.steps + 1;
  let firstBelow: number | null = null;
  // "Below the tolerance" means near the minimum only where there is one: on the saddle every
  // loss below 0 would otherwise count as converged.
  for (let k = 0; hasMinimum && k < end; k++) {
    if (run.losses[k]! < tolerance) {
      firstBelow = k;
      break;
    }
  }
  const last = lastDrawable(run);
  const x = run.xy[2 * last]!;
  const y = run.xy[2 * last + 1]!;
  let distance: number | null = null;
  for (const [mx, my] of surface.minima) {
    const d = Math.hypot(x - mx, y - my);
    if (Number.isFinite(d) && (distance === null || d < distance)) distance = d;
  }
  const final = run.losses[run.steps]!;
  const finalLoss = Number.isFinite(final) ? final : null;
  const converged = hasMinimum && run.divergedAt === null && finalLoss !== null && finalLoss < tolerance;
  const { status, statusAt } = statusOf(run, surface, converged);
  return { finalLoss, distance, firstBelow, divergedAt: run.divergedAt, status, statusAt, converged };
}

function statusOf(run: Run, surface: Surface, converged: boolean): { status: Status; statusAt: number | null } {
  const start = run.losses[0]!;
  if (surface.minima.length > 0) {
    if (run.divergedAt !== null) return { status: 'diverged', statusAt: run.divergedAt };
    return { status: converged ? 'converged' : 'notConverged', statusAt: null };
  }
  // No minimum: leaving the picture downhill is escaping; uphill (or overflowing from above) is diverging.
  const left = leftViewAt(run, surface.view);
  const last = lastDrawable(run);
  const lastLoss = run.losses[last]!;
  if (left !== null || run.divergedAt !== null) {
    const at = left ?? run.divergedAt!;
    return lastLoss < start || lastLoss === -Infinity ? { status: 'escaped', statusAt: at } : { status: 'diverged', statusAt: at };
  }
  return { status: 'unbounded', statusAt: null };
}

/** The first step whose point lies outside the view; null if none does. */
function leftViewAt(run: Run, view: ViewBox): number | null {
  for (let k = 0; k < run.count; k++) {
    const x = run.xy[2 * k]!;
    const y = run.xy[2 * k + 1]!;
    if (x < view.xMin || x > view.xMax || y < view.yMin || y > view.yMax) return k;
  }
  return null;
}

/** Maps view coordinates to pixels of a plot rectangle (y up on screen). */
export interface Transform {
  readonly view: ViewBox;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export function toPixelX(t: Transform, x: number): number {
  return t.left + ((x - t.view.xMin) / (t.view.xMax - t.view.xMin)) * t.width;
}

export function toPixelY(t: Transform, y: number): number {
  return t.top + ((t.view.yMax - y) / (t.view.yMax - t.view.yMin)) * t.height;
}

export function toView(t: Transform, px: number, py: number): Point {
  return [t.view.xMin + ((px - t.left) / t.width) * (t.view.xMax - t.view.xMin), t.view.yMax - ((py - t.top) / t.height) * (t.view.yMax - t.view.yMin)];
}

/** Pixels further out than this are clamped: canvas paths misbehave with astronomically large coordinates. */
const PIXEL_LIMIT = 1e5;

/**
 * Pixel coordinates of a run's drawable points (x, y interleaved), computed once per run and size;
 * the animation then strokes a prefix of them.
 */
export function project(run: Run, t: Transform, out?: Float32Array): Float32Array {
  const n = lastDrawable(run) + 1;
  const px = out && out.length >= 2 * n ? out : new Float32Array(2 * n);
  for (let k = 0; k < n; k++) {
    px[2 * k] = clampPixel(toPixelX(t, run.xy[2 * k]!));
    px[2 * k + 1] = clampPixel(toPixelY(t, run.xy[2 * k + 1]!));
  }
  return px;
}

function clampPixel(v: number): number {
  return v > PIXEL_LIMIT ? PIXEL_LIMIT : v < -PIXEL_LIMIT ? -PIXEL_LIMIT : v;
}

/** What one animation frame shows of a run: how many points of its path, and where its marker sits. */
export interface FrameRun {
  readonly id: number;
  /** Points of the path to stroke (1 = only the start). */
  readonly points: number;
  /** The marker: the point at the shown step. */
  readonly x: number;
  readonly y: number;
  /** The loss at the shown step (NaN after divergence). */
  readonly loss: number;
  /** The run has diverged at or before the shown step. */
  readonly diverged: boolean;
}

/** The per-frame work: for each run, the prefix and marker at `step`. O(runs). */
export function frameAt(runs: readonly Run[], step: number): FrameRun[] {
  return runs.map((run) => {
    const s = Math.max(0, Math.min(step, run.steps));
    const shown = Math.min(s, lastDrawable(run));
    return {
      id: run.id,
      points: shown + 1,
      x: run.xy[2 * shown]!,
      y: run.xy[2 * shown + 1]!,
      loss: run.divergedAt !== null && s >= run.divergedAt ? NaN : run.losses[s]!,
      diverged: run.divergedAt !== null && s >= run.divergedAt,
    };
  });
}

/** uPlot's data: the step axis and one loss column per run (null where the run has diverged or log cannot show it). */
export function lossData(runs: readonly Run[], steps: number, logScale: boolean): [number[], ...(number | null)[][]] {
  const xs = Array.from({ length: steps + 1 }, (_, k) => k);
  const columns = runs.map((run) => {
    const end = run.divergedAt ?? run.steps + 1;
    return xs.map((k) => {
      const v = run.losses[k];
      if (v === undefined || k >= end || !Number.isFinite(v) || (logScale && v <= 0)) return null;
      return v;
    });
  });
  return [xs, ...columns];
}

/** How far a run gets from its start at most, as a fraction of the view's diagonal. */
export function reach(run: Run, view: ViewBox): number {
  const x0 = run.xy[0]!;
  const y0 = run.xy[1]!;
  let farthest = 0;
  for (let k = 1; k < run.count; k++) farthest = Math.max(farthest, Math.hypot(run.xy[2 * k]! - x0, run.xy[2 * k + 1]! - y0));
  return farthest / Math.hypot(view.xMax - view.xMin, view.yMax - view.yMin);
}

/** Below this reach a racer "barely moves" on the surface: its path is a dot at the start. */
export const BARELY_MOVES = 0.01;
