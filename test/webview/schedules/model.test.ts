import { describe, expect, it } from 'vitest';
import { SCHEDULERS, SCHEDULER_TYPES, parseScheduleSpec, runSchedule, traceSchedule, validateScheduler } from '../../../src/core/schedule';
import { cadenceLrs, compareCadences, expandPerEpoch } from '../../../src/core/schedule/cadence';
import { chartData, traceEntry, validationCurve, xColumn, DEFAULT_CURVE } from '../../../webview/schedules/compute';
import { addChild, checkSpec, defaultSchedule, paramsOf, readListText, removeChild, starterSpec, torchScheduler } from '../../../webview/schedules/model';

describe('editors derived from the registry', () => {
  it('offer every class, each with its torch keywords and defaults', () => {
    for (const type of SCHEDULER_TYPES) {
      const params = paramsOf(type);
      for (const key of SCHEDULERS[type].required) expect(params.find((p) => p.key === key)?.required, `${type}.${key}`).toBe(true);
      for (const [key, value] of Object.entries(SCHEDULERS[type].defaults)) {
        if (key === 'last_epoch' || key === 'verbose' || key === 'scale_fn') continue;
        expect(params.find((p) => p.key === key)?.fallback, `${type}.${key}`).toEqual(value);
      }
    }
    expect(paramsOf('CyclicLR').find((p) => p.key === 'mode')?.choices).toEqual(['triangular', 'triangular2', 'exp_range']);
    expect(paramsOf('OneCycleLR').find((p) => p.key === 'anneal_strategy')?.choices).toEqual(['cos', 'linear']);
    expect(paramsOf('MultiStepLR').find((p) => p.key === 'milestones')?.kind).toBe('list');
    expect(paramsOf('LambdaLR').find((p) => p.key === 'lr_lambda')?.kind).toBe('lambda');
  });

  it('start every class from a spec the core accepts and can run', () => {
    for (const type of SCHEDULER_TYPES) {
      const spec = starterSpec(type, { baseLr: 0.1, calls: 100 });
      const config = validateScheduler(spec, 'scheduler');
      const metrics = type === 'ReduceLROnPlateau' ? validationCurve(DEFAULT_CURVE, 100) : undefined;
      expect(traceSchedule(config, 0.1, 100, metrics).lrs.every(Number.isFinite), type).toBe(true);
    }
  });

  it('reads lists as numbers and leaves bad tokens for the core to name', () => {
    expect(readListText('30, 80')).toEqual([30, 80]);
    expect(readListText('')).toEqual([]);
    const checked = checkSpec({ type: 'MultiStepLR', milestones: readListText('30, x') });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error.field).toBe('scheduler.milestones[1]');
  });

  it('keeps SequentialLR milestones in step with its children', () => {
    const spec = addChild(defaultSchedule(), 'ExponentialLR', { baseLr: 0.1, calls: 100 });
    expect((spec.schedulers as unknown[]).length).toBe(3);
    expect((spec.milestones as number[]).length).toBe(2);
    expect(checkSpec(spec).ok).toBe(true);
    const back = removeChild(spec, 2);
    expect(back.milestones).toEqual([5]);
  });
});

describe('copy as PyTorch', () => {
  it('writes only non-default keywords, lambdas as code and composites nested', () => {
    expect(torchScheduler({ type: 'StepLR', step_size: 30, gamma: 0.1 })).toBe('torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)');
    expect(torchScheduler({ type: 'LambdaLR', lr_lambda: 'lambda epoch: 0.95 ** epoch' })).toBe('torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=lambda epoch: 0.95 ** epoch)');
    expect(torchScheduler({ type: 'CyclicLR', base_lr: 0.001, max_lr: 0.1, mode: 'triangular2', cycle_momentum: false })).toBe(
      "torch.optim.lr_scheduler.CyclicLR(optimizer, base_lr=0.001, max_lr=0.1, mode='triangular2', cycle_momentum=False)",
    );
    expect(torchScheduler({ type: 'CosineAnnealingLR', T_max: 100, eta_min: 1e-6 })).toBe('torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=100, eta_min=1e-06)');
    expect(torchScheduler(defaultSchedule())).toBe(
      [
        'torch.optim.lr_scheduler.SequentialLR(',
        '    optimizer,',
        '    schedulers=[',
        '        torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1),',
        '        torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=95),',
        '    ],',
        '    milestones=[5],',
        ')',
      ].join('\n'),
    );
  });
});

