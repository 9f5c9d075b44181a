/** ConstantLR: lr * factor until total_iters, then the lr is divided back. */
import { EPOCH_DEFAULTS } from './kwargs';
import { pyDiv } from './python';
import { LRScheduler, defineScheduler, type ParamGroup } from './types';

export interface ConstantLRConfig {
  readonly type: 'ConstantLR';
  readonly factor: number;
  readonly total_iters: number;
}

class ConstantLR extends LRScheduler {
  readonly type = 'ConstantLR';

  constructor(
    group: ParamGroup,
    path: string,
    private readonly config: ConstantLRConfig,
  ) {
    super(group, path);
    this.initialStep();
  }

  protected getLr(): number {
    const { factor, total_iters } = this.config;
    if (this.lastEpoch === 0) return this.group.lr * factor;
    if (this.lastEpoch !== total_iters) return this.group.lr;
    // factor 0 is accepted by torch and fails here, at total_iters.
    return this.group.lr * pyDiv(1.0, factor, 'factor');
  }

  protected override closedFormLr(): number {
    const { factor, total_iters } = this.config;
    return this.baseLr * (factor + (this.lastEpoch >= total_iters ? 1 : 0) * (1 - factor));
  }
}

export const constantLR = defineScheduler<ConstantLRConfig>({
  type: 'ConstantLR',
  defaults: { factor: 1.0 / 3, total_iters: 5, ...EPOCH_DEFAULTS },
  required: [],
  read(kw) {
    return { type: 'ConstantLR', factor: kw.number('factor', { min: 0, max: 1 }), total_iters: kw.integer('total_iters', { min: 0 }) };
  },
  create: (group, config, path) => new ConstantLR(group, path, config),
});
