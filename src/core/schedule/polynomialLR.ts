/** PolynomialLR: lr = initial_lr * (1 - t / total_iters) ** power, applied as a ratio at each step. */
import { EPOCH_DEFAULTS } from './kwargs';
import { pyDiv, pyPow } from './python';
import { LRScheduler, defineScheduler, type ParamGroup } from './types';

export interface PolynomialLRConfig {
  readonly type: 'PolynomialLR';
  readonly total_iters: number;
  readonly power: number;
}

class PolynomialLR extends LRScheduler {
  readonly type = 'PolynomialLR';

  constructor(
    group: ParamGroup,
    path: string,
    private readonly config: PolynomialLRConfig,
  ) {
    super(group, path);
    this.initialStep();
  }

  protected getLr(): number {
    const { total_iters: total, power } = this.config;
    const t = this.lastEpoch;
    if (t === 0 || t > total) return this.group.lr;
    const ratio = pyDiv(1.0 - pyDiv(t, total, 'total_iters'), 1.0 - pyDiv(t - 1, total, 'total_iters'), 'total_iters');
    return this.group.lr * pyPow(ratio, power, 'power');
  }

  protected override closedFormLr(): number {
    const { total_iters: total, power } = this.config;
    return this.baseLr * pyPow(1.0 - pyDiv(Math.min(total, this.lastEpoch), total, 'total_iters'), power, 'power');
  }
}

export const polynomialLR = defineScheduler<PolynomialLRConfig>({
  type: 'PolynomialLR',
  defaults: { total_iters: 5, power: 1.0, ...EPOCH_DEFAULTS },
  required: [],
  read(kw) {
    return { type: 'PolynomialLR', total_iters: kw.integer('total_iters', { min: 0 }), power: kw.number('power') };
  },
  create: (group, config, path) => new PolynomialLR(group, path, config),
});
