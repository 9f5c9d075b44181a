/** ExponentialLR: lr *= gamma every step. */
import { EPOCH_DEFAULTS } from './kwargs';
import { pyPow } from './python';
import { LRScheduler, defineScheduler, type ParamGroup } from './types';

export interface ExponentialLRConfig {
  readonly type: 'ExponentialLR';
  readonly gamma: number;
}

class ExponentialLR extends LRScheduler {
  readonly type = 'ExponentialLR';

  constructor(
    group: ParamGroup,
    path: string,
    private readonly gamma: number,
  ) {
    super(group, path);
    this.initialStep();
  }

  protected getLr(): number {
    return this.lastEpoch === 0 ? this.group.lr : this.group.lr * this.gamma;
  }

  protected override closedFormLr(): number {
    return this.baseLr * pyPow(this.gamma, this.lastEpoch, 'gamma');
  }
}

export const exponentialLR = defineScheduler<ExponentialLRConfig>({
  type: 'ExponentialLR',
  defaults: EPOCH_DEFAULTS,
  required: ['gamma'],
  read(kw) {
    return { type: 'ExponentialLR', gamma: kw.number('gamma', { min: 0 }) };
  },
  create: (group, config, path) => new ExponentialLR(group, path, config.gamma),
});
