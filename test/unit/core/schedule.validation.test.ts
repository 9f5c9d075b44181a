/**
 * Bad schedule specs: every problem is a SpecError that names the field at fault, and nothing is
 * coerced. Fuzzed: random and mutated specs throw SpecError or run; never any other error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../../src/core/errors';
import { MAX_STEPS } from '../../../src/core/spec';
import { runScheduleJson } from '../../../src/core/schedule/run';

function specError(json: unknown): SpecError {
  try {
    runScheduleJson(json);
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error(`no SpecError for ${JSON.stringify(json)}`);
}

const spec = (scheduler: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ base_lr: 0.1, steps: 10, scheduler, ...extra });

describe('schedule spec validation names the field', () => {
  it.each<[string, unknown, string, string]>([
    ['not an object', [1, 2], '', 'expected an object'],
    ['missing base_lr', { steps: 1, scheduler: { type: 'StepLR', step_size: 1 } }, 'base_lr', 'missing'],
    ['negative lr', { ...spec({ type: 'StepLR', step_size: 1 }), base_lr: -0.1 }, 'base_lr', '>= 0'],
    ['string lr', { ...spec({ type: 'StepLR', step_size: 1 }), base_lr: '0.1' }, 'base_lr', 'expected a number'],
    ['non-finite lr', { ...spec({ type: 'StepLR', step_size: 1 }), base_lr: Infinity }, 'base_lr', 'finite'],
    ['too many steps', { ...spec({ type: 'StepLR', step_size: 1 }), steps: MAX_STEPS + 1 }, 'steps', `<= ${MAX_STEPS}`],
    ['fractional steps', { ...spec({ type: 'StepLR', step_size: 1 }), steps: 1.5 }, 'steps', 'integer'],
    ['negative steps', { ...spec({ type: 'StepLR', step_size: 1 }), steps: -1 }, 'steps', '>= 0'],
    ['unknown top-level key', { ...spec({ type: 'StepLR', step_size: 1 }), optimizer: 'SGD' }, 'optimizer', 'unknown keyword'],
    ['missing scheduler', { base_lr: 0.1, steps: 1 }, 'scheduler', 'missing'],
    ['scheduler not an object', spec('StepLR'), 'scheduler', 'expected an object'],
    ['missing type', spec({ step_size: 1 }), 'scheduler.type', 'missing'],
    ['unknown type', spec({ type: 'WarmupLR' }), 'scheduler.type', 'expected one of LambdaLR'],
    ['missing required keyword', spec({ type: 'StepLR' }), 'scheduler.step_size', 'requires'],
    ['unknown keyword', spec({ type: 'StepLR', step_size: 3, gama: 0.5 }), 'scheduler.gama', 'unknown keyword'],
    ['wrong keyword type', spec({ type: 'StepLR', step_size: '3' }), 'scheduler.step_size', 'expected a number'],
    ['fractional int keyword', spec({ type: 'StepLR', step_size: 2.5 }), 'scheduler.step_size', 'integer'],
    ['zero step_size', spec({ type: 'StepLR', step_size: 0 }), 'scheduler.step_size', '>= 1'],
    ['NaN keyword', spec({ type: 'ExponentialLR', gamma: NaN }), 'scheduler.gamma', 'finite'],
    ['resuming last_epoch', spec({ type: 'ExponentialLR', gamma: 0.9, last_epoch: 5 }), 'scheduler.last_epoch', '<= -1'],
    ['verbose not a bool', spec({ type: 'ExponentialLR', gamma: 0.9, verbose: 1 }), 'scheduler.verbose', 'true or false'],
    ['lambda with an unknown name', spec({ type: 'LambdaLR', lr_lambda: 'lambda e: decay ** e' }), 'scheduler.lr_lambda', 'the name "decay"'],
    ['lambda not a string', spec({ type: 'LambdaLR', lr_lambda: 0.5 }), 'scheduler.lr_lambda', 'lambda source'],
    ['two lambdas for one group', spec({ type: 'MultiplicativeLR', lr_lambda: ['lambda e: 1', 'lambda e: 2'] }), 'scheduler.lr_lambda', 'expected 1'],
    ['milestone not an int', spec({ type: 'MultiStepLR', milestones: [10, 'x'] }), 'scheduler.milestones[1]', 'expected a number'],
    ['ConstantLR factor > 1', spec({ type: 'ConstantLR', factor: 1.5 }), 'scheduler.factor', '<= 1'],
    ['LinearLR start_factor 0', spec({ type: 'LinearLR', start_factor: 0 }), 'scheduler.start_factor', '> 0'],
    ['CosineAnnealingLR T_max 0', spec({ type: 'CosineAnnealingLR', T_max: 0 }), 'scheduler.T_max', '>= 1'],
    ['T_mult 0', spec({ type: 'CosineAnnealingWarmRestarts', T_0: 5, T_mult: 0 }), 'scheduler.T_mult', '>= 1'],
    ['CyclicLR scale_fn', spec({ type: 'CyclicLR', base_lr: 0.01, max_lr: 0.1, scale_fn: 'lambda x: 1.0' }), 'scheduler.scale_fn', 'not supported'],
    ['CyclicLR missing max_lr', spec({ type: 'CyclicLR', base_lr: 0.01 }), 'scheduler.max_lr', 'requires'],
    ['CyclicLR bad mode', spec({ type: 'CyclicLR', base_lr: 0.01, max_lr: 0.1, mode: 'sine' }), 'scheduler.mode', 'expected one of'],
    ['CyclicLR list of two', spec({ type: 'CyclicLR', base_lr: [0.01, 0.02], max_lr: 0.1 }), 'scheduler.base_lr', 'expected 1 value'],
    ['OneCycleLR without total', spec({ type: 'OneCycleLR', max_lr: 0.1, epochs: 3 }), 'scheduler.total_steps', 'needs total_steps'],
    ['OneCycleLR pct_start', spec({ type: 'OneCycleLR', max_lr: 0.1, total_steps: 10, pct_start: 1.5 }), 'scheduler.pct_start', '<= 1'],
    ['OneCycleLR strategy', spec({ type: 'OneCycleLR', max_lr: 0.1, total_steps: 10, anneal_strategy: 'cosine' }), 'scheduler.anneal_strategy', 'cos, linear'],
    ['plateau factor 1', spec({ type: 'ReduceLROnPlateau', factor: 1 }, { metrics: [] }), 'scheduler.factor', '< 1'],
    ['plateau without metrics', spec({ type: 'ReduceLROnPlateau' }), 'metrics', 'needs a metric for each of the 10 steps'],
    ['plateau with too few metrics', spec({ type: 'ReduceLROnPlateau' }, { metrics: [1, 2] }), 'metrics', 'got 2'],
    ['metric not a number', spec({ type: 'ReduceLROnPlateau' }, { metrics: [1, 'x'] }), 'metrics[1]', 'expected a number'],
    ['metrics nothing reads', spec({ type: 'ConstantLR' }, { metrics: [1] }), 'metrics', 'ConstantLR takes no metric'],
    ['metrics, even empty, for a composite', spec({ type: 'SequentialLR', schedulers: [{ type: 'ConstantLR' }], milestones: [] }, { metrics: [] }), 'metrics', 'SequentialLR takes no metric'],
    ['a batch over the output cap', { cases: Array.from({ length: 21 }, () => spec({ type: 'ConstantLR' }, { steps: MAX_STEPS })) }, 'cases', 'the output would hold 2100021 numbers; at most 2000000'],
    ['SequentialLR milestone count', spec({ type: 'SequentialLR', schedulers: [{ type: 'ConstantLR' }], milestones: [3] }), 'scheduler.milestones', 'expected 0'],
    ['SequentialLR empty', spec({ type: 'SequentialLR', schedulers: [], milestones: [] }), 'scheduler.schedulers', 'at least one'],
    ['nested bad keyword', spec({ type: 'SequentialLR', schedulers: [{ type: 'ConstantLR' }, { type: 'ExponentialLR', gamma: -1 }], milestones: [3] }), 'scheduler.schedulers[1].gamma', '>= 0'],
    ['nested unknown type', spec({ type: 'ChainedScheduler', schedulers: [{ type: 'ConstantLR' }, { type: 'Nope' }] }), 'scheduler.schedulers[1].type', 'expected one of'],
    ['ChainedScheduler in SequentialLR', spec({ type: 'SequentialLR', schedulers: [{ type: 'ChainedScheduler', schedulers: [{ type: 'ConstantLR' }] }], milestones: [] }), 'scheduler.schedulers[0].type', 'AttributeError'],
    ['ReduceLROnPlateau in SequentialLR', spec({ type: 'SequentialLR', schedulers: [{ type: 'ConstantLR' }, { type: 'ReduceLROnPlateau' }], milestones: [50] }), 'scheduler.schedulers[1].type', 'needs a metric'],
    ['ReduceLROnPlateau in ChainedScheduler', spec({ type: 'ChainedScheduler', schedulers: [{ type: 'ReduceLROnPlateau' }] }), 'scheduler.schedulers[0].type', 'ValueError'],
    ['ChainedScheduler keyword', spec({ type: 'ChainedScheduler', schedulers: [{ type: 'ConstantLR' }], last_epoch: -1 }), 'scheduler.last_epoch', 'unknown keyword'],
    ['batch case', { cases: [spec({ type: 'ConstantLR' }), { ...spec({ type: 'ConstantLR' }), steps: 'ten' }] }, 'cases[1].steps', 'expected a number'],
    ['batch with extra key', { cases: [], extra: 1 }, 'extra', 'unknown keyword'],
    ['batch not a list', { cases: {} }, 'cases', 'expected an array'],
  ])('%s', (_label, json, field, reason) => {
    const error = specError(json);
    expect(error.field).toBe(field);
    expect(error.message).toContain(reason);
  });

  it('names the scheduler and keyword when torch would raise mid-run', () => {
    const oneCycle = specError(spec({ type: 'OneCycleLR', max_lr: 0.1, total_steps: 10 }, { steps: 12 }));
    expect(oneCycle.field).toBe('scheduler.total_steps');
    expect(oneCycle.message).toContain('Tried to step 11 times. The specified number of total steps is 10');

    const lambda = specError({ cases: [spec({ type: 'LambdaLR', lr_lambda: 'lambda e: 1 / (e - 3)' })] });
    expect(lambda.field).toBe('cases[0].scheduler.lr_lambda');
    expect(lambda.message).toContain('ZeroDivisionError: division by zero at column 13 (when e = 3)');

    const nested = specError({
      cases: [spec({ type: 'SequentialLR', schedulers: [{ type: 'ConstantLR' }, { type: 'SequentialLR', schedulers: [{ type: 'ConstantLR' }], milestones: [] }], milestones: [4] })],
    });
    expect(nested.field).toBe('cases[0].scheduler.schedulers[1]');
    expect(nested.message).toContain('TypeError');

    const constant = specError(spec({ type: 'ConstantLR', factor: 0, total_iters: 3 }));
    expect(constant.field).toBe('scheduler.factor');
    expect(constant.message).toContain('ZeroDivisionError');
  });
});

describe('fuzzed specs', () => {
  const valid: Record<string, unknown>[] = [
    spec({ type: 'StepLR', step_size: 3 }),
    spec({ type: 'LambdaLR', lr_lambda: 'lambda e: 0.9 ** e' }),
    spec({ type: 'CyclicLR', base_lr: 0.01, max_lr: 0.1, step_size_up: 4 }),
    spec({ type: 'OneCycleLR', max_lr: 0.1, total_steps: 20 }),
    spec({ type: 'ReduceLROnPlateau', patience: 1 }, { metrics: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }),
    spec({ type: 'SequentialLR', schedulers: [{ type: 'LinearLR' }, { type: 'CosineAnnealingLR', T_max: 5 }], milestones: [5] }),
    spec({ type: 'ChainedScheduler', schedulers: [{ type: 'ExponentialLR', gamma: 0.9 }, { type: 'MultiStepLR', milestones: [2, 2] }] }),
  ];

  /** Replaces the value at a random path of a valid spec with `replacement`. */
  function mutate(base: unknown, path: readonly number[], replacement: unknown): unknown {
    if (path.length === 0 || typeof base !== 'object' || base === null) return replacement;
    const entries = Array.isArray(base) ? base.map((v, i) => [String(i), v] as const) : Object.entries(base);
    if (entries.length === 0) return replacement;
    const index = (path[0] as number) % entries.length;
    const copy: Record<string, unknown> | unknown[] = Array.isArray(base) ? [...base] : { ...base };
    const [key, value] = entries[index] as readonly [string, unknown];
    (copy as Record<string, unknown>)[key] = mutate(value, path.slice(1), replacement);
    return copy;
  }

  const anyJson = fc.jsonValue({ maxDepth: 3 }).map((v) => (typeof v === 'number' && Math.abs(v) > 1000 ? v % 1000 : v));

  it('random JSON throws SpecError or runs; never anything else', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, fc.record({ base_lr: anyJson, steps: anyJson, scheduler: anyJson })), (json) => {
        try {
          runScheduleJson(json);
        } catch (error) {
          expect(error).toBeInstanceOf(SpecError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('mutated valid specs throw SpecError or give steps + 1 numbers', () => {
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.array(fc.nat(), { maxLength: 5 }), anyJson, (base, path, replacement) => {
        const json = mutate(base, path, replacement);
        try {
          const out = runScheduleJson(json) as { lrs: number[] };
          expect(out.lrs).toHaveLength((json as { steps: number }).steps + 1);
        } catch (error) {
          expect(error).toBeInstanceOf(SpecError);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('bad values always throw SpecError', () => {
    const badValue = fc.oneof(fc.string(), fc.constant(null), fc.boolean(), fc.constant(NaN), fc.constant(Infinity), fc.constant(-1e9), fc.array(fc.integer(), { minLength: 2 }), fc.object());
    fc.assert(
      fc.property(fc.constantFrom(...valid.slice(0, 4)), fc.constantFrom('base_lr', 'steps', 'scheduler'), badValue, (base, key, value) => {
        expect(() => runScheduleJson({ ...base, [key]: value })).toThrow(SpecError);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.string({ minLength: 1 }), anyJson, (base, key, value) => {
        fc.pre(!['base_lr', 'steps', 'scheduler', 'metrics', 'cases'].includes(key));
        expect(() => runScheduleJson({ ...base, [key]: value })).toThrow(SpecError);
      }),
      { numRuns: 300 },
    );
  });
});
