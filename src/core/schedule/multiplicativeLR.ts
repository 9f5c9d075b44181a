/** MultiplicativeLR: lr *= lr_lambda(last_epoch) at every step after the first. */
import { EPOCH_DEFAULTS } from './kwargs';
import type { CompiledLambda } from './lambda';
import { readLambda } from './lambdaLR';
import { LRScheduler, defineScheduler, type ParamGroup } from './types';

export interface MultiplicativeLRConfig {
  readonly type: 'MultiplicativeLR';
  readonly lr_lambda: CompiledLambda;
}

class MultiplicativeLR extends LRScheduler {
  readonly type = 'MultiplicativeLR';

  constructor(
    group: ParamGroup,
    path: string,
    private readonly lambda: CompiledLambda,
  ) {
    super(group, path);
    this.initialStep();
  }

  // No closed form: SequentialLR's step(0) lands here with last_epoch 0 and keeps the lr (1.13).
  protected getLr(): number {
    return this.lastEpoch > 0 ? this.group.lr * this.lambda.factor(this.lastEpoch, this.group.lambdaBudget) : this.group.lr;
  }
}

export const multiplicativeLR = defineScheduler<MultiplicativeLRConfig>({
  type: 'MultiplicativeLR',
  defaults: EPOCH_DEFAULTS,
  required: ['lr_lambda'],
  read: (kw) => ({ type: 'MultiplicativeLR', lr_lambda: readLambda(kw) }),
  create: (group, config, path) => new MultiplicativeLR(group, path, config.lr_lambda),
});
