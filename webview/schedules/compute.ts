/**
 * The numbers behind the chart, pure: each schedule traced with the core (typed arrays, recomputed
 * only when its entry or the axis changes), ReduceLROnPlateau's synthetic validation curve and the
 * steps where it cut the lr, and the aligned data uPlot draws.
 */
import { SpecError } from '../../src/core/errors';
import { expectNumber } from '../../src/core/spec';
import { ScheduleInstance, type SchedulerConfig } from '../../src/core/schedule';
import { callsFor, expandPerEpoch, type Cadence } from '../../src/core/schedule/cadence';
import { checkSpec } from './model';

// ── Synthetic validation curve ────────────────────────────────────────────

export type CurveShape = 'improving' | 'plateau' | 'noisy';
export const CURVE_SHAPES: readonly CurveShape[] = ['improving', 'plateau', 'noisy'];

export interface CurveParams {
  readonly shape: CurveShape;
  /** The call from which a plateauing curve stays flat. */
  readonly plateauAt: number;
  /** Relative amplitude of a noisy curve's noise. */
  readonly noise: number;
  readonly seed: number;
}

export const DEFAULT_CURVE: CurveParams = { shape: 'plateau', plateauAt: 30, noise: 0.05, seed: 1 };

/** mulberry32: a small seeded generator, the same numbers on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The validation loss passed to `scheduler.step(metric)` at each of `calls` calls: an exponential
 * decay towards 0.2 ("improving"), the same held flat from `plateauAt` ("plateau"), or the decay with
 * seeded Gaussian noise of relative size `noise` ("noisy").
 */
export function validationCurve(params: CurveParams, calls: number): Float64Array {
  const out = new Float64Array(calls);
  const tau = Math.max(1, calls / 5);
  const base = (k: number) => 0.2 + 0.8 * Math.exp(-k / tau);
  const rand = random(params.seed);
  for (let k = 1; k <= calls; k++) {
    if (params.shape === 'plateau') out[k - 1] = base(Math.min(k, params.plateauAt));
    else if (params.shape === 'noisy') {
      // Box–Muller: a standard normal from two uniforms.
      const g = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      out[k - 1] = base(k) * (1 + params.noise * g);
    } else out[k - 1] = base(k);
  }
  return out;
}

// ── Traces ────────────────────────────────────────────────────────────────

export interface TraceInput {
  readonly scheduler: unknown;
  readonly base_lr: unknown;
  readonly cadence: Cadence;
  readonly curve: CurveParams;
}

export interface TraceResult {
  /** The validated scheduler, or why it is not plotted. */
  readonly config?: SchedulerConfig;
  readonly error?: SpecError;
  /** lr after each iteration 0…iterations; values from `valid` on are not drawn. */
  readonly lrs: Float64Array;
  readonly momenta: Float64Array;
  /** How many leading values are real (less than iterations + 1 when torch raised on the way). */
  readonly valid: number;
  /** torch raised at a step: the iteration and the message. */
  readonly raised?: { readonly iteration: number; readonly error: SpecError };
  /** OneCycleLR or CyclicLR (possibly inside a composite) with cycle_momentum on. */
  readonly cyclesMomentum: boolean;
  /** Iterations where ReduceLROnPlateau cut the lr. */
  readonly drops: readonly number[];
}

const EMPTY = new Float64Array(0);

function cycles(config: SchedulerConfig): boolean {
  if (config.type === 'OneCycleLR' || config.type === 'CyclicLR') return config.cycle_momentum;
  if (config.type === 'SequentialLR' || config.type === 'ChainedScheduler') return config.schedulers.some(cycles);
  return false;
}

/**
 * Traces one schedule over `iterations` iterations, stepped every batch or every `stepsPerEpoch`
 * iterations. Never throws: a spec the core refuses comes back as `error`, a step where torch
 * raises as `raised` with the curve up to it.
 */
export function traceEntry(input: TraceInput, iterations: number, stepsPerEpoch: number): TraceResult {
  let baseLr: number;
  try {
    baseLr = expectNumber(input.base_lr, 'base_lr', { min: 0 });
  } catch (error) {
    return failed(error as SpecError);
  }
  const checked = checkSpec(input.scheduler);
  if (!checked.ok) return failed(checked.error);
  const config = checked.config;
  const calls = callsFor(iterations, stepsPerEpoch, input.cadence);
  const plateau = config.type === 'ReduceLROnPlateau';
  const metrics = plateau ? validationCurve(input.curve, calls) : undefined;
  let lrs: Float64Array = new Float64Array(calls + 1);
  let momenta: Float64Array = new Float64Array(calls + 1);
  let valid = calls + 1;
  let raised: { iteration: number; error: SpecError } | undefined;
  let instance: ScheduleInstance;
  try {
    instance = new ScheduleInstance(config, baseLr);
  } catch (error) {
    return failed(error instanceof SpecError ? error : new SpecError('scheduler', String(error)));
  }
  lrs[0] = instance.lr;
  momenta[0] = instance.momentum;
  for (let k = 1; k <= calls; k++) {
    try {
      instance.step(metrics?.[k - 1]);
    } catch (error) {
      valid = k;
      raised = { iteration: input.cadence === 'epoch' ? k * stepsPerEpoch : k, error: error instanceof SpecError ? error : new SpecError('scheduler', String(error)) };
      break;
    }
    lrs[k] = instance.lr;
    momenta[k] = instance.momentum;
  }
  if (input.cadence === 'epoch') {
    lrs = expandPerEpoch(lrs.subarray(0, valid), stepsPerEpoch, iterations);
    momenta = expandPerEpoch(momenta.subarray(0, valid), stepsPerEpoch, iterations);
    valid = raised ? Math.min(iterations + 1, valid * stepsPerEpoch) : iterations + 1;
  }
  const drops: number[] = [];
  if (plateau) for (let i = 1; i < valid; i++) if (lrs[i]! < lrs[i - 1]!) drops.push(i);
  return { config, lrs, momenta, valid, cyclesMomentum: cycles(config), drops, ...(raised ? { raised } : {}) };
}

