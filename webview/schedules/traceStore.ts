/**
 * The traces the chart needs, computed a slice at a time and remembered by what went into them.
 * A 100,000-step trace takes 10–40 ms, and eight of them several frames; `work(budget)` stops
 * within a few milliseconds of its budget, so the panel can run it between input events and paints.
 * Remembering finished traces by content (not by schedule) makes a value typed back, a duplicate,
 * or a length tried and undone cost nothing.
 */
import { TraceJob, type TraceInput, type TraceResult } from './compute';

/** One schedule of a request: its id on the chart and its inputs. */
export interface TraceRequestItem {
  readonly id: number;
  readonly input: TraceInput;
}

/** What the chart asks for: the schedules and the axis length they are traced over. */
export interface TraceRequest {
  readonly items: readonly TraceRequestItem[];
  readonly iterations: number;
  readonly stepsPerEpoch: number;
}

/** A complete set of traces for one request, by schedule id. */
export interface TraceSet {
  readonly iterations: number;
  readonly stepsPerEpoch: number;
  readonly traces: ReadonlyMap<number, TraceResult>;
}

/**
 * A string equal for two inputs exactly when they trace the same: every number written so that
 * -0, NaN and ±Infinity stay apart from each other and from null (JSON.stringify would merge them),
 * strings quoted, keys in their order.
 */
export function keyOf(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(keyOf).join(',')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${keyOf(v)}`).join(',')}}`;
  return `?${typeof value}`;
}

export function traceKey(input: TraceInput, iterations: number, stepsPerEpoch: number): string {
  return keyOf([input.scheduler, input.base_lr, input.cadence, input.curve, iterations, stepsPerEpoch]);
}

/** Finished traces kept: the most schedules a chart holds (at least), and as many again to come back to. */
const CAPACITY = 16;

export class TraceStore {
  /** Finished traces, least recently used first. */
  private readonly finished = new Map<string, TraceResult>();
  /** Traces being computed, in the order they were asked for. */
  private jobs = new Map<string, TraceJob>();

  constructor(
    private readonly capacity = CAPACITY,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The finished trace for this key, if there is one. */
  get(key: string): TraceResult | undefined {
    const hit = this.finished.get(key);
    if (hit) {
      this.finished.delete(key);
      this.finished.set(key, hit);
    }
    return hit;
  }

  /**
   * Makes the request's traces the ones being computed: each is finished or gets a job (an
   * unfinished job for the same inputs goes on where it was); jobs nothing asks for any more stop.
   */
  want(request: TraceRequest): void {
    const jobs = new Map<string, TraceJob>();
    for (const { input } of request.items) {
      const key = traceKey(input, request.iterations, request.stepsPerEpoch);
      // A hit becomes the most recently used, so finishing the others never pushes it out.
      if (this.get(key) || jobs.has(key)) continue;
      jobs.set(key, this.jobs.get(key) ?? new TraceJob(input, request.iterations, request.stepsPerEpoch));
    }
    this.jobs = jobs;
  }

  /** Whether traces are still being computed. */
  get busy(): boolean {
    return this.jobs.size > 0;
  }

  /**
   * Advances the jobs, one after another, until all are finished (true) or `budgetMs` has passed
   * (false; a job overruns its budget by at most a couple of thousand scheduler steps).
   */
  work(budgetMs: number): boolean {
    const deadline = this.now() + budgetMs;
    const late = () => this.now() >= deadline;
    for (const [key, job] of this.jobs) {
      const result = job.advance(late);
      if (!result) return false;
      this.jobs.delete(key);
      this.remember(key, result);
      if (this.jobs.size > 0 && late()) return false;
    }
    return true;
  }

  /** The request's traces when all are finished, else undefined. */
  complete(request: TraceRequest): TraceSet | undefined {
    const traces = new Map<number, TraceResult>();
    for (const { id, input } of request.items) {
      const trace = this.get(traceKey(input, request.iterations, request.stepsPerEpoch));
      if (!trace) return undefined;
      traces.set(id, trace);
    }
    return { iterations: request.iterations, stepsPerEpoch: request.stepsPerEpoch, traces };
  }

  private remember(key: string, result: TraceResult): void {
    this.finished.set(key, result);
    for (const old of this.finished.keys()) {
      if (this.finished.size <= this.capacity) break;
      this.finished.delete(old);
    }
  }
}