describe('traces', () => {
  it('equal the CLI for the default schedule', () => {
    const trace = traceEntry({ scheduler: defaultSchedule(), base_lr: 0.1, cadence: 'batch', curve: DEFAULT_CURVE }, 100, 1);
    const cli = runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 100, scheduler: defaultSchedule() })).lrs;
    expect(Array.from(trace.lrs)).toEqual(cli);
  });

  it('mark where ReduceLROnPlateau cuts the lr', () => {
    const curve = { ...DEFAULT_CURVE, shape: 'plateau' as const, plateauAt: 20 };
    const trace = traceEntry({ scheduler: { type: 'ReduceLROnPlateau', patience: 5 }, base_lr: 0.1, cadence: 'batch', curve }, 60, 1);
    const metrics = Array.from(validationCurve(curve, 60));
    const cli = runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 60, scheduler: { type: 'ReduceLROnPlateau', patience: 5 }, metrics })).lrs;
    expect(Array.from(trace.lrs)).toEqual(cli);
    expect(trace.drops.length).toBeGreaterThan(0);
    for (const i of trace.drops) expect(cli[i]).toBeLessThan(cli[i - 1]!);
    expect(trace.drops[0]).toBeGreaterThan(20);
    const data = chartData([{ id: 1, trace }], xColumn(60, 1, 'iterations'), 'linear');
    expect(data.series.map((s) => s.kind)).toEqual(['lr', 'drops']);
    expect((data.columns[2] as (number | null)[]).filter((v) => v !== null)).toHaveLength(trace.drops.length);
  });

  it('reuse a plateau’s curve across edits of the scheduler, and never a curve of another length or seed', () => {
    const curve = { ...DEFAULT_CURVE, shape: 'noisy' as const };
    const plateau = (patience: number, c = curve, steps = 300) => traceEntry({ scheduler: { type: 'ReduceLROnPlateau', patience }, base_lr: 0.1, cadence: 'batch', curve: c }, steps, 1);
    const fresh = (patience: number, c = curve, steps = 300) => plateau(patience, { ...c }, steps);
    plateau(5);
    for (const [patience, c, steps] of [[3, curve, 300], [3, curve, 200], [3, curve, 400], [2, { ...curve, seed: 9 }, 400]] as const) {
      expect(Array.from(plateau(patience, c, steps).lrs), `${patience} ${c.seed} ${steps}`).toEqual(Array.from(fresh(patience, c, steps).lrs));
    }
    const metrics = Array.from(validationCurve(curve, 200));
    expect(Array.from(plateau(3, curve, 200).lrs)).toEqual(runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 200, scheduler: { type: 'ReduceLROnPlateau', patience: 3 }, metrics })).lrs);
  });

  it('seeds the noisy curve', () => {
    const a = validationCurve({ ...DEFAULT_CURVE, shape: 'noisy', seed: 3 }, 50);
    expect(validationCurve({ ...DEFAULT_CURVE, shape: 'noisy', seed: 3 }, 50)).toEqual(a);
    expect(validationCurve({ ...DEFAULT_CURVE, shape: 'noisy', seed: 4 }, 50)).not.toEqual(a);
  });

  it('show the momentum where OneCycleLR cycles it, and where torch raises', () => {
    const trace = traceEntry({ scheduler: { type: 'OneCycleLR', max_lr: 0.1, total_steps: 50 }, base_lr: 0.1, cadence: 'batch', curve: DEFAULT_CURVE }, 60, 1);
    expect(trace.cyclesMomentum).toBe(true);
    expect(trace.raised?.iteration).toBe(51);
    expect(trace.valid).toBe(51);
    const data = chartData([{ id: 1, trace }], xColumn(60, 1, 'iterations'), 'log');
    expect(data.series.map((s) => s.kind)).toEqual(['lr', 'momentum']);
    expect((data.columns[1] as (number | null)[])[55]).toBeNull();
  });

  it('report a bad spec instead of throwing', () => {
    const trace = traceEntry({ scheduler: { type: 'StepLR' }, base_lr: 0.1, cadence: 'batch', curve: DEFAULT_CURVE }, 10, 1);
    expect(trace.error?.field).toBe('scheduler.step_size');
    expect(traceEntry({ scheduler: { type: 'StepLR', step_size: 2 }, base_lr: 'x', cadence: 'batch', curve: DEFAULT_CURVE }, 10, 1).error?.field).toBe('base_lr');
  });
});

describe('cadence helper', () => {
  const spec = { type: 'CosineAnnealingLR', T_max: 100 };
  it('steps the intended curve once per epoch and the actual one every batch', () => {
    const { intended, actual } = compareCadences(spec, 0.1, 500, 100, 'epoch', 'batch');
    const perEpoch = runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 100, scheduler: spec })).lrs;
    const perBatch = runSchedule(parseScheduleSpec({ base_lr: 0.1, steps: 50_000, scheduler: spec })).lrs;
    expect(intended).toHaveLength(50_001);
    expect(actual).toHaveLength(50_001);
    for (const i of [0, 1, 499, 500, 501, 25_000, 49_999, 50_000]) expect(intended[i], `intended ${i}`).toBe(perEpoch[Math.floor(i / 500)]);
    expect(Array.from(actual)).toEqual(perBatch);
    // Stepped per batch, the cosine reaches its minimum after 100 iterations, a fifth of the first epoch.
    expect(actual[100]).toBe(perEpoch[100]);
    expect(intended[100]).toBe(0.1);
  });

  it('names what is wrong', () => {
    expect(() => cadenceLrs({ type: 'CosineAnnealingLR' }, 0.1, 10, 10, 'epoch')).toThrow('scheduler.T_max');
    expect(() => cadenceLrs(spec, 0.1, 1000, 1000, 'epoch')).toThrow('epochs');
    expect(Array.from(expandPerEpoch([1, 2, 3], 2, 5))).toEqual([1, 1, 2, 2, 3, 3]);
  });
});