function failed(error: SpecError): TraceResult {
  return { error, lrs: EMPTY, momenta: EMPTY, valid: 0, cyclesMomentum: false, drops: [] };
}

/**
 * Remembers each schedule's trace by id: a trace is recomputed only when its own inputs (the spec,
 * base lr, cadence, curve: compared by identity, as the reducer keeps unchanged ones) or the axis
 * length change, not for a label, a colour or another schedule's edit.
 */
export class TraceCache {
  private readonly cache = new Map<number, { input: TraceInput; iterations: number; stepsPerEpoch: number; result: TraceResult }>();

  get(id: number, input: TraceInput, iterations: number, stepsPerEpoch: number): TraceResult {
    const hit = this.cache.get(id);
    if (
      hit &&
      hit.iterations === iterations &&
      hit.stepsPerEpoch === stepsPerEpoch &&
      hit.input.scheduler === input.scheduler &&
      Object.is(hit.input.base_lr, input.base_lr) &&
      hit.input.cadence === input.cadence &&
      hit.input.curve === input.curve
    ) {
      return hit.result;
    }
    const result = traceEntry(input, iterations, stepsPerEpoch);
    this.cache.set(id, { input: { scheduler: input.scheduler, base_lr: input.base_lr, cadence: input.cadence, curve: input.curve }, iterations, stepsPerEpoch, result });
    return result;
  }

  /** Forgets schedules that are gone. */
  keep(ids: ReadonlySet<number>): void {
    for (const id of this.cache.keys()) if (!ids.has(id)) this.cache.delete(id);
  }
}

// ── Chart data ────────────────────────────────────────────────────────────

export type Axis = 'iterations' | 'epochs';
export type YScale = 'linear' | 'log';

export interface SeriesSpec {
  readonly id: number;
  readonly kind: 'lr' | 'momentum' | 'drops';
}

export type Column = Float64Array | (number | null)[];

export interface ChartData {
  /** x first, then one column per entry of `series`. */
  readonly columns: Column[];
  readonly series: readonly SeriesSpec[];
}

/** A column uPlot can draw: the typed array itself when every value is drawable, else an array with gaps. */
function column(values: Float64Array, valid: number, log: boolean): Column {
  let clean = valid === values.length;
  if (clean && log) for (let i = 0; i < values.length; i++) if (!(values[i]! > 0)) clean = false;
  if (clean) return values;
  const out: (number | null)[] = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = i < valid && (!log || v > 0) && Number.isFinite(v) ? v : null;
  }
  return out;
}

/** The x column: iterations 0…n, or the same in epochs. */
export function xColumn(iterations: number, stepsPerEpoch: number, axis: Axis): Float64Array {
  const x = new Float64Array(iterations + 1);
  const scale = axis === 'epochs' ? 1 / stepsPerEpoch : 1;
  for (let i = 0; i <= iterations; i++) x[i] = i * scale;
  return x;
}

/** uPlot's aligned data for the shown traces: lr, then momentum where it cycles, then the plateau's cuts as points. */
export function chartData(shown: readonly { readonly id: number; readonly trace: TraceResult }[], x: Float64Array, yScale: YScale): ChartData {
  const columns: Column[] = [x];
  const series: SeriesSpec[] = [];
  const log = yScale === 'log';
  for (const { id, trace } of shown) {
    if (trace.valid === 0 || trace.lrs.length !== x.length) continue;
    columns.push(column(trace.lrs, trace.valid, log));
    series.push({ id, kind: 'lr' });
    if (trace.cyclesMomentum) {
      columns.push(column(trace.momenta, trace.valid, false));
      series.push({ id, kind: 'momentum' });
    }
    if (trace.drops.length) {
      const marks = new Array<number | null>(x.length).fill(null);
      for (const i of trace.drops) marks[i] = !log || trace.lrs[i]! > 0 ? trace.lrs[i]! : null;
      columns.push(marks);
      series.push({ id, kind: 'drops' });
    }
  }
  return { columns, series };
}
