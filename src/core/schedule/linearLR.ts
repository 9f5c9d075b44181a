/** LinearLR: the factor moves linearly from start_factor to end_factor over total_iters steps. */
import { EPOCH_DEFAULTS } from './kwargs';
import { pyDiv } from './python';
import { LRScheduler, defineScheduler, type ParamGroup } from './types';

export interface LinearLRConfig {
  readonly type: 'LinearLR';
  readonly start_factor: number;
  readonly end_factor: number;
  readonly total_iters: number;
}

class LinearLR extends LRScheduler {
  readonly type = 'LinearLR';

  constructor(
    group: ParamGroup,
    path: string,
    private readonly config: LinearLRConfig,
  ) {
    super(group, path);
    this.initialStep();
  }

  protected getLr(): number {
    const { start_factor: start, end_factor: end, total_iters: total } = this.config;
    if (this.lastEpoch === 0) return this.group.lr * start;
    if (this.lastEpoch > total) return this.group.lr;
    return this.group.lr * (1 + pyDiv(end - start, total * start + (this.lastEpoch - 1) * (end - start), 'start_factor'));
  }

  protected override closedFormLr(): number {
    const { start_factor: start, end_factor: end, total_iters: total } = this.config;
    return this.baseLr * (start + pyDiv((end - start) * Math.min(total, this.lastEpoch), total, 'total_iters'));
  }
}

export const linearLR = defineScheduler<LinearLRConfig>({
  type: 'LinearLR',
  defaults: { start_factor: 1.0 / 3, end_factor: 1.0, total_iters: 5, ...EPOCH_DEFAULTS },
  required: [],
  read(kw) {
    return {
      type: 'LinearLR',
      // torch 2.x refuses start_factor 0 (1.13 accepts it, then divides by zero at the first step).
      start_factor: kw.number('start_factor', { greaterThan: 0, max: 1 }),
      end_factor: kw.number('end_factor', { min: 0, max: 1 }),
      total_iters: kw.integer('total_iters', { min: 0 }),
    };
  },
  create: (group, config, path) => new LinearLR(group, path, config),
});
