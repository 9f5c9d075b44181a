/** LambdaLR: lr = initial_lr * lr_lambda(last_epoch), the lambda given as Python source. */
import { SpecError } from '../errors';
import { EPOCH_DEFAULTS, type Kwargs } from './kwargs';
import { parseLambda, type CompiledLambda } from './lambda';
import { LRScheduler, defineScheduler, type ParamGroup } from './types';

export interface LambdaLRConfig {
  readonly type: 'LambdaLR';
  readonly lr_lambda: CompiledLambda;
}

/** `lr_lambda`: Python lambda source, or a list holding one (torch takes one per param group). */
export function readLambda(kw: Kwargs): CompiledLambda {
  const field = kw.path('lr_lambda');
  let value = kw.raw('lr_lambda');
  if (Array.isArray(value)) {
    if (value.length !== 1) throw new SpecError(field, `expected 1 lr_lambda (the optimizer has one param group), got ${value.length}`);
    value = value[0];
  }
  if (typeof value !== 'string') throw new SpecError(field, 'expected Python lambda source such as "lambda epoch: 0.95 ** epoch"');
  return parseLambda(value, field);
}

class LambdaLR extends LRScheduler {
  readonly type = 'LambdaLR';

  constructor(
    group: ParamGroup,
    path: string,
    private readonly lambda: CompiledLambda,
  ) {
    super(group, path);
    this.initialStep();
  }

  protected getLr(): number {
    return this.baseLr * this.lambda.factor(this.lastEpoch, this.group.lambdaBudget);
  }
}

export const lambdaLR = defineScheduler<LambdaLRConfig>({
  type: 'LambdaLR',
  defaults: EPOCH_DEFAULTS,
  required: ['lr_lambda'],
  read: (kw) => ({ type: 'LambdaLR', lr_lambda: readLambda(kw) }),
  create: (group, config, path) => new LambdaLR(group, path, config.lr_lambda),
});
