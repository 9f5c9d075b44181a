/** CosineAnnealingWarmRestarts (SGDR): cosine from the initial lr to eta_min over T_i steps, T_i *= T_mult at each restart. */
import { EPOCH_DEFAULTS } from './kwargs';
import { cos } from './libm';
import { PythonError } from './python';
import { LRScheduler, defineScheduler, type ParamGroup } from './types';

export interface CosineAnnealingWarmRestartsConfig {
  readonly type: 'CosineAnnealingWarmRestarts';
  readonly T_0: number;
  readonly T_mult: number;
  readonly eta_min: number;
}

class CosineAnnealingWarmRestarts extends LRScheduler {
  readonly type = 'CosineAnnealingWarmRestarts';
  private tI: number;
  private tCur: number;

  constructor(
    group: ParamGroup,
    path: string,
    private readonly config: CosineAnnealingWarmRestartsConfig,
  ) {
    super(group, path);
    this.tI = config.T_0;
    this.tCur = this.lastEpoch;
    this.initialStep();
  }

  // torch overrides step() itself: T_cur counts within the current period.
  override step(): void {
    if (this.lastEpoch < 0) {
      this.stepAt(0);
      return;
    }
    this.tCur += 1;
    if (this.tCur >= this.tI) {
      this.tCur -= this.tI;
      this.tI *= this.config.T_mult;
    }
    this.lastEpoch += 1;
    this.group.lr = this.compute(false);
  }

  override stepAt(epoch: number): void {
    const { T_0: t0, T_mult: tMult } = this.config;
    if (epoch < 0) throw new PythonError('ValueError', `Expected non-negative epoch, but got ${epoch}`);
    if (epoch >= t0) {
      if (tMult === 1) {
        this.tCur = epoch % t0;
      } else {
        const n = Math.trunc(Math.log((epoch / t0) * (tMult - 1) + 1) / Math.log(tMult));
        this.tCur = epoch - (t0 * (tMult ** n - 1)) / (tMult - 1);
        this.tI = t0 * tMult ** n;
      }
    } else {
      this.tI = t0;
      this.tCur = epoch;
    }
    this.lastEpoch = Math.floor(epoch);
    this.group.lr = this.compute(false);
  }

  protected getLr(): number {
    const etaMin = this.config.eta_min;
    return etaMin + ((this.baseLr - etaMin) * (1 + cos((Math.PI * this.tCur) / this.tI))) / 2;
  }
}

export const cosineAnnealingWarmRestarts = defineScheduler<CosineAnnealingWarmRestartsConfig>({
  type: 'CosineAnnealingWarmRestarts',
  defaults: { T_mult: 1, eta_min: 0, ...EPOCH_DEFAULTS },
  required: ['T_0'],
  read(kw) {
    return {
      type: 'CosineAnnealingWarmRestarts',
      T_0: kw.integer('T_0', { min: 1 }),
      T_mult: kw.integer('T_mult', { min: 1 }),
      eta_min: kw.number('eta_min', { min: 0 }),
    };
  },
  create: (group, config, path) => new CosineAnnealingWarmRestarts(group, path, config),
});
