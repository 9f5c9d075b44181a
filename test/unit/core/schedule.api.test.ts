/**
 * The schedule API around the schedulers: the registry (torch's defaults and signatures), the CLI
 * contract's JSON in and out, batches, and the allocation-free instance the webview steps.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../../src/core/errors';
import {
  SCHEDULERS,
  SCHEDULER_TYPES,
  ScheduleInstance,
  parseScheduleSpec,
  runSchedule,
  runScheduleJson,
  simulateSchedule,
  traceSchedule,
  validateScheduler,
} from '../../../src/core/schedule';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/schedule.json', import.meta.url), 'utf8')) as {
  readonly signatures: Readonly<Record<string, { readonly defaults: Record<string, unknown>; readonly required: readonly string[] }>>;
};

describe('registry', () => {
  it('has every torch 1.13 scheduler class, with torch’s defaults and required keywords', () => {
    expect([...SCHEDULER_TYPES].sort()).toEqual(Object.keys(fixture.signatures).sort());
    for (const type of SCHEDULER_TYPES) {
      const torch = fixture.signatures[type]!;
      expect(SCHEDULERS[type].defaults, type).toEqual(torch.defaults);
      expect([...SCHEDULERS[type].required].sort(), type).toEqual([...torch.required].sort());
    }
  });

  it('validates keywords into configs with defaults filled in, and creates schedulers', () => {
    const config = validateScheduler({ type: 'CyclicLR', base_lr: 0.01, max_lr: 0.1 }, 'scheduler');
    expect(config).toMatchObject({ type: 'CyclicLR', step_size_up: 2000, step_size_down: undefined, mode: 'triangular', base_momentum: 0.8, max_momentum: 0.9 });
    const step = SCHEDULERS.StepLR.validate({ type: 'StepLR', step_size: 5 }, 'scheduler', validateScheduler);
    expect(step).toEqual({ type: 'StepLR', step_size: 5, gamma: 0.1 });
  });
});

describe('the schedule contract', () => {
  it('maps a spec to lr_0 … lr_N', () => {
    const out = runScheduleJson({ base_lr: 0.1, steps: 6, scheduler: { type: 'StepLR', step_size: 2, gamma: 0.5 } });
    expect(out).toEqual({ lrs: [0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125] });
  });

  it('runs batches in order', () => {
    const out = runScheduleJson({
      cases: [
        { base_lr: 1, steps: 2, scheduler: { type: 'ExponentialLR', gamma: 0.5 } },
        { base_lr: 1, steps: 3, scheduler: { type: 'ReduceLROnPlateau', patience: 0 }, metrics: [1, 2, 3] },
      ],
    });
    expect(out).toEqual({ results: [{ lrs: [1, 0.5, 0.25] }, { lrs: [1, 1, 0.1, 0.010000000000000002] }] });
  });

  it('accepts steps 0 and verbose', () => {
    expect(runScheduleJson({ base_lr: 0.1, steps: 0, scheduler: { type: 'ReduceLROnPlateau' } })).toEqual({ lrs: [0.1] });
    expect(runScheduleJson({ base_lr: 0.1, steps: 1, scheduler: { type: 'ConstantLR', verbose: true } })).toEqual({
      lrs: [0.03333333333333333, 0.03333333333333333],
    });
  });

  it('writes an lr that overflowed as null in JSON, as torch’s inf has no JSON form', () => {
    const out = runScheduleJson({ base_lr: 1, steps: 400, scheduler: { type: 'MultiplicativeLR', lr_lambda: 'lambda e: 10.0' } }) as { lrs: number[] };
    expect(out.lrs[400]).toBe(Infinity);
    expect(JSON.parse(JSON.stringify(out)).lrs[400]).toBeNull();
  });

  it('reports OneCycleLR stepped past total_steps as torch 2.x words it', () => {
    const spec = parseScheduleSpec({ base_lr: 0.1, steps: 101, scheduler: { type: 'OneCycleLR', max_lr: 1, total_steps: 100 } });
    expect(() => runSchedule(spec)).toThrow(new SpecError('scheduler.total_steps', "torch's OneCycleLR raises ValueError: Tried to step 101 times. The specified number of total steps is 100"));
    expect(runSchedule({ ...spec, steps: 100 }).lrs).toHaveLength(101);
  });

  it('CosineAnnealingLR keeps oscillating past T_max, back to the initial lr at 2·T_max', () => {
    const { lrs } = runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 40, scheduler: { type: 'CosineAnnealingLR', T_max: 10, eta_min: 0.001 } }));
    expect(lrs[10]).toBeCloseTo(0.001, 15);
    expect(lrs[20]).toBeCloseTo(0.1, 15);
    expect(lrs[30]).toBeCloseTo(0.001, 15);
  });

  it('SequentialLR resets to the first scheduler’s lr and uses closed forms at milestones', () => {
    const { lrs } = runSchedule(
      parseScheduleSpec({
        base_lr: 1,
        steps: 6,
        scheduler: { type: 'SequentialLR', schedulers: [{ type: 'ConstantLR', factor: 0.5, total_iters: 10 }, { type: 'ExponentialLR', gamma: 0.5 }], milestones: [3] },
      }),
    );
    expect(lrs).toEqual([0.5, 0.5, 0.5, 1, 0.5, 0.25, 0.125]);
  });
});

describe('the instance API', () => {
  it('steps one call at a time and exposes lr, momentum and the step count', () => {
    const config = validateScheduler({ type: 'OneCycleLR', max_lr: 0.1, total_steps: 10 }, 'scheduler');
    const instance = new ScheduleInstance(config, 0.5);
    // torch 1.13: lr 0.0040000000000000036, momentum 0.95; after two steps 0.1 and 0.85.
    expect([instance.lr, instance.momentum]).toEqual([0.0040000000000000036, 0.95]);
    instance.step();
    instance.step();
    expect(instance.steps).toBe(2);
    expect([instance.lr, instance.momentum]).toEqual([0.1, 0.85]);
  });

  it('needs a metric per step for ReduceLROnPlateau', () => {
    const instance = new ScheduleInstance(validateScheduler({ type: 'ReduceLROnPlateau', patience: 0 }, 'scheduler'), 1);
    instance.step(1);
    instance.step(2);
    expect(instance.lr).toBeCloseTo(0.1, 16);
    expect(() => instance.step()).toThrow(SpecError);
  });

  it('writes traces into caller-owned arrays', () => {
    const config = validateScheduler({ type: 'CyclicLR', base_lr: 0.01, max_lr: 0.1, step_size_up: 2 }, 'scheduler');
    const into = { lrs: new Float64Array(5), momenta: new Float64Array(5) };
    expect(traceSchedule(config, 0.1, 4, undefined, into)).toBe(into);
    // torch 1.13's values.
    expect(Array.from(into.lrs)).toEqual([0.01, 0.05500000000000001, 0.1, 0.05500000000000001, 0.01]);
    expect(Array.from(into.momenta)).toEqual([0.9, 0.8500000000000001, 0.8, 0.8500000000000001, 0.9]);
  });

  it('computes 100,000 steps of composite and closed-form schedulers (speed is measured in npm run bench)', () => {
    const schedulers = [
      { type: 'LambdaLR', lr_lambda: 'lambda e: 0.5 * (1 + math.cos(math.pi * e / 1000))' },
      { type: 'CosineAnnealingLR', T_max: 1000 },
      { type: 'OneCycleLR', max_lr: 0.1, total_steps: 100_000 },
      { type: 'SequentialLR', schedulers: [{ type: 'LinearLR' }, { type: 'CosineAnnealingWarmRestarts', T_0: 100, T_mult: 2 }], milestones: [5] },
    ];
    for (const scheduler of schedulers) {
      const trace = simulateSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 100_000, scheduler }));
      expect(trace.lrs).toHaveLength(100_001);
      expect(Array.from(trace.lrs).every((lr) => Number.isFinite(lr) && lr >= 0), scheduler.type).toBe(true);
    }
  });
});
