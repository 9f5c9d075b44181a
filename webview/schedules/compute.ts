/**
 * The numbers behind the chart, pure: each schedule traced with the core (typed arrays, recomputed
 * only when its entry or the axis changes), ReduceLROnPlateau's synthetic validation curve and the
 * steps where it cut the lr, and the aligned data uPlot draws.
 */
import { SpecError } from '../../src/core/errors';
import { expectNumber } from '../../src/core/spec';
import { ScheduleInstance, type SchedulerConfig } from '../../src/core/schedule';
import { callsFor, expandPerEpoch, type Cadence } from '../../src/core/schedule/cadence';
import { seededRandom } from '../../src/core/random';
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

/**
 * The validation loss passed to `scheduler.step(metric)` at each of `calls` calls: an exponential
 * decay towards 0.2 ("improving"), the same held flat from `plateauAt` ("plateau"), or the decay with
 * seeded Gaussian noise of relative size `noise` ("noisy").
 */
export function validationCurve(params: CurveParams, calls: number): Float64Array {
  const out = new Float64Array(calls);
  const tau = Math.max(1, calls / 5);
  const base = (k: number) => 0.2 + 0.8 * Math.exp(-k / tau);
  const rand = seededRandom(params.seed);
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

/**
 * The curve of a ReduceLROnPlateau entry, remembered with its parameters (by identity: the reducer
 * keeps an unedited curve): an edit of patience or factor re-traces the schedule, not the 100,000
 * values of its noisy curve (more than half of such a trace). The values are only ever read.
 */
const curves = new WeakMap<CurveParams, { readonly calls: number; readonly values: Float64Array }>();

function curveFor(params: CurveParams, calls: number): Float64Array {
  const hit = curves.get(params);
  if (hit?.calls === calls) return hit.values;
  const values = validationCurve(params, calls);
  curves.set(params, { calls, values });
  return values;
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
  /**
   * ReduceLROnPlateau's synthetic metric as the chart places it: entry i is the value passed to the
   * last `step(metric)` call made by iteration i (NaN before the first call and from `valid` on);
   * empty for other schedulers.
   */
  readonly metrics: Float64Array;
}

const EMPTY = new Float64Array(0);

function cycles(config: SchedulerConfig): boolean {
  if (config.type === 'OneCycleLR' || config.type === 'CyclicLR') return config.cycle_momentum;
  if (config.type === 'SequentialLR' || config.type === 'ChainedScheduler') return config.schedulers.some(cycles);
  return false;
}

export type CheckedEntry = { readonly ok: true; readonly config: SchedulerConfig; readonly baseLr: number } | { readonly ok: false; readonly error: SpecError };

/** The core's verdict on an entry's base lr and scheduler: cheap, so the editors show it at every keystroke. */
export function checkEntry(input: Pick<TraceInput, 'scheduler' | 'base_lr'>): CheckedEntry {
  let baseLr: number;
  try {
    baseLr = expectNumber(input.base_lr, 'base_lr', { min: 0 });
  } catch (error) {
    return { ok: false, error: error as SpecError };
  }
  const checked = checkSpec(input.scheduler);
  return checked.ok ? { ok: true, config: checked.config, baseLr } : checked;
}

function asSpecError(error: unknown): SpecError {
  return error instanceof SpecError ? error : new SpecError('scheduler', String(error));
}

/** Steps between two looks at the clock: a look costs more than a step of most schedulers. */
const STEPS_PER_CHECK = 2048;

/**
 * One schedule traced in pieces: `advance` takes scheduler steps until the trace is complete or the
 * caller's clock says to stop, so a long trace can share the main thread with input and painting.
 * The numbers are those of one uninterrupted run (the same instance is stepped in the same order).
 */
export class TraceJob {
  private result: TraceResult | undefined;
  private readonly calls: number;
  private readonly instance: ScheduleInstance | undefined;
  private readonly metrics: Float64Array | undefined;
  private readonly lrs: Float64Array;
  private readonly momenta: Float64Array;
  private readonly config: SchedulerConfig | undefined;
  /** The next call of step(). */
  private k = 1;

  constructor(
    private readonly input: TraceInput,
    private readonly iterations: number,
    private readonly stepsPerEpoch: number,
  ) {
    this.calls = callsFor(iterations, stepsPerEpoch, input.cadence);
    const checked = checkEntry(input);
    // A refused spec (a keystroke away from a good one) allocates nothing.
    this.lrs = checked.ok ? new Float64Array(this.calls + 1) : EMPTY;
    this.momenta = checked.ok ? new Float64Array(this.calls + 1) : EMPTY;
    if (!checked.ok) {
      this.result = failed(checked.error);
      return;
    }
    this.config = checked.config;
    this.metrics = checked.config.type === 'ReduceLROnPlateau' ? curveFor(input.curve, this.calls) : undefined;
    try {
      this.instance = new ScheduleInstance(checked.config, checked.baseLr);
    } catch (error) {
      this.result = failed(asSpecError(error));
      return;
    }
    this.lrs[0] = this.instance.lr;
    this.momenta[0] = this.instance.momentum;
  }

  /** The trace once complete. */
  get done(): TraceResult | undefined {
    return this.result;
  }

  /**
   * Steps on until the trace is complete (and returns it) or `stop()` is true; `stop` is asked every
   * few thousand steps, never before some progress.
   */
  advance(stop: () => boolean = () => false): TraceResult | undefined {
    const instance = this.instance;
    if (this.result || !instance) return this.result;
    const { calls, metrics, lrs, momenta } = this;
    let k = this.k;
    while (k <= calls) {
      const end = Math.min(calls, k + STEPS_PER_CHECK - 1);
      for (; k <= end; k++) {
        try {
          instance.step(metrics?.[k - 1]);
        } catch (error) {
          const raisedAt = this.input.cadence === 'epoch' ? k * this.stepsPerEpoch : k;
          return this.finish(k, { iteration: raisedAt, error: asSpecError(error) });
        }
        lrs[k] = instance.lr;
        momenta[k] = instance.momentum;
      }
      this.k = k;
      if (k <= calls && stop()) return undefined;
    }
    return this.finish(calls + 1);
  }

  private finish(valid: number, raised?: { readonly iteration: number; readonly error: SpecError }): TraceResult {
    const { iterations, stepsPerEpoch } = this;
    const config = this.config!;
    let lrs = this.lrs;
    let momenta = this.momenta;
    // The metric of call k sits where lr k does: after the call that was given it.
    let metrics: Float64Array = EMPTY;
    if (this.metrics) {
      metrics = new Float64Array(lrs.length).fill(NaN);
      for (let k = 1; k < valid; k++) metrics[k] = this.metrics[k - 1]!;
    }
    if (this.input.cadence === 'epoch') {
      lrs = expandPerEpoch(lrs.subarray(0, valid), stepsPerEpoch, iterations);
      momenta = expandPerEpoch(momenta.subarray(0, valid), stepsPerEpoch, iterations);
      if (this.metrics) metrics = expandPerEpoch(metrics.subarray(0, valid), stepsPerEpoch, iterations);
      valid = raised ? Math.min(iterations + 1, valid * stepsPerEpoch) : iterations + 1;
    }
    const drops: number[] = [];
    if (config.type === 'ReduceLROnPlateau') for (let i = 1; i < valid; i++) if (lrs[i]! < lrs[i - 1]!) drops.push(i);
    this.result = { config, lrs, momenta, valid, cyclesMomentum: cycles(config), drops, metrics, ...(raised ? { raised } : {}) };
    return this.result;
  }
}

/**
 * Traces one schedule over `iterations` iterations, stepped every batch or every `stepsPerEpoch`
 * iterations, in one go. Never throws: a spec the core refuses comes back as `error`, a step where
 * torch raises as `raised` with the curve up to it.
 */
export function traceEntry(input: TraceInput, iterations: number, stepsPerEpoch: number): TraceResult {
  return new TraceJob(input, iterations, stepsPerEpoch).advance()!;
}

function failed(error: SpecError): TraceResult {
  return { error, lrs: EMPTY, momenta: EMPTY, valid: 0, cyclesMomentum: false, drops: [], metrics: EMPTY };
}

// ── Chart data ────────────────────────────────────────────────────────────

export type Axis = 'iterations' | 'epochs';
export type YScale = 'linear' | 'log';

export interface SeriesSpec {
  readonly id: number;
  /** lr chart: 'lr', 'momentum', 'drops' (the plateau's cuts on its lr); metric chart: 'metric', 'metricDrops'. */
  readonly kind: 'lr' | 'momentum' | 'drops' | 'metric' | 'metricDrops';
}

export type Column = Float64Array | (number | null)[];

export interface ChartData {
  /** x first, then one column per entry of `series`. */
  readonly columns: Column[];
  readonly series: readonly SeriesSpec[];
}

/** A column uPlot can draw: the typed array itself when every value is drawable, else an array with gaps. */
function column(values: Float64Array, valid: number, log: boolean): Column {
  let clean = valid >= values.length;
  for (let i = 0; clean && i < values.length; i++) if (!Number.isFinite(values[i]!) || (log && !(values[i]! > 0))) clean = false;
  if (clean) return values;
  const out: (number | null)[] = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = i < valid && (!log || v > 0) && Number.isFinite(v) ? v : null;
  }
  return out;
}

