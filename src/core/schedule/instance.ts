/**
 * A live schedule for interactive use (the schedule webview): torch's scheduler on an
 * `SGD(lr=base_lr, momentum=0.9)` optimizer, stepped one call at a time. Stepping allocates nothing.
 */
import type { LambdaBudget } from './lambda';
import { createScheduler, type SchedulerConfig } from './registry';
import { ParamGroup, type Scheduler } from './types';

export class ScheduleInstance {
  private readonly group: ParamGroup;
  private readonly scheduler: Scheduler;
  private calls = 0;

  /**
   * Constructs the scheduler (and its inner schedulers), which performs torch's initial step.
   * Throws SpecError; `path` is the field runtime errors name; `budget` what its lambdas may spend
   * (a fresh one per instance unless a batch shares one).
   */
  constructor(config: SchedulerConfig, baseLr: number, path = 'scheduler', budget?: LambdaBudget) {
    this.group = new ParamGroup(baseLr, budget);
    this.scheduler = createScheduler(this.group, config, path);
  }

  /** `optimizer.param_groups[0]['lr']` now. */
  get lr(): number {
    return this.group.lr;
  }

  /** `optimizer.param_groups[0]['momentum']` now (CyclicLR and OneCycleLR cycle it). */
  get momentum(): number {
    return this.group.momentum;
  }

  /** How many times step() has been called. */
  get steps(): number {
    return this.calls;
  }

  /** `scheduler.step()`, or `scheduler.step(metric)` for ReduceLROnPlateau. Throws SpecError where torch raises. */
  step(metric?: number): void {
    this.scheduler.step(metric);
    this.calls += 1;
  }
}

export interface ScheduleTrace {
  /** lr after 0…steps calls of step(). */
  readonly lrs: Float64Array;
  /** momentum after 0…steps calls of step(). */
  readonly momenta: Float64Array;
}

/**
 * Runs `steps` calls of step() and writes lr and momentum after each (index 0: after construction)
 * into `into`, which must hold steps + 1 values, or into fresh arrays.
 */
export function traceSchedule(
  config: SchedulerConfig,
  baseLr: number,
  steps: number,
  metrics?: ArrayLike<number>,
  into?: ScheduleTrace,
  path = 'scheduler',
  budget?: LambdaBudget,
): ScheduleTrace {
  const trace = into ?? { lrs: new Float64Array(steps + 1), momenta: new Float64Array(steps + 1) };
  const instance = new ScheduleInstance(config, baseLr, path, budget);
  trace.lrs[0] = instance.lr;
  trace.momenta[0] = instance.momentum;
  for (let k = 1; k <= steps; k++) {
    instance.step(metrics?.[k - 1]);
    trace.lrs[k] = instance.lr;
    trace.momenta[k] = instance.momentum;
  }
  return trace;
}
