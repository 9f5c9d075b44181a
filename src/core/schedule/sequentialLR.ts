/**
 * SequentialLR as torch 1.13 builds it: the inner schedulers are constructed first (each stepping the
 * shared optimizer), then SequentialLR resets the lr to initial_lr, rewinds every inner last_epoch by
 * one and re-runs the first one's initial step. At each milestone the next scheduler is called with
 * step(0), which uses its closed form where it has one.
 */
import { SpecError } from '../errors';
import { expectArray, expectNumber } from '../spec';
import { createSchedulers, PLATEAU_REFUSAL, readSchedulers } from './composite';
import { EPOCH_DEFAULTS } from './kwargs';
import { bisectRight } from './python';
import type { SchedulerConfig } from './registry';
import { defineScheduler, isEpochScheduler, type EpochScheduler, type ParamGroup } from './types';

export interface SequentialLRConfig {
  readonly type: 'SequentialLR';
  readonly schedulers: readonly SchedulerConfig[];
  readonly milestones: readonly number[];
}

class SequentialLR implements EpochScheduler {
  readonly type = 'SequentialLR';
  lastEpoch = 0;

  constructor(
    group: ParamGroup,
    private readonly path: string,
    private readonly schedulers: readonly EpochScheduler[],
    private readonly milestones: readonly number[],
  ) {
    group.lr = group.initialLr ?? group.lr;
    for (const scheduler of schedulers) scheduler.lastEpoch -= 1;
    schedulers[0]?.initialStep();
  }

  // Inherited from _LRScheduler: used when this SequentialLR is the first of an enclosing one.
  initialStep(): void {
    this.step();
  }

  step(): void {
    this.lastEpoch += 1;
    const idx = bisectRight(this.milestones, this.lastEpoch);
    const scheduler = this.schedulers[idx] as EpochScheduler;
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) scheduler.stepAt(0);
    else scheduler.step();
  }

  stepAt(): void {
    throw new SpecError(
      this.path,
      "torch 1.13 raises TypeError here: SequentialLR.step() takes no epoch, but the enclosing SequentialLR calls step(0) at this scheduler's milestone (2.x raises NotImplementedError). A SequentialLR can only be the first scheduler of another SequentialLR",
    );
  }
}

export const sequentialLR = defineScheduler<SequentialLRConfig>({
  type: 'SequentialLR',
  defaults: EPOCH_DEFAULTS,
  required: ['schedulers', 'milestones'],
  read(kw, nested) {
    const schedulers = readSchedulers(kw, 'SequentialLR', nested, {
      ReduceLROnPlateau: PLATEAU_REFUSAL,
      ChainedScheduler: "torch 1.13 raises AttributeError: a ChainedScheduler has no last_epoch for SequentialLR to rewind ('ChainedScheduler' object has no attribute 'last_epoch')",
    });
    const milestonesField = kw.path('milestones');
    const list = expectArray(kw.raw('milestones'), milestonesField);
    if (list.length !== schedulers.length - 1) {
      throw new SpecError(milestonesField, `expected ${schedulers.length - 1} milestones (one fewer than schedulers), got ${list.length}`);
    }
    const milestones = list.map((m, i) => expectNumber(m, `${milestonesField}[${i}]`, { integer: true, min: 0 }));
    return { type: 'SequentialLR', schedulers, milestones };
  },
  create(group, config, path, nested) {
    const schedulers = createSchedulers(group, config.schedulers, path, nested).map((scheduler) => {
      // validate() refused the only kinds without last_epoch (ChainedScheduler, ReduceLROnPlateau).
      if (!isEpochScheduler(scheduler)) throw new Error(`unreachable: ${scheduler.type} inside SequentialLR`);
      return scheduler;
    });
    return new SequentialLR(group, path, schedulers, config.milestones);
  },
});
