/**
 * ReduceLROnPlateau: multiplies the lr by `factor` once the metric has not improved for more than
 * `patience` steps. Not an `_LRScheduler` in torch 1.13: no initial_lr, no initial step, and
 * `step(metrics)` takes the metric, so it cannot sit inside SequentialLR or ChainedScheduler.
 */
import { SpecError } from '../errors';
import { defineScheduler, type ParamGroup, type Scheduler } from './types';

export interface ReduceLROnPlateauConfig {
  readonly type: 'ReduceLROnPlateau';
  readonly mode: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly threshold_mode: 'rel' | 'abs';
  readonly cooldown: number;
  readonly min_lr: number;
  readonly eps: number;
}

class ReduceLROnPlateau implements Scheduler {
  readonly type = 'ReduceLROnPlateau';
  private best: number;
  private numBadEpochs = 0;
  private cooldownCounter = 0;

  constructor(
    private readonly group: ParamGroup,
    private readonly config: ReduceLROnPlateauConfig,
  ) {
    this.best = config.mode === 'min' ? Infinity : -Infinity;
  }

  private isBetter(a: number): boolean {
    const { mode, threshold_mode: thresholdMode, threshold } = this.config;
    if (mode === 'min') return thresholdMode === 'rel' ? a < this.best * (1 - threshold) : a < this.best - threshold;
    return thresholdMode === 'rel' ? a > this.best * (threshold + 1) : a > this.best + threshold;
  }

  step(metric?: number): void {
    if (metric === undefined) throw new SpecError('metrics', 'ReduceLROnPlateau.step() needs a metric at every step: give one value per step');
    if (this.isBetter(metric)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.config.patience) {
      this.reduce();
      this.cooldownCounter = this.config.cooldown;
      this.numBadEpochs = 0;
    }
  }

  private reduce(): void {
    const oldLr = this.group.lr;
    const scaled = oldLr * this.config.factor;
    // Python's max(a, b) keeps a unless b is greater.
    const newLr = this.config.min_lr > scaled ? this.config.min_lr : scaled;
    if (oldLr - newLr > this.config.eps) this.group.lr = newLr;
  }
}

export const reduceLROnPlateau = defineScheduler<ReduceLROnPlateauConfig>({
  type: 'ReduceLROnPlateau',
  defaults: { mode: 'min', factor: 0.1, patience: 10, threshold: 1e-4, threshold_mode: 'rel', cooldown: 0, min_lr: 0, eps: 1e-8, verbose: false },
  required: [],
  read(kw) {
    return {
      type: 'ReduceLROnPlateau',
      mode: kw.choice('mode', ['min', 'max']),
      factor: kw.number('factor', { min: 0, lessThan: 1 }),
      patience: kw.integer('patience', { min: 0 }),
      threshold: kw.number('threshold', { min: 0 }),
      threshold_mode: kw.choice('threshold_mode', ['rel', 'abs']),
      cooldown: kw.integer('cooldown', { min: 0 }),
      min_lr: kw.perGroupNumber('min_lr', { min: 0 }),
      eps: kw.number('eps', { min: 0 }),
    };
  },
  create: (group, config) => new ReduceLROnPlateau(group, config),
});
