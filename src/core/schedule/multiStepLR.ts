/** MultiStepLR: lr *= gamma ** (times the epoch appears in milestones), milestones counted like collections.Counter. */
import { SpecError } from '../errors';
import { expectArray, expectNumber } from '../spec';
import { EPOCH_DEFAULTS } from './kwargs';
import { bisectRight, pyPow } from './python';
import { LRScheduler, defineScheduler, type ParamGroup } from './types';

export interface MultiStepLRConfig {
  readonly type: 'MultiStepLR';
  readonly milestones: readonly number[];
  readonly gamma: number;
}

class MultiStepLR extends LRScheduler {
  readonly type = 'MultiStepLR';
  /** Counter(milestones): a repeated milestone decays by gamma ** count at once. */
  private readonly counts = new Map<number, number>();
  private readonly sorted: readonly number[];

  constructor(
    group: ParamGroup,
    path: string,
    private readonly gamma: number,
    milestones: readonly number[],
  ) {
    super(group, path);
    for (const m of milestones) this.counts.set(m, (this.counts.get(m) ?? 0) + 1);
    this.sorted = [...milestones].sort((a, b) => a - b);
    this.initialStep();
  }

  protected getLr(): number {
    const count = this.counts.get(this.lastEpoch);
    return count === undefined ? this.group.lr : this.group.lr * pyPow(this.gamma, count, 'gamma');
  }

  protected override closedFormLr(): number {
    return this.baseLr * pyPow(this.gamma, bisectRight(this.sorted, this.lastEpoch), 'gamma');
  }
}

export const multiStepLR = defineScheduler<MultiStepLRConfig>({
  type: 'MultiStepLR',
  defaults: { gamma: 0.1, ...EPOCH_DEFAULTS },
  required: ['milestones'],
  read(kw) {
    const list = expectArray(kw.raw('milestones'), kw.path('milestones'));
    if (list.length > 10_000) throw new SpecError(kw.path('milestones'), `at most 10000 milestones, got ${list.length}`);
    const milestones = list.map((m, i) => expectNumber(m, `${kw.path('milestones')}[${i}]`, { integer: true, min: 0 }));
    return { type: 'MultiStepLR', milestones, gamma: kw.number('gamma', { min: 0 }) };
  },
  create: (group, config, path) => new MultiStepLR(group, path, config.gamma, config.milestones),
});
