/** StepLR: lr *= gamma every step_size epochs. */
import { EPOCH_DEFAULTS } from './kwargs';
import { intFloorDiv, intMod, pyPow } from './python';
import { LRScheduler, defineScheduler, type ParamGroup } from './types';

export interface StepLRConfig {
  readonly type: 'StepLR';
  readonly step_size: number;
  readonly gamma: number;
}

class StepLR extends LRScheduler {
  readonly type = 'StepLR';

  constructor(
    group: ParamGroup,
    path: string,
    private readonly config: StepLRConfig,
  ) {
    super(group, path);
    this.initialStep();
  }

  protected getLr(): number {
    if (this.lastEpoch === 0 || intMod(this.lastEpoch, this.config.step_size) !== 0) return this.group.lr;
    return this.group.lr * this.config.gamma;
  }

  protected override closedFormLr(): number {
    return this.baseLr * pyPow(this.config.gamma, intFloorDiv(this.lastEpoch, this.config.step_size), 'gamma');
  }
}

export const stepLR = defineScheduler<StepLRConfig>({
  type: 'StepLR',
  defaults: { gamma: 0.1, ...EPOCH_DEFAULTS },
  required: ['step_size'],
  read(kw) {
    // step_size 0 makes torch raise ZeroDivisionError at the first step; below 0 it is meaningless.
    return { type: 'StepLR', step_size: kw.integer('step_size', { min: 1 }), gamma: kw.number('gamma', { min: 0 }) };
  },
  create: (group, config, path) => new StepLR(group, path, config),
});
