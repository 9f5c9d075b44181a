/**
 * The `optim-lens schedule` contract:
 *   {"base_lr":LR,"steps":N,"scheduler":{"type":CLASS,...torch kwargs},"metrics":[…]} → {"lrs":[lr_0,…,lr_N]}
 * lr_k is param_groups[0]['lr'] after k calls of scheduler.step() on SGD(lr=base_lr, momentum=0.9);
 * ReduceLROnPlateau's k-th call gets metrics[k-1]. `{"cases":[spec,…]}` → `{"results":[output,…]}`.
 */
import { SpecError, specError } from '../errors';
import { MAX_STEPS, checkOutputSize, expectArray, expectNumber, expectObject, rejectUnknownKeys, required } from '../spec';
import { LambdaBudget } from './lambda';
import { traceSchedule, type ScheduleTrace } from './instance';
import { validateScheduler, type SchedulerConfig } from './registry';

export interface ScheduleSpec {
  /** The optimizer's lr before any scheduler touches it. */
  readonly base_lr: number;
  readonly steps: number;
  readonly scheduler: SchedulerConfig;
  /** ReduceLROnPlateau's metric for each step (metrics[k-1] at the k-th call). */
  readonly metrics?: readonly number[];
}

export interface ScheduleOutput {
  readonly lrs: number[];
}

/** The largest batch `{"cases": […]}` accepted in one call. */
export const MAX_CASES = 1000;

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

/** Validates a schedule spec; every problem is a SpecError naming the field (prefixed with `field`). */
export function parseScheduleSpec(json: unknown, field = ''): ScheduleSpec {
  const obj = expectObject(json, field);
  rejectUnknownKeys(obj, ['base_lr', 'steps', 'scheduler', 'metrics'], field);
  // torch's SGD raises "Invalid learning rate" below zero.
  const baseLr = required(obj, 'base_lr', field, (v, f) => expectNumber(v, f, { min: 0 }));
  const steps = required(obj, 'steps', field, (v, f) => expectNumber(v, f, { integer: true, min: 0, max: MAX_STEPS }));
  const scheduler = required(obj, 'scheduler', field, validateScheduler);
  let metrics: number[] | undefined;
  if (obj.metrics !== undefined) {
    const metricsField = join(field, 'metrics');
    const list = expectArray(obj.metrics, metricsField);
    if (list.length > MAX_STEPS) throw new SpecError(metricsField, `at most ${MAX_STEPS} values, got ${list.length}`);
    metrics = list.map((m, i) => expectNumber(m, `${metricsField}[${i}]`));
  }
  // A metric only ReduceLROnPlateau reads would otherwise be dropped without a word (a
  // SequentialLR of plateau schedulers is not a thing torch allows: it has no last_epoch).
  if (metrics !== undefined && scheduler.type !== 'ReduceLROnPlateau') {
    throw specError(join(field, 'metrics'), 'metricsUnused', { type: scheduler.type });
  }
  if (scheduler.type === 'ReduceLROnPlateau' && steps > (metrics?.length ?? 0)) {
    throw new SpecError(
      join(field, 'metrics'),
      metrics === undefined
        ? `ReduceLROnPlateau needs a metric for each of the ${steps} steps (scheduler.step(metrics[k-1]) at the k-th call)`
        : `ReduceLROnPlateau needs a metric for each of the ${steps} steps, got ${metrics.length}`,
    );
  }
  return metrics === undefined ? { base_lr: baseLr, steps, scheduler } : { base_lr: baseLr, steps, scheduler, metrics };
}

/**
 * Runs a validated spec; lr and momentum after each call, in typed arrays (for plotting).
 * `path` names the scheduler in runtime errors (`cases[2].scheduler` in a batch).
 */
export function simulateSchedule(spec: ScheduleSpec, into?: ScheduleTrace, path = 'scheduler', budget?: LambdaBudget): ScheduleTrace {
  return traceSchedule(spec.scheduler, spec.base_lr, spec.steps, spec.metrics, into, path, budget);
}

/**
 * Runs a validated spec. Throws SpecError where torch raises (OneCycleLR past total_steps, a lambda
 * dividing by zero…) and where its lambdas spend `budget` (a batch passes one for all its cases).
 */
export function runSchedule(spec: ScheduleSpec, path = 'scheduler', budget?: LambdaBudget): ScheduleOutput {
  return { lrs: Array.from(simulateSchedule(spec, undefined, path, budget).lrs) };
}

/** The CLI entry: one spec, or `{"cases":[spec,…]}` → `{"results":[output,…]}`. */
export function runScheduleJson(json: unknown): unknown {
  const obj = expectObject(json, '');
  if (obj.cases === undefined) return runSchedule(parseScheduleSpec(obj));
  rejectUnknownKeys(obj, ['cases'], '');
  const cases = expectArray(obj.cases, 'cases');
  if (cases.length > MAX_CASES) throw new SpecError('cases', `at most ${MAX_CASES} cases, got ${cases.length}`);
  // Validate every case before running any, so a typo in the last case costs no computation.
  const specs = cases.map((c, i) => parseScheduleSpec(c, `cases[${i}]`));
  checkOutputSize(specs.reduce((sum, spec) => sum + spec.steps + 1, 0), 'cases');
  // One budget for the whole batch: a thousand cases must not each spend a full one.
  const budget = new LambdaBudget();
  return { results: specs.map((spec, i) => runSchedule(spec, `cases[${i}].scheduler`, budget)) };
}
