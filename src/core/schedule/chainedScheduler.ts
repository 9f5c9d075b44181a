/**
 * ChainedScheduler: constructs nothing itself (its inner schedulers already took their initial
 * steps) and steps every inner scheduler in order, each on the lr the previous one left.
 */
import { createSchedulers, PLATEAU_REFUSAL, readSchedulers } from './composite';
import type { SchedulerConfig } from './registry';
import { defineScheduler, type Scheduler } from './types';

export interface ChainedSchedulerConfig {
  readonly type: 'ChainedScheduler';
  readonly schedulers: readonly SchedulerConfig[];
}

class ChainedScheduler implements Scheduler {
  readonly type = 'ChainedScheduler';

  constructor(private readonly schedulers: readonly Scheduler[]) {}

  step(): void {
    for (let i = 0; i < this.schedulers.length; i++) (this.schedulers[i] as Scheduler).step();
  }
}

export const chainedScheduler = defineScheduler<ChainedSchedulerConfig>({
  type: 'ChainedScheduler',
  defaults: {},
  required: ['schedulers'],
  read(kw, nested) {
    return { type: 'ChainedScheduler', schedulers: readSchedulers(kw, 'ChainedScheduler', nested, { ReduceLROnPlateau: PLATEAU_REFUSAL }) };
  },
  create: (group, config, path, nested) => new ChainedScheduler(createSchedulers(group, config.schedulers, path, nested)),
});