/**
 * The x column of a run of `iterations` iterations: 0…iterations − 1, or the same in epochs. Point
 * i is the lr iteration i + 1 trains with (lr after i calls of step() per batch); the lr after the
 * last iteration trains nothing and is left out (OneCycleLR's, past its total_steps, jumps back up).
 */
export function xColumn(iterations: number, stepsPerEpoch: number, axis: Axis): Float64Array {
  const x = new Float64Array(iterations);
  const scale = axis === 'epochs' ? 1 / stepsPerEpoch : 1;
  for (let i = 0; i < iterations; i++) x[i] = i * scale;
  return x;
}

/** Points at the plateau's cuts, on `values` (its lr or its metric); null elsewhere. */
function dropMarks(trace: TraceResult, values: Float64Array, n: number, log: boolean): (number | null)[] {
  const marks = new Array<number | null>(n).fill(null);
  for (const i of trace.drops) if (i < n && Number.isFinite(values[i]!) && (!log || values[i]! > 0)) marks[i] = values[i]!;
  return marks;
}

/** Traces that cover the x column (iterations + 1 values for x's iterations points). */
function fits(trace: TraceResult, x: Float64Array): boolean {
  return trace.valid > 0 && trace.lrs.length === x.length + 1;
}

/** uPlot's aligned data for the shown traces: lr, then momentum where it cycles, then the plateau's cuts as points. */
export function chartData(shown: readonly { readonly id: number; readonly trace: TraceResult }[], x: Float64Array, yScale: YScale): ChartData {
  const columns: Column[] = [x];
  const series: SeriesSpec[] = [];
  const log = yScale === 'log';
  const n = x.length;
  for (const { id, trace } of shown) {
    if (!fits(trace, x)) continue;
    columns.push(column(trace.lrs.subarray(0, n), trace.valid, log));
    series.push({ id, kind: 'lr' });
    if (trace.cyclesMomentum) {
      columns.push(column(trace.momenta.subarray(0, n), trace.valid, false));
      series.push({ id, kind: 'momentum' });
    }
    if (trace.drops.some((i) => i < n)) {
      columns.push(dropMarks(trace, trace.lrs, n, log));
      series.push({ id, kind: 'drops' });
    }
  }
  return { columns, series };
}

/** The second chart's data: each ReduceLROnPlateau's synthetic metric, with its cuts as points on it. */
export function metricChartData(shown: readonly { readonly id: number; readonly trace: TraceResult }[], x: Float64Array): ChartData {
  const columns: Column[] = [x];
  const series: SeriesSpec[] = [];
  const n = x.length;
  for (const { id, trace } of shown) {
    if (!fits(trace, x) || trace.metrics.length !== trace.lrs.length) continue;
    columns.push(column(trace.metrics.subarray(0, n), trace.valid, false));
    series.push({ id, kind: 'metric' });
    if (trace.drops.some((i) => i < n)) {
      columns.push(dropMarks(trace, trace.metrics, n, false));
      series.push({ id, kind: 'metricDrops' });
    }
  }
  return { columns, series };
}
