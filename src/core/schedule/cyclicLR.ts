/**
 * CyclicLR: triangular cycles between base_lr and max_lr (scaled per cycle or per iteration), with
 * momentum cycled inversely. The constructor overwrites the optimizer's lr with base_lr.
 */
import { EPOCH_DEFAULTS } from './kwargs';
import { pyDiv, pyPow } from './python';
import { LRScheduler, defineScheduler, type ParamGroup } from './types';

export type CyclicMode = 'triangular' | 'triangular2' | 'exp_range';

export interface CyclicLRConfig {
  readonly type: 'CyclicLR';
  readonly base_lr: number;
  readonly max_lr: number;
  readonly step_size_up: number;
  /** undefined: torch's None, the same as step_size_up. */
  readonly step_size_down: number | undefined;
  readonly mode: CyclicMode;
  readonly gamma: number;
  /** Accepted as torch does; without a custom scale_fn the mode decides (cycle, or iterations for exp_range). */
  readonly scale_mode: 'cycle' | 'iterations';
  readonly cycle_momentum: boolean;
  readonly base_momentum: number;
  readonly max_momentum: number;
}

class CyclicLR extends LRScheduler {
  readonly type = 'CyclicLR';
  private readonly totalSize: number;
  private readonly stepRatio: number;
  private readonly baseMomentum: number;

  constructor(group: ParamGroup, path: string, private readonly config: CyclicLRConfig) {
    // torch sets lr (and momentum) before _LRScheduler.__init__, so initial_lr defaults to base_lr.
    group.lr = config.base_lr;
    if (config.cycle_momentum) group.momentum = config.base_momentum;
    super(group, path);
    const up = config.step_size_up;
    this.totalSize = up + (config.step_size_down ?? up);
    this.stepRatio = pyDiv(up, this.totalSize, 'step_size_up');
    this.baseMomentum = group.momentum;
    // The initial step uses initial_lr as the base (which differs from base_lr inside composites);
    // only afterwards does torch replace base_lrs with base_lr.
    this.initialStep();
    this.baseLr = config.base_lr;
  }

  private scale(x: number): number {
    switch (this.config.mode) {
      case 'triangular':
        return 1.0;
      case 'triangular2':
        return pyDiv(1, pyPow(2.0, x - 1, 'mode'));
      case 'exp_range':
        return pyPow(this.config.gamma, x, 'gamma');
    }
  }

  protected getLr(): number {
    const t = this.lastEpoch;
    const cycle = Math.floor(1 + t / this.totalSize);
    const x = 1 + t / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? pyDiv(x, this.stepRatio, 'step_size_up') : pyDiv(x - 1, this.stepRatio - 1, 'step_size_down');
    const factor = this.scale(this.config.mode === 'exp_range' ? t : cycle);
    const lr = this.baseLr + (this.config.max_lr - this.baseLr) * scaleFactor * factor;
    if (this.config.cycle_momentum) {
      const maxMomentum = this.config.max_momentum;
      this.group.momentum = maxMomentum - (maxMomentum - this.baseMomentum) * scaleFactor * factor;
    }
    return lr;
  }
}

export const cyclicLR = defineScheduler<CyclicLRConfig>({
  type: 'CyclicLR',
  defaults: {
    step_size_up: 2000,
    step_size_down: null,
    mode: 'triangular',
    gamma: 1.0,
    scale_fn: null,
    scale_mode: 'cycle',
    cycle_momentum: true,
    base_momentum: 0.8,
    max_momentum: 0.9,
    ...EPOCH_DEFAULTS,
  },
  required: ['base_lr', 'max_lr'],
  read(kw) {
    kw.none('scale_fn', 'a custom scale_fn (Python code) is not supported; choose mode triangular, triangular2 or exp_range');
    return {
      type: 'CyclicLR',
      base_lr: kw.perGroupNumber('base_lr', { min: 0 }),
      max_lr: kw.perGroupNumber('max_lr', { min: 0 }),
      step_size_up: kw.integer('step_size_up', { min: 1 }),
      step_size_down: kw.optionalInteger('step_size_down', { min: 0 }),
      mode: kw.choice('mode', ['triangular', 'triangular2', 'exp_range']),
      gamma: kw.number('gamma', { min: 0 }),
      scale_mode: kw.choice('scale_mode', ['cycle', 'iterations']),
      cycle_momentum: kw.boolean('cycle_momentum'),
      base_momentum: kw.perGroupNumber('base_momentum'),
      max_momentum: kw.perGroupNumber('max_momentum'),
    };
  },
  create: (group, config, path) => new CyclicLR(group, path, config),
});
