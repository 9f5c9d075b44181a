/**
 * CosineAnnealingLR in torch's recursive ("chainable") form. It equals the closed form only up to
 * rounding, and past T_max it keeps going: the lr climbs back to the initial lr by 2 * T_max and
 * oscillates, which is what torch's users see.
 */
import { EPOCH_DEFAULTS } from './kwargs';
import { RememberingCos } from './libm';
import { intMod, pyDiv } from './python';
import { LRScheduler, defineScheduler, type ParamGroup } from './types';

export interface CosineAnnealingLRConfig {
  readonly type: 'CosineAnnealingLR';
  readonly T_max: number;
  readonly eta_min: number;
}

class CosineAnnealingLR extends LRScheduler {
  readonly type = 'CosineAnnealingLR';
  private readonly cosines = new RememberingCos();

  constructor(
    group: ParamGroup,
    path: string,
    private readonly config: CosineAnnealingLRConfig,
  ) {
    super(group, path);
    this.initialStep();
  }

  protected getLr(): number {
    const { T_max: tMax, eta_min: etaMin } = this.config;
    const t = this.lastEpoch;
    if (t === 0) return this.group.lr;
    if (this.stepCount === 1 && t > 0) return etaMin + ((this.baseLr - etaMin) * (1 + this.cosines.cos((t * Math.PI) / tMax))) / 2;
    // At the bottom of each cosine the recursion's ratio is 0/0, so torch steps by a fixed amount.
    if (intMod(t - 1 - tMax, 2 * tMax) === 0) return this.group.lr + ((this.baseLr - etaMin) * (1 - this.cosines.cos(Math.PI / tMax))) / 2;
    const ratio = pyDiv(1 + this.cosines.cos((Math.PI * t) / tMax), 1 + this.cosines.cos((Math.PI * (t - 1)) / tMax));
    return ratio * (this.group.lr - etaMin) + etaMin;
  }

  protected override closedFormLr(): number {
    const { T_max: tMax, eta_min: etaMin } = this.config;
    return etaMin + ((this.baseLr - etaMin) * (1 + this.cosines.cos((Math.PI * this.lastEpoch) / tMax))) / 2;
  }
}

export const cosineAnnealingLR = defineScheduler<CosineAnnealingLRConfig>({
  type: 'CosineAnnealingLR',
  defaults: { eta_min: 0, ...EPOCH_DEFAULTS },
  required: ['T_max'],
  read(kw) {
    // T_max 0 makes torch raise ZeroDivisionError at the first step.
    return { type: 'CosineAnnealingLR', T_max: kw.integer('T_max', { min: 1 }), eta_min: kw.number('eta_min', { min: 0 }) };
  },
  create: (group, config, path) => new CosineAnnealingLR(group, path, config),
});
