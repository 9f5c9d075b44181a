/**
 * OneCycleLR: warm up from max_lr/div_factor to max_lr, then anneal to initial_lr/final_div_factor
 * (three_phase: back to initial_lr first), with momentum cycled inversely. Not chainable: every
 * value comes from the phase table and the param group's initial_lr/max_lr/min_lr.
 */
import { SpecError } from '../errors';
import { EPOCH_DEFAULTS } from './kwargs';
import { RememberingCos } from './libm';
import { pyDiv } from './python';
import { LRScheduler, defineScheduler, type ParamGroup } from './types';

export interface OneCycleLRConfig {
  readonly type: 'OneCycleLR';
  readonly max_lr: number;
  /** total_steps, or epochs * steps_per_epoch. */
  readonly total_steps: number;
  readonly pct_start: number;
  readonly anneal_strategy: 'cos' | 'linear';
  readonly cycle_momentum: boolean;
  readonly base_momentum: number;
  readonly max_momentum: number;
  readonly div_factor: number;
  readonly final_div_factor: number;
  readonly three_phase: boolean;
}

type GroupKey = 'initialLr' | 'maxLr' | 'minLr' | 'maxMomentum' | 'baseMomentum';

interface Phase {
  readonly endStep: number;
  readonly startLr: GroupKey;
  readonly endLr: GroupKey;
  readonly startMomentum: GroupKey;
  readonly endMomentum: GroupKey;
}

function phases(config: OneCycleLRConfig): readonly Phase[] {
  const { pct_start: pct, total_steps: total } = config;
  if (config.three_phase) {
    return [
      { endStep: pct * total - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
      { endStep: 2 * pct * total - 2, startLr: 'maxLr', endLr: 'initialLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
      { endStep: total - 1, startLr: 'initialLr', endLr: 'minLr', startMomentum: 'maxMomentum', endMomentum: 'maxMomentum' },
    ];
  }
  return [
    { endStep: pct * total - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
    { endStep: total - 1, startLr: 'maxLr', endLr: 'minLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
  ];
}

function read(group: ParamGroup, key: GroupKey): number {
  return group[key] ?? NaN;
}

type Anneal = (start: number, end: number, pct: number) => number;

/** torch's `_annealing_cos`; lr and momentum anneal with the same pct, so the cosine is remembered. */
function annealCos(cosines: RememberingCos): Anneal {
  return (start, end, pct) => {
    const cosOut = cosines.cos(Math.PI * pct) + 1;
    return end + ((start - end) / 2.0) * cosOut;
  };
}

function annealLinear(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}

class OneCycleLR extends LRScheduler {
  readonly type = 'OneCycleLR';
  private readonly phases: readonly Phase[];
  private readonly anneal: Anneal;

  constructor(group: ParamGroup, path: string, private readonly config: OneCycleLRConfig) {
    // torch writes these on the param group before _LRScheduler.__init__, overwriting initial_lr.
    group.initialLr = config.max_lr / config.div_factor;
    group.maxLr = config.max_lr;
    group.minLr = group.initialLr / config.final_div_factor;
    if (config.cycle_momentum) {
      group.momentum = config.max_momentum;
      group.maxMomentum = config.max_momentum;
      group.baseMomentum = config.base_momentum;
    }
    super(group, path);
    this.phases = phases(config);
    this.anneal = config.anneal_strategy === 'cos' ? annealCos(new RememberingCos()) : annealLinear;
    this.initialStep();
  }

  protected getLr(): number {
    const step = this.lastEpoch;
    const total = this.config.total_steps;
    if (step > total) {
      // torch 1.13 reports step + 1 (it counts the constructor's step); 2.x reports the calls of step().
      throw new SpecError(`${this.path}.total_steps`, `torch's OneCycleLR raises ValueError: Tried to step ${step} times. The specified number of total steps is ${total}`);
    }
    const group = this.group;
    let start = 0;
    for (let i = 0; i < this.phases.length; i++) {
      const phase = this.phases[i] as Phase;
      if (step <= phase.endStep || i === this.phases.length - 1) {
        const pct = pyDiv(step - start, phase.endStep - start, 'pct_start');
        if (this.config.cycle_momentum) group.momentum = this.anneal(read(group, phase.startMomentum), read(group, phase.endMomentum), pct);
        return this.anneal(read(group, phase.startLr), read(group, phase.endLr), pct);
      }
      start = phase.endStep;
    }
    throw new Error('unreachable: the last phase always matches');
  }
}

export const oneCycleLR = defineScheduler<OneCycleLRConfig>({
  type: 'OneCycleLR',
  defaults: {
    total_steps: null,
    epochs: null,
    steps_per_epoch: null,
    pct_start: 0.3,
    anneal_strategy: 'cos',
    cycle_momentum: true,
    base_momentum: 0.85,
    max_momentum: 0.95,
    div_factor: 25.0,
    final_div_factor: 1e4,
    three_phase: false,
    ...EPOCH_DEFAULTS,
  },
  required: ['max_lr'],
  read(kw) {
    const totalSteps = kw.optionalInteger('total_steps', { min: 1 });
    const epochs = kw.optionalInteger('epochs', { min: 1 });
    const stepsPerEpoch = kw.optionalInteger('steps_per_epoch', { min: 1 });
    if (totalSteps === undefined && (epochs === undefined || stepsPerEpoch === undefined)) {
      throw new SpecError(kw.path('total_steps'), 'OneCycleLR needs total_steps, or both epochs and steps_per_epoch');
    }
    return {
      type: 'OneCycleLR',
      max_lr: kw.perGroupNumber('max_lr', { min: 0 }),
      total_steps: totalSteps ?? (epochs as number) * (stepsPerEpoch as number),
      pct_start: kw.number('pct_start', { min: 0, max: 1 }),
      anneal_strategy: kw.choice('anneal_strategy', ['cos', 'linear']),
      cycle_momentum: kw.boolean('cycle_momentum'),
      base_momentum: kw.perGroupNumber('base_momentum'),
      max_momentum: kw.perGroupNumber('max_momentum'),
      // Zero would make torch divide by zero in its constructor.
      div_factor: kw.number('div_factor', { greaterThan: 0 }),
      final_div_factor: kw.number('final_div_factor', { greaterThan: 0 }),
      three_phase: kw.boolean('three_phase'),
    };
  },
  create: (group, config, path) => new OneCycleLR(group, path, config),
});
